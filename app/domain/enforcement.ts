/**
 * Graduated, automatic, company-level enforcement: "if they don't comply, they don't get
 * more leads", and a clear way back when they do.
 *
 *   good/warning → warning  (score < 80, or anything overdue)
 *   good/warning → withheld (score < 70, or anything overdue by more than 7 days)
 *   withheld     → probation as soon as nothing is overdue
 *   probation    → withheld on any miss since probation began, or overdue > 7 days
 *   probation    → good at score ≥ 75 or 5 on-time obligations in a row (and nothing overdue)
 *
 * The gaps between 70, 75 and 80 are deliberate so standing does not flap, and the way back
 * through the streak is a fresh start for the score (`scoreCountsFrom`). A provisional
 * score alone never warns or withholds; overdue items still do. One step per evaluation:
 * the sweep re-evaluates, and each change is its own recorded, notified event.
 */
import type { StandingLevel } from "@db/schema";
import type { ScoreResult } from "./compliance-score";
import { everyMember } from "./every-member";
import type { ObligationKind } from "./obligations";

export type { StandingLevel };

export const STANDING_LEVELS = everyMember<StandingLevel>()(["good", "warning", "withheld", "probation"]);

export const WARN_BELOW_SCORE = 80;
export const WITHHOLD_BELOW_SCORE = 70;
export const REINSTATE_AT_SCORE = 75;
export const WITHHOLD_OVERDUE_DAYS = 7;
export const PROBATION_ON_TIME_STREAK = 5;
/** A partner on probation may hold at most this many open leads (offers + accepted without outcome). */
export const PROBATION_OPEN_CAP = 2;

const DAY_MS = 86_400_000;

export interface OverdueItem {
  dueAt: Date;
  /** Lets the way back say what to do ("log a first touch"); optional. */
  kind?: ObligationKind;
}

export interface StandingOverride {
  level: "withheld" | "good";
  expiresAt: Date;
  reason: string;
}

export interface StandingInput {
  current: { level: StandingLevel; since: Date };
  score: ScoreResult;
  /** The partner's currently overdue obligations (see isOverdue). */
  overdue: OverdueItem[];
  /** Obligations that became missed since probation began. */
  missedSinceProbation: number;
  /** Obligations met on time in a row since probation began (reset by any late or missed one). */
  onTimeStreakSinceProbation: number;
  override: StandingOverride | null;
}

export interface StandingDecision {
  level: StandingLevel;
  reason: string;
  changed: boolean;
}

export function activeOverride(override: StandingOverride | null, now: Date): StandingOverride | null {
  return override && now.getTime() < override.expiresAt.getTime() ? override : null;
}

/** Overdue by more than 7 days: strictly more, so exactly 7 days overdue is still a warning. */
export function isLongOverdue(item: OverdueItem, now: Date): boolean {
  return now.getTime() - item.dueAt.getTime() > WITHHOLD_OVERDUE_DAYS * DAY_MS;
}

const itemWord = (n: number) => `${n} ${n === 1 ? "item is" : "items are"}`;

export function nextStanding(input: StandingInput, now: Date): StandingDecision {
  const decide = (level: StandingLevel, reason: string): StandingDecision => ({
    level,
    reason,
    changed: level !== input.current.level,
  });

  const override = activeOverride(input.override, now);
  if (override) {
    const what = override.level === "withheld" ? "Withheld" : "Reinstated";
    return decide(
      override.level,
      `${what} by a channel manager until ${override.expiresAt.toISOString()}: ${override.reason}`,
    );
  }

  const { score, overdue } = input;
  const counts = !score.provisional;
  const longOverdue = overdue.filter((item) => isLongOverdue(item, now)).length;
  const scoreWords = `The compliance score is ${score.score}`;

  switch (input.current.level) {
    case "good":
    case "warning": {
      if (longOverdue > 0) {
        return decide("withheld", `${itemWord(longOverdue)} overdue by more than ${WITHHOLD_OVERDUE_DAYS} days.`);
      }
      if (counts && score.score < WITHHOLD_BELOW_SCORE) {
        return decide("withheld", `${scoreWords}, below ${WITHHOLD_BELOW_SCORE}.`);
      }
      if (overdue.length > 0) return decide("warning", `${itemWord(overdue.length)} overdue.`);
      if (counts && score.score < WARN_BELOW_SCORE)
        return decide("warning", `${scoreWords}, below ${WARN_BELOW_SCORE}.`);
      return decide("good", "Every deadline is kept and nothing is overdue.");
    }
    case "withheld": {
      if (overdue.length > 0) return decide("withheld", `${itemWord(overdue.length)} still overdue.`);
      return decide("probation", "Nothing is overdue any more: new leads resume on probation.");
    }
    case "probation": {
      if (input.missedSinceProbation > 0) {
        return decide("withheld", `A deadline was missed on probation (${input.missedSinceProbation} since it began).`);
      }
      if (longOverdue > 0) {
        return decide("withheld", `${itemWord(longOverdue)} overdue by more than ${WITHHOLD_OVERDUE_DAYS} days.`);
      }
      // Good standing also needs nothing overdue, or the next evaluation would warn at once.
      if (overdue.length === 0) {
        if (counts && score.score >= REINSTATE_AT_SCORE) {
          return decide("good", `${scoreWords}, back at ${REINSTATE_AT_SCORE} or more.`);
        }
        if (input.onTimeStreakSinceProbation >= PROBATION_ON_TIME_STREAK) {
          return decide("good", `${PROBATION_ON_TIME_STREAK} deadlines in a row were kept on probation.`);
        }
      }
      return decide(
        "probation",
        `On probation until the score is ${REINSTATE_AT_SCORE} or ${PROBATION_ON_TIME_STREAK} deadlines in a row are kept.`,
      );
    }
  }
}

