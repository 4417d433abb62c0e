import { useEffect, useState } from "react";
import { Badge } from "./badge";
import { describeTimeLeft, formatInZone } from "./countdown-format";

/**
 * Time left until a due date, with the due time in a named time zone.
 *
 * `timeZone`: the zone to show (a partner's own zone). Without it, the page renders in UTC on
 * the server and switches to the viewer's browser zone once hydrated. `now` comes from the
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
  const [viewerZone, setViewerZone] = useState<string | null>(null);
  useEffect(() => {
    if (!timeZone) setViewerZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
  }, [timeZone]);
  const dueAt = new Date(due);
  const left = describeTimeLeft(dueAt, new Date(now));
  const { text, zone } = formatInZone(dueAt, timeZone ?? viewerZone ?? "UTC");
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
