/**
 * What probation watches, read from obligations: misses since it began (any one sends the
 * partner back to withheld) and the run of deadlines kept on time since then (5 in a row earn
 * good standing back, so misses still inside the 90-day window can be worked off).
 */
import { settledAt } from "./compliance-score";
import type { ObligationView } from "./obligations";

export interface ProbationObligation extends ObligationView {
  /** When the sweep recorded the breach, if it did. */
  missedAt: Date | null;
}

export function probationProgress(
  obligations: ProbationObligation[],
  probationSince: Date | null,
  now: Date,
): { missedSinceProbation: number; onTimeStreakSinceProbation: number } {
  if (!probationSince) return { missedSinceProbation: 0, onTimeStreakSinceProbation: 0 };
  const since = probationSince.getTime();
  const inProbation = (t: Date | null) => t !== null && t.getTime() >= since && t.getTime() <= now.getTime();

  // A breach during probation counts even if it was met late afterwards.
  const missedSinceProbation = obligations.filter(
    (ob) =>
      ob.state !== "excused" &&
      ob.state !== "cancelled" &&
      (inProbation(ob.missedAt) || (ob.state === "open" && inProbation(ob.dueAt))),
  ).length;

  const settled = obligations
    .filter((ob) => ["met", "met_late", "missed"].includes(ob.state) && inProbation(settledAt(ob)))
    // At the same instant a late or missed one counts last: ties never lengthen a streak.
    .sort(
      (a, b) =>
        settledAt(a).getTime() - settledAt(b).getTime() || Number(a.state !== "met") - Number(b.state !== "met"),
    );
  let streak = 0;
  for (const ob of settled) streak = ob.state === "met" ? streak + 1 : 0;
  return { missedSinceProbation, onTimeStreakSinceProbation: streak };
}