/**
 * Where the score counts from after this evaluation. Earning good standing back through the
 * streak (5 deadlines in a row on probation, while the score is still below 75) is a fresh
 * start: the score then counts only what settled after that probation began (the deadlines
 * kept on probation and everything after), so the misses the streak worked off cannot
 * withhold or warn the partner again; new misses and overdue items still do. A return by the
 * score (75 or more, 5 above the withhold line) or by a manager's override is no fresh start.
 * Otherwise the last fresh start holds (null: the whole window).
 */
export function scoreCountsFrom(
  input: StandingInput,
  now: Date,
  held: { scoreFrom: Date | null; probationSince: Date | null },
): Date | null {
  const byScore = !input.score.provisional && input.score.score >= REINSTATE_AT_SCORE;
  const byStreak =
    input.current.level === "probation" &&
    !byScore &&
    !activeOverride(input.override, now) &&
    nextStanding(input, now).level === "good";
  return byStreak && held.probationSince ? held.probationSince : held.scoreFrom;
}

type ActionKind = "first_touch" | "update" | "outcome" | "other";
const OVERDUE_ACTIONS: Record<ActionKind, (n: number) => string> = {
  first_touch: (n) => `Log a first touch on ${n} overdue ${n === 1 ? "lead" : "leads"}`,
  update: (n) => `Log a touch or a stage change on ${n} ${n === 1 ? "lead" : "leads"} with an overdue status update`,
  outcome: (n) => `Report the outcome of ${n} ${n === 1 ? "lead" : "leads"} past the outcome deadline`,
  other: (n) => `Clear ${n} overdue ${n === 1 ? "item" : "items"}`,
};

function overdueActions(overdue: OverdueItem[]): string[] {
  const counts = new Map<ActionKind, number>();
  for (const item of overdue) {
    const kind: ActionKind = item.kind && item.kind !== "accept" ? item.kind : "other";
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  const order: ActionKind[] = ["first_touch", "update", "outcome", "other"];
  return order.filter((k) => counts.has(k)).map((k) => OVERDUE_ACTIONS[k](counts.get(k)!));
}

/** The plain list the partner reads of what to do to get back in good standing; empty when in it. */
export function wayBack(input: StandingInput, now: Date): string[] {
  const override = activeOverride(input.override, now);
  return override ? standingSteps(input, now) : [...overdueActions(input.overdue), ...standingSteps(input, now)];
}

/** What the standing rules ask beyond clearing overdue items: an override, the score, probation. */
export function standingSteps(input: StandingInput, now: Date): string[] {
  const override = activeOverride(input.override, now);
  if (override) {
    return override.level === "withheld"
      ? [`A channel manager has withheld new leads until ${override.expiresAt.toISOString()}: ${override.reason}`]
      : [];
  }

  const level = nextStanding(input, now).level;
  const steps: string[] = [];
  const { score } = input;
  const scoreCounts = !score.provisional;

  if (level === "warning" && scoreCounts && score.score < WARN_BELOW_SCORE) {
    steps.push(`Keep upcoming deadlines to raise your score from ${score.score} to ${WARN_BELOW_SCORE}`);
  }
  if (level === "withheld") {
    steps.push(`Once nothing is overdue, new leads resume on probation (at most ${PROBATION_OPEN_CAP} open at a time)`);
  }
  if (level === "probation") {
    const more = Math.max(1, PROBATION_ON_TIME_STREAK - input.onTimeStreakSinceProbation);
    steps.push(
      `Keep every deadline for ${more} more ${more === 1 ? "obligation" : "obligations"} in a row, or raise your score to ${REINSTATE_AT_SCORE}`,
    );
    steps.push(
      `Meanwhile you receive at most ${PROBATION_OPEN_CAP} open leads at a time, after partners in good standing`,
    );
  }
  return steps;
}
