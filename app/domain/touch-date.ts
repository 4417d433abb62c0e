/**
 * The day a touch happened, as the partner's people enter it: a calendar day in the partner's
 * time zone, never in the future. Today means now; an earlier day means its last minute there
 * (a time inside that day that cannot fall before an acceptance made earlier the same day).
 */

/** "2026-01-14": the calendar day of `at` in `timeZone`. */
export function dayInZone(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

/** How far `timeZone`'s wall clock is ahead of UTC at `at`, in ms. */
function zoneOffsetMs(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * When a touch on `day` counts as having happened, or why the day cannot be taken:
 * today → `now`; a past day → 23:59 that day in `timeZone`; a future day is refused.
 */
export function touchTime(
  day: string,
  timeZone: string,
  now: Date,
): { ok: true; at: Date } | { ok: false; reason: string } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const wall = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59) : NaN;
  if (!match || Number.isNaN(wall) || new Date(wall).toISOString().slice(0, 10) !== day) {
    return { ok: false, reason: "Enter the day of the touch." };
  }
  const today = dayInZone(now, timeZone);
  if (day > today) return { ok: false, reason: "The day of a touch cannot be in the future." };
  if (day === today) return { ok: true, at: now };
  const guess = wall - zoneOffsetMs(new Date(wall), timeZone);
  return { ok: true, at: new Date(wall - zoneOffsetMs(new Date(guess), timeZone)) };
}
