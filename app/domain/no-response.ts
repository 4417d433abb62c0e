/**
 * "No response" as a loss reason: allowed only after real effort, because most leads convert
 * only after the fourth touch. Default: at least 4 logged touches spanning at least 7 days.
 */
import { MINUTE_MS, describeMinutes, type Policy } from "./policy";

export function canReportNoResponse(
  touchTimes: Date[],
  policy: Pick<Policy, "noResponseMinTouches" | "noResponseMinSpanMinutes">,
): { ok: true } | { ok: false; reason: string } {
  const need = `“No response” needs at least ${policy.noResponseMinTouches} logged touches over at least ${describeMinutes(policy.noResponseMinSpanMinutes)}`;
  const n = touchTimes.length;
  if (n < policy.noResponseMinTouches) {
    return { ok: false, reason: `${need}; ${n} ${n === 1 ? "touch is" : "touches are"} logged so far.` };
  }
  const times = touchTimes.map((t) => t.getTime());
  const spanMs = Math.max(...times) - Math.min(...times);
  if (spanMs < policy.noResponseMinSpanMinutes * MINUTE_MS) {
    const span = describeMinutes(policy.noResponseMinSpanMinutes);
    return { ok: false, reason: `${need}; the first and last touch are less than ${span} apart.` };
  }
  return { ok: true };
}
