import type { ActivityKind, Offer } from "@db/schema";
import { now } from "~/clock.server";
import type { DB, Trx } from "~/db.server";
import { canLogActivity, canReportOutcome, STAGES } from "~/domain/lead-state";
import { canReportNoResponse } from "~/domain/no-response";
import { TOUCH_KINDS, activityEffect, onActivity, onOutcome, type ObligationChanges } from "~/domain/obligations";
import { insertActivity, touchTimes } from "~/models/activity.server";
import { recordAudit } from "~/models/audit.server";
import { insertOutcome, lockLead, setLeadStage } from "~/models/lead.server";
import { insertObligations, markMet } from "~/models/obligation.server";
import { offerScopeOf, type Actor } from "./actor";
import { fail, succeed, type Outcome } from "~/domain/outcome";
import { moveLead } from "./lead-moves.server";
import { endOffer, findOfferInScope, lockOffer } from "~/models/offer.server";
import { offerPolicy, reasonIsListed } from "~/models/policy.server";
import { recomputeStanding } from "./standing.server";
import { obligationsWithPeriodsOpened } from "./update-periods.server";

/** Locks the actor's offer for a change (its lead first, the order every use case keeps). */
async function lockWorkableOffer(trx: Trx, offerId: string, actor: Actor) {
  const found = await findOfferInScope(trx, offerId, offerScopeOf(actor));
  if (!found) return fail("not_found", "This lead does not exist.");
  await lockLead(trx, found.lead_id);
  return succeed({ offer: await lockOffer(trx, offerId) });
}

/** Applies the obligation changes of an activity or outcome; the partner's score and standing follow at once. */
async function applyChanges(trx: Trx, offer: Offer, changes: ObligationChanges, at: Date, actor: Actor) {
  await markMet(trx, changes.meet, at);
  await insertObligations(trx, offer, changes.plan, at);
  await recomputeStanding(trx, offer.partner_id, at, actor);
}

type ActivityInput = { offerId: string; kind: ActivityKind; note?: string; stage?: string; occurredAt?: Date };

/**
 * A touch (call, email, meeting), a stage change (a status update), or a note (an internal
 * remark: logged on the timeline, meets nothing). `occurredAt`: when a touch happened, if
 * earlier than now (never before the acceptance); the timeline shows it, while obligations
 * follow when it was logged, so a touch entered late never meets a deadline on time.
 */
export async function logActivity(
  db: DB,
  input: ActivityInput,
  actor: Actor,
): Promise<Outcome<{ activityId: string }>> {
  const at = now();
  return db.transaction().execute((trx) => logActivityIn(trx, input, actor, at));
}

/** Logging in the caller's transaction: an action link from email claims its token in the same one. */
export async function logActivityIn(
  trx: Trx,
  input: ActivityInput,
  actor: Actor,
  at: Date,
): Promise<Outcome<{ activityId: string }>> {
  const locked = await lockWorkableOffer(trx, input.offerId, actor);
  if (!locked.ok) return locked;
  const { offer } = locked;
  const allowed = canLogActivity(offer);
  if (!allowed.ok) return fail("conflict", allowed.reason);
  if (input.kind === "stage_change" && !STAGES.includes(input.stage as (typeof STAGES)[number])) {
    return fail("invalid", `Choose a stage: ${STAGES.join(", ")}.`);
  }
  const occurredAt = input.occurredAt ?? at;
  if (occurredAt > at) return fail("invalid", "The day of a touch cannot be in the future.");
  if (offer.decided_at && occurredAt < offer.decided_at)
    return fail("invalid", "The touch cannot be before the lead was accepted.");

  const activityId = await insertActivity(trx, {
    lead_id: offer.lead_id,
    offer_id: offer.id,
    user_id: actor.userId,
    kind: input.kind,
    stage: input.kind === "stage_change" ? input.stage! : null,
    note: input.note?.trim() ?? "",
    at: occurredAt,
  });
  if (input.kind === "stage_change") await setLeadStage(trx, offer.lead_id, input.stage!, at);
  const effect = activityEffect(input.kind);
  if (effect) {
    const policy = await offerPolicy(trx, offer);
    const obligations = await obligationsWithPeriodsOpened(trx, offer, policy, at);
    await applyChanges(trx, offer, onActivity(obligations, { kind: effect, at }, policy), at, actor);
  }
  await recordAudit(trx, {
    actorId: actor.userId,
    actorLabel: actor.label,
    action: `activity.${input.kind}`,
    subjectType: "lead",
    subjectId: offer.lead_id,
    details: { offerId: offer.id, stage: input.stage ?? null },
    at,
  });
  return succeed({ activityId });
}

export type OutcomeReport =
  | { outcome: "won"; amountCents: number; note?: string }
  | { outcome: "lost" | "disqualified"; reasonCode: string; note?: string };

export async function reportOutcome(
  db: DB,
  input: { offerId: string } & OutcomeReport,
  actor: Actor,
): Promise<Outcome<{ leadId: string }>> {
  const at = now();
  return db.transaction().execute(async (trx) => {
    const locked = await lockWorkableOffer(trx, input.offerId, actor);
    if (!locked.ok) return locked;
    const { offer } = locked;
    const allowed = canReportOutcome(offer);
    if (!allowed.ok) return fail("conflict", allowed.reason);
    const invalid = await checkReport(trx, offer, input);
    if (invalid) return fail("invalid", invalid);

    await insertOutcome(trx, {
      lead_id: offer.lead_id,
      offer_id: offer.id,
      outcome: input.outcome,
      amount_cents: input.outcome === "won" ? input.amountCents : null,
      reason_code: input.outcome === "won" ? null : input.reasonCode,
      note: input.note?.trim() ?? "",
      reported_by: actor.userId,
      reported_at: at,
    });
    const policy = await offerPolicy(trx, offer);
    const obligations = await obligationsWithPeriodsOpened(trx, offer, policy, at);
    await endOffer(trx, offer.id, "closed", at);
    await moveLead(trx, { id: offer.lead_id, state: "accepted" }, `outcome_${input.outcome}`, at);
    await applyChanges(trx, offer, onOutcome(obligations, at, policy), at, actor);
    await recordAudit(trx, {
      actorId: actor.userId,
      actorLabel: actor.label,
      action: `outcome.${input.outcome}`,
      subjectType: "lead",
      subjectId: offer.lead_id,
      details: input.outcome === "won" ? { amountCents: input.amountCents } : { reason: input.reasonCode },
      at,
    });
    return succeed({ leadId: offer.lead_id });
  });
}

async function checkReport(trx: Trx, offer: Offer, input: OutcomeReport): Promise<string | null> {
  if (input.outcome === "won") {
    return Number.isSafeInteger(input.amountCents) && input.amountCents > 0
      ? null
      : "A won deal needs its amount, above zero.";
  }
  if (!(await reasonIsListed(trx, input.outcome, input.reasonCode))) return "Choose a reason from the list.";
  if (input.outcome === "lost" && input.reasonCode === "no_response") {
    const verdict = canReportNoResponse(await touchTimes(trx, offer.id, TOUCH_KINDS), await offerPolicy(trx, offer));
    if (!verdict.ok) return verdict.reason;
  }
  return null;
}
