import { useSyncExternalStore } from "react";
import { Badge } from "./badge";
import { describeTimeLeft, formatInZone } from "./countdown-format";
import { useViewerZone } from "./viewer-zone";

/**
 * Time left until a due date, with the due time in a named time zone.
 *
 * `timeZone`: the zone to show (a partner's own zone). Without it, the viewer's own zone (their
 * account setting); outside a workspace, UTC on the server and the browser's zone once hydrated. `now` comes from the
 * loader (the server clock), so the server render and hydration agree.
 */
export function Countdown({
  due,
  now,
  timeZone,
  label = "Due",
}: {
  due: Date | string;
  now: Date | string;
  timeZone?: string;
  label?: string;
}) {
  const accountZone = useViewerZone();
  // null on the server and during hydration (so both renders agree), the browser's zone after.
  const browserZone = useSyncExternalStore(noSubscription, readBrowserZone, () => null);
  const dueAt = new Date(due);
  const left = describeTimeLeft(dueAt, new Date(now));
  const { text, zone } = formatInZone(dueAt, timeZone ?? accountZone ?? browserZone ?? "UTC");
  return (
    <span className="countdown">
      <Badge tone={left.tone}>{left.text}</Badge>
      <span className="countdown-due">
        {label}{" "}
        <time dateTime={dueAt.toISOString()} suppressHydrationWarning>
          {text}
        </time>
      </span>
      <span className="countdown-zone" suppressHydrationWarning>
        Time zone: {zone}
      </span>
    </span>
  );
}

const noSubscription = () => () => {};
const readBrowserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
