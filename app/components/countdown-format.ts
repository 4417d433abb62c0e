const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type CountdownTone = "neutral" | "warning" | "danger";

/**
 * "2 d 4 h left", "35 min left", "overdue by 3 h". Rounded down to the largest two units, so
 * the text never promises more time than there is. `soonMs`: below this, the tone is a warning.
 */
export function describeTimeLeft(
  due: Date,
  now: Date,
  soonMs = DAY,
): { text: string; tone: CountdownTone; overdue: boolean } {
  const diff = due.getTime() - now.getTime();
  if (diff <= 0) {
    const late = -diff;
    return { text: late < MINUTE ? "due now" : `overdue by ${span(late)}`, tone: "danger", overdue: true };
  }
  return { text: `${span(diff)} left`, tone: diff < soonMs ? "warning" : "neutral", overdue: false };
}

function span(ms: number): string {
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  return `${Math.max(minutes, 1)} min`;
}

/** "Tue 14 Jan, 09:00 PST" in the given IANA zone (falls back to UTC for an unknown zone). */
export function formatInZone(at: Date, timeZone: string): { text: string; zone: string } {
  const zone = isTimeZone(timeZone) ? timeZone : "UTC";
  const text = new Intl.DateTimeFormat("en-GB", {
    timeZone: zone,
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  }).format(at);
  return { text, zone };
}

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
