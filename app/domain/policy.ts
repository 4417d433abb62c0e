/**
 * The lead management policy: the written service-level rules both sides agreed to.
 * One editable, versioned policy is in force at a time; every obligation remembers the
 * version it was created under, so editing the policy never moves a deadline already set.
 * Durations are whole minutes (calendar time; business hours are out of scope).
 */
import type { ObligationKind } from "./obligations";

export interface Policy {
  version: number;
  /** Accept or decline an offer within this many minutes of the offer. */
  acceptWithinMinutes: number;
  /** First logged touch within this many minutes of acceptance. */
  firstTouchWithinMinutes: number;
  /** A status update (touch or stage change) at least this often while the lead is open. */
  updateEveryMinutes: number;
  /** Outcome reported within this many minutes of acceptance. */
  outcomeWithinMinutes: number;
  /** "No response" as a loss reason needs at least this many logged touches... */
  noResponseMinTouches: number;
  /** ...spread over at least this many minutes, first touch to last. */
  noResponseMinSpanMinutes: number;
  /** Remind when this fraction of a deadline's window has passed. */
  reminderAtFraction: number;
  /** The compliance score looks back this many days. */
  scoreWindowDays: number;
  /** What each kind of obligation weighs in the score (whole numbers; their sum need not be 100). */
  scoreWeights: Record<ObligationKind, number>;
}

export const MINUTE_MS = 60_000;
const HOUR = 60;
const DAY = 24 * HOUR;

export const DEFAULT_POLICY: Policy = {
  version: 1,
  acceptWithinMinutes: 48 * HOUR,
  firstTouchWithinMinutes: 2 * DAY,
  updateEveryMinutes: 14 * DAY,
  outcomeWithinMinutes: 90 * DAY,
  noResponseMinTouches: 4,
  noResponseMinSpanMinutes: 7 * DAY,
  reminderAtFraction: 0.75,
  scoreWindowDays: 90,
  scoreWeights: { accept: 30, first_touch: 30, update: 20, outcome: 20 },
};

export function addMinutes(date: Date, minutes: number): Date {
  return new Date(date.getTime() + minutes * MINUTE_MS);
}

/**
 * When to remind: the first millisecond at which `reminderAtFraction` of the window
 * [windowStart, dueAt] has passed (rounded up, so the reminder is never early).
 */
export function reminderAt(windowStart: Date, dueAt: Date, policy: Pick<Policy, "reminderAtFraction">): Date {
  const windowMs = dueAt.getTime() - windowStart.getTime();
  return new Date(windowStart.getTime() + Math.ceil(windowMs * policy.reminderAtFraction));
}

/** "2 days", "36 hours", "90 minutes": how a policy duration reads to people. */
export function describeMinutes(minutes: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  if (minutes > 0 && minutes % DAY === 0) return plural(minutes / DAY, "day");
  if (minutes > 0 && minutes % HOUR === 0) return plural(minutes / HOUR, "hour");
  return plural(minutes, "minute");
}

const WHOLE_MINUTE_FIELDS = {
  acceptWithinMinutes: "The time to accept or decline an offer",
  firstTouchWithinMinutes: "The time to the first touch",
  updateEveryMinutes: "The time between status updates",
  outcomeWithinMinutes: "The time to report the outcome",
  noResponseMinSpanMinutes: "The span of touches before “no response”",
} as const;

/**
 * Problems with a policy a manager is about to save, in plain English; empty when it is fine.
 * Takes loosely typed input so a form's parsed values can be checked before they are trusted.
 */
export function validatePolicy(p: { [K in keyof Policy]?: unknown }): string[] {
  const problems: string[] = [];
  const isPositiveInteger = (v: unknown) => typeof v === "number" && Number.isInteger(v) && v > 0;

  if (!isPositiveInteger(p.version)) problems.push("The policy version must be a whole number above 0.");
  for (const [field, label] of Object.entries(WHOLE_MINUTE_FIELDS)) {
    if (!isPositiveInteger(p[field as keyof Policy])) {
      problems.push(`${label} must be a whole number of minutes above 0.`);
    }
  }
  if (!isPositiveInteger(p.noResponseMinTouches)) {
    problems.push("The number of touches before “no response” must be a whole number above 0.");
  }
  if (!isPositiveInteger(p.scoreWindowDays))
    problems.push("The score's window must be a whole number of days above 0.");
  const weights = p.scoreWeights as Record<string, unknown> | undefined;
  const kinds: ObligationKind[] = ["accept", "first_touch", "update", "outcome"];
  const values = kinds.map((k) => weights?.[k]);
  if (
    !values.every((v) => typeof v === "number" && Number.isInteger(v) && v >= 0) ||
    !values.some((v) => (v as number) > 0)
  ) {
    problems.push("Each score weight must be a whole number, 0 or more, and at least one above 0.");
  }
  const f = p.reminderAtFraction;
  if (typeof f !== "number" || !Number.isFinite(f) || f <= 0 || f >= 1) {
    problems.push("The reminder point must be a fraction between 0 and 1 (for example 0.75).");
  }
  return problems;
}
