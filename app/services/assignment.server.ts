import type { Lead } from "@db/schema";
import { now } from "~/clock.server";
import type { DB, Trx } from "~/db.server";
import { canRecall, leadTransition } from "~/domain/lead-state";
import { onRecall } from "~/domain/obligations";
import { checkManualOffer, evaluateCandidates, OVERRIDABLE_EXCLUSIONS } from "~/domain/routing";
import { recordAudit } from "~/models/audit.server";
import { lockLead } from "~/models/lead.server";
import { markCancelled, obligationsOfOffer, obligationView } from "~/models/obligation.server";
import { endOffer, liveOfferOfLead, lockLiveOfferInScope, setOfferRep } from "~/models/offer.server";
import { enqueueEmails, partnerRecipients } from "~/models/outbox.server";
import { lockPartner } from "~/models/partner.server";
import { policyInForce } from "~/models/policy.server";
import { offerScopeOf, type Actor } from "./actor";
import { fail, succeed, type FailureCode, type Outcome } from "~/domain/outcome";
import { moveLead } from "./lead-moves.server";
import { createOffer } from "./offer-creation.server";
import { routeQueuedLead } from "./routing.server";
import { enqueueRouting, recordRoutingDecision, routingCandidates, takeRoutingJob } from "~/models/routing.server";
import { lockActiveTeamMember } from "~/models/user.server";
import { recomputeStanding } from "./standing.server";

type ManualOffer = { leadId: string; partnerId: string; reason?: string };

/**
 * A manager's offer to a chosen partner. With a reason it may override territory, vertical,
 * capacity or pause; it never overrides a withhold (or probation's cap, or a repeat offer).
 */
export async function offerLeadManually(
  db: DB,
  input: ManualOffer,
  actor: Actor,
): Promise<Outcome<{ offerId: string }>> {
  const at = now();
  return db.transaction().execute(async (trx) => {
    const lead = await lockLead(trx, input.leadId);
    if (!lead) return fail("not_found", "This lead does not exist.");
    const result = await offerLocked(trx, lead, input, at, actor);
    if (result.ok) await takeRoutingJob(trx, lead.id);
    return result;
  });
}

async function offerLocked(
  trx: Trx,
  lead: Lead,
  input: ManualOffer,
  at: Date,
  actor: Actor,
): Promise<Outcome<{ offerId: string }>> {
  const move = leadTransition(lead.state, "offer");
  if (!move.ok) return fail("conflict", move.reason);
  if (!(await lockPartner(trx, input.partnerId))) return fail("not_found", "This partner does not exist.");

  const [partner] = await routingCandidates(trx, lead.id, input.partnerId);
  const check = checkManualOffer(lead, partner, at, [...OVERRIDABLE_EXCLUSIONS]);
  if (!check.ok) return fail("conflict", check.reason);
  const reason = input.reason?.trim() ?? "";
  if (check.overridden.length > 0 && !reason) {
    return fail("invalid", `${check.overridden.map((e) => e.reason).join(" ")} Give a reason to override.`);
  }

  const offerId = await createOffer(
    trx,
    lead,
    input.partnerId,
    { manual: true, overrideReason: reason || null, policy: await policyInForce(trx), at },
    actor,
  );
  const candidates = evaluateCandidates(lead, [partner], at, { override: [...OVERRIDABLE_EXCLUSIONS] }).candidates;
  await recordRoutingDecision(trx, {
    leadId: lead.id,
    trigger: "manual",
    chosenPartnerId: input.partnerId,
    candidates,
    actorLabel: actor.label,
    at,
  });
  return succeed({ offerId });
}

/**
 * Takes the lead back from its partner (open obligations are cancelled and do not count), then
 * either offers it to another partner at once or hands it back to the router.
 */
