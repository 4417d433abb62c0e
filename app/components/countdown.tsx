import { Badge } from "./badge";
import { describeTimeLeft, formatInZone } from "./countdown-format";

/**
 * Time left until a due date, with the due time in the viewer's time zone and the zone named.
 * `now` comes from the loader (the server clock), so the server render and hydration agree.
 */
export function Countdown({
  due,
  now,
  timeZone,
  label = "Due",
}: {
  due: Date | string;
  now: Date | string;
  timeZone: string;
  label?: string;
}) {
  const dueAt = new Date(due);
  const left = describeTimeLeft(dueAt, new Date(now));
  const { text, zone } = formatInZone(dueAt, timeZone);
  return (
    <span className="countdown">
      <Badge tone={left.tone}>{left.text}</Badge>
      <span className="countdown-due">
        {label}{" "}
        <time dateTime={dueAt.toISOString()} suppressHydrationWarning>
          {text}
        </time>
      </span>
      <span className="countdown-zone">Time zone: {zone}</span>
    </span>
  );
}
