import { now } from "~/clock.server";
import type { Executor } from "~/db.server";
import { computeScore } from "~/domain/compliance-score";
import { complianceSteps, STEP_HORIZON_DAYS } from "~/domain/compliance-steps";
import { standingSteps } from "~/domain/enforcement";
import { canExcuse } from "~/domain/obligations";
import {
  leadsMissedWhileExcluded,
  openItemsOfPartner,
  partnerBreaches,
  partnerExcuseRequests,
} from "~/models/compliance.server";
import { obligationsForStanding, obligationView } from "~/models/obligation.server";
import { findPartnerSummary } from "~/models/partner.server";
import { policyInForce } from "~/models/policy.server";
import { standingInput } from "./standing.server";

const DAY_MS = 86_400_000;
/** The newest breaches and excuse requests shown; older ones have left the score's window anyway. */
export const COMPLIANCE_LIST_LIMIT = 100;

/**
 * Everything the compliance page shows a partner user, read at one instant: the company's score
 * with the standing service's per-component breakdown, its standing, breaches, excuse requests,
 * the steps back to good standing, and the leads it missed while excluded. A rep also gets the
 * score of the leads dispatched to it. Null when the partner does not exist.
 */
export async function partnerCompliance(db: Executor, scope: { partnerId: string; repId: string | null }) {
  const at = now();
  const partner = await findPartnerSummary(db, scope.partnerId);
  if (!partner) return null;
  const policy = await policyInForce(db);
  const windowStart = new Date(at.getTime() - policy.scoreWindowDays * DAY_MS);
  const { input, row } = await standingInput(db, scope.partnerId, at);

  const open = await openItemsOfPartner(db, scope.partnerId, new Date(at.getTime() + STEP_HORIZON_DAYS * DAY_MS));
  const steps = complianceSteps({
    items: open.map((o) => ({
      leadId: o.lead_id,
      company: o.company_name,
      kind: o.kind as "first_touch" | "update" | "outcome",
      dueAt: o.due_at,
    })),
    ruleSteps: standingSteps(input, at),
    now: at,
    timeZone: partner.timeZone,
  });

  const breaches = (await partnerBreaches(db, scope.partnerId, windowStart, COMPLIANCE_LIST_LIMIT)).map((b) => ({
    id: b.id,
    kind: b.kind,
    state: b.state,
    dueAt: b.due_at,
    metAt: b.met_at,
    leadId: b.lead_id,
    company: b.company_name,
    excuse: b.excuse_state ? { state: b.excuse_state, reason: b.excuse_reason, note: b.excuse_note } : null,
    // A new request is possible for an unexcused breach with none waiting.
    canAskExcuse: canExcuse({ state: b.state }).ok && b.excuse_state !== "pending",
  }));

  const repScore = scope.repId
    ? computeScore(
        (await obligationsForStanding(db, scope.partnerId, windowStart, scope.repId)).map(obligationView),
        at,
        policy,
      )
    : null;

  return {
    at,
    partner: { name: partner.name, timeZone: partner.timeZone },
    policyVersion: policy.version,
    score: input.score,
    standing: {
      level: row?.level ?? input.current.level,
      since: row?.since ?? null,
      reason: row?.reason ?? "Nothing counts yet.",
    },
    steps,
    breaches,
    excuses: await partnerExcuseRequests(db, scope.partnerId, COMPLIANCE_LIST_LIMIT),
    missed: await leadsMissedWhileExcluded(db, scope.partnerId, windowStart),
    repScore,
  };
}