export async function recallLead(
  db: DB,
  input: { leadId: string; reason: string; reassignTo?: { partnerId: string; reason?: string } },
  actor: Actor,
): Promise<Outcome<{ offerId: string | null }>> {
  const at = now();
  const reason = input.reason.trim();
  if (!reason) return fail("invalid", "Say why the lead is recalled.");
  const result = await db
    .transaction()
    .execute(async (trx) => {
      const lead = await lockLead(trx, input.leadId);
      if (!lead) return fail("not_found", "This lead does not exist.");
      const offer = await liveOfferOfLead(trx, lead.id);
      if (!offer) return fail("conflict", "No partner holds this lead; there is nothing to recall.");
      const allowed = canRecall(offer);
      if (!allowed.ok) return fail("conflict", allowed.reason);
      if (!(await endOffer(trx, offer.id, "recalled", at, reason)))
        return fail("conflict", "The offer changed meanwhile; reload and try again.");
      await markCancelled(trx, onRecall((await obligationsOfOffer(trx, offer.id)).map(obligationView)));
      const state = await moveLead(trx, lead, "recall", at);
      await enqueueEmails(
        trx,
        (await partnerRecipients(trx, offer.partner_id)).map((to) => ({
          to,
          template: "offer_recalled",
          key: `offer_recalled:${offer.id}:${to}`,
          at,
          data: { offerId: offer.id, leadId: lead.id, reason },
        })),
      );
      await recordAudit(trx, {
        actorId: actor.userId,
        actorLabel: actor.label,
        action: input.reassignTo ? "lead.reassigned" : "lead.recalled",
        subjectType: "lead",
        subjectId: lead.id,
        details: { offerId: offer.id, partnerId: offer.partner_id, reason },
        at,
      });
      if (!input.reassignTo) {
        await enqueueRouting(trx, lead.id, "recall", at);
        await recomputeStanding(trx, offer.partner_id, at, actor);
        return succeed({ offerId: null });
      }
      // Both partners' locks in id order, as every transaction holding two of them takes them.
      for (const partnerId of [offer.partner_id, input.reassignTo.partnerId].sort()) await lockPartner(trx, partnerId);
      await recomputeStanding(trx, offer.partner_id, at, actor);
      const reassigned = await offerLocked(
        trx,
        { ...lead, state },
        { leadId: lead.id, ...input.reassignTo },
        at,
        actor,
      );
      if (!reassigned.ok) throw new ReassignRefused(reassigned.message, reassigned.code);
      return reassigned;
    })
    .catch((error: unknown) => {
      // A refused reassignment rolls the recall back too: nothing changes.
      if (error instanceof ReassignRefused) return fail(error.code, error.message);
      throw error;
    });
  if (result.ok && !input.reassignTo) await routeQueuedLead(db, input.leadId);
  return result;
}

class ReassignRefused extends Error {
  constructor(
    message: string,
    readonly code: FailureCode,
  ) {
    super(message);
  }
}

/** A partner admin hands an offer or accepted lead to one of its reps (or back to nobody). */
export async function dispatchToRep(
  db: DB,
  input: { offerId: string; repId: string | null },
  actor: Actor,
): Promise<Outcome<{ offerId: string }>> {
  if (actor.role !== "partner_admin") return fail("forbidden", "Only the partner admin hands leads to reps.");
  const at = now();
  return db.transaction().execute(async (trx) => {
    // The rep's row before the offer (ADR 005): a disable racing this dispatch waits for it or is seen.
    const rep = input.repId && actor.partnerId ? await lockActiveTeamMember(trx, actor.partnerId, input.repId) : null;
    const offer = await lockLiveOfferInScope(trx, input.offerId, offerScopeOf(actor));
    if (!offer) return fail("not_found", "This lead does not exist or is no longer with your company.");
    if (input.repId && !rep) return fail("invalid", "Choose an active member of your team.");
    await setOfferRep(trx, offer.id, input.repId);
    if (rep) {
      await enqueueEmails(trx, [
        {
          to: rep.email,
          template: "offer_dispatched",
          key: `offer_dispatched:${offer.id}:${rep.id}:${at.getTime()}`,
          at,
          data: { offerId: offer.id, leadId: offer.lead_id },
        },
      ]);
    }
    await recordAudit(trx, {
      actorId: actor.userId,
      actorLabel: actor.label,
      action: "offer.dispatched",
      subjectType: "lead",
      subjectId: offer.lead_id,
      details: { offerId: offer.id, repId: input.repId },
      at,
    });
    return succeed({ offerId: offer.id });
  });
}
