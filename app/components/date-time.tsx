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
