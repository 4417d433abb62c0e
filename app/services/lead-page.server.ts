import { now } from "~/clock.server";
import type { DB } from "~/db.server";
import {
  evaluateCandidates,
  OVERRIDABLE_EXCLUSIONS,
  type CandidateEvaluation,
  type RoutedLead,
} from "~/domain/routing";
import { routingCandidates } from "~/models/routing.server";

export interface PartnerChoice extends CandidateEvaluation {
  /** A manual offer may go ahead: eligible, or held back only by what a manager may override with a reason. */
  offerable: boolean;
}

/**
 * The partner picker of a lead: every partner with the routing rules' verdict as of now (the
 * same pure rules the router uses), and whether a manual offer may set the exclusions aside.
 */
export async function partnerChoices(db: DB, lead: RoutedLead & { id: string }): Promise<PartnerChoice[]> {
  const { candidates } = evaluateCandidates(lead, await routingCandidates(db, lead.id), now());
  const overridable = new Set<string>(OVERRIDABLE_EXCLUSIONS);
  return candidates.map((c) => ({ ...c, offerable: c.excludedFor.every((e) => overridable.has(e.code)) }));
}
