import { formatInZone } from "./countdown-format";
import { useViewerZone } from "./viewer-zone";

/**
 * An instant as people read it, with its zone named ("Tue 14 Jan 2026, 09:00 UTC"): in the
 * zone given, else the viewer's own (set on their account page), else UTC.
 */
export function DateTime({
  at,
  timeZone,
  fallback = "never",
}: {
  at: Date | string | null;
  timeZone?: string;
  fallback?: string;
}) {
  const viewerZone = useViewerZone();
  if (!at) return <>{fallback}</>;
  const d = new Date(at);
  return <time dateTime={d.toISOString()}>{formatInZone(d, timeZone ?? viewerZone ?? "UTC").text}</time>;
}

const INSTANT = /(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z)/;

/**
 * Text that may carry instants written as ISO strings (the routing rules' reasons, stored with
 * each decision: "Paused until 2026-01-14T08:00:00.000Z."), each shown as `DateTime` shows it.
 */
export function TextWithTimes({ text }: { text: string }) {
  return <>{text.split(INSTANT).map((part, i) => (i % 2 ? <DateTime key={i} at={part} /> : part))}</>;
}
