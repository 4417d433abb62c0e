/**
 * A channel manager corrects an outcome a partner reported (a won deal that was lost, a wrong
 * amount, the wrong reason). Only a closed lead has an outcome to correct, and a correction
 * must change something. The outcome obligation stays met: the partner did report on time,
 * so a correction never changes the partner's score (ADR 016).
 */
import type { LeadState, OutcomeKind } from "@db/schema";

export interface ReportedOutcome {
  outcome: OutcomeKind;
  amountCents: number | null;
  reasonCode: string | null;
}

export const OUTCOME_KINDS: readonly OutcomeKind[] = ["won", "lost", "disqualified"];

const CLOSED: readonly LeadState[] = OUTCOME_KINDS;

export function checkOutcomeCorrection(
  leadState: LeadState,
  current: ReportedOutcome | undefined,
  next: ReportedOutcome,
): { ok: true } | { ok: false; reason: string } {
  if (!CLOSED.includes(leadState) || !current) {
    return { ok: false, reason: "This lead has no reported outcome to correct." };
  }
  if (next.outcome === "won" && !(Number.isSafeInteger(next.amountCents) && (next.amountCents ?? 0) > 0)) {
    return { ok: false, reason: "A won deal needs its amount, above zero." };
  }
  if (next.outcome !== "won" && !next.reasonCode) return { ok: false, reason: "Choose a reason from the list." };
  const same =
    current.outcome === next.outcome &&
    (current.amountCents ?? null) === (next.amountCents ?? null) &&
    (current.reasonCode ?? null) === (next.reasonCode ?? null);
  if (same) return { ok: false, reason: "The correction changes nothing: choose another outcome, amount or reason." };
  return { ok: true };
}
