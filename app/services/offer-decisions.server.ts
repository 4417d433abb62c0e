import type { DB, Executor } from "@db/client";
import type { OfferState } from "@db/schema";
import type { Result } from "~/domain/lead-state";
import { now } from "~/clock.server";
import { canAccept, canDecline, leadTransition } from "~/domain/lead-state";
import { planOnAccept } from "~/domain/obligations";
import { recordAudit } from "~/models/audit.server";
import { insertObligations, markMet, obligationView } from "~/models/obligation.server";
import { acceptIfOpen, declineIfOpen, enqueueRouting, findOffer, obligationsOfOffer, setLeadState } from "~/models/offer.server";
import { offerIsInScope } from "~/models/offer-scope.server";
import { offerPolicy, reasonIsListed } from "~/models/policy.server";
import { fail, offerScopeOf, succeed, type Actor, type Outcome } from "./actor";
import { routeQueuedLead } from "./routing.server";

/**
 * Accept: a conditional UPDATE (`state = 'offered' and accept_due_at > now`) decides, so an
 * accept racing the sweep at the deadline ends in exactly one state.
 */
export async function acceptOffer(db: DB, offerId: string, actor: Actor): Promise<Outcome<{ offerId: string }>> {
  const at = now();
  const result = await db.transaction().execute(async (trx) => {
    const accepted = await acceptIfOpen(trx, offerId, offerScopeOf(actor), actor.userId, at);
    if (!accepted) return explainRefusal(trx, offerId, actor, (o) => canAccept(o, at));

    const obligations = (await obligationsOfOffer(trx, offerId)).map(obligationView);
    await markMet(trx, obligations.filter((o) => o.kind === "accept").map((o) => ({ id: o.id, state: "met" as const })), at);
    // Everything planned for an offer follows the policy version it was offered under.
    await insertObligations(trx, accepted, planOnAccept(at, await offerPolicy(trx, accepted)), at);
    const move = leadTransition("offered", "accept");
    if (move.ok) await setLeadState(trx, accepted.lead_id, "offered", move.to, at);
    await recordAudit(trx, {
      actorId: actor.userId, actorLabel: actor.label, action: "offer.accepted",
      subjectType: "lead", subjectId: accepted.lead_id, details: { offerId }, at,
    });
    return succeed({ offerId });
  });
  return result;
}

export async function declineOffer(
  db: DB,
  input: { offerId: string; reasonCode: string; note?: string },
  actor: Actor,
): Promise<Outcome<{ offerId: string }>> {
  const at = now();
  const result = await db.transaction().execute(async (trx) => {
    if (!(await reasonIsListed(trx, "decline", input.reasonCode))) {
      return fail("invalid", "Choose a reason for declining from the list.");
    }
    const declined = await declineIfOpen(trx, input.offerId, offerScopeOf(actor), {
      by: actor.userId, reason: input.reasonCode, note: input.note?.trim() || null, at,
    });
    if (!declined) return explainRefusal(trx, input.offerId, actor, (o) => canDecline(o, at));

    const obligations = (await obligationsOfOffer(trx, input.offerId)).map(obligationView);
    await markMet(trx, obligations.filter((o) => o.kind === "accept").map((o) => ({ id: o.id, state: "met" as const })), at);
    const move = leadTransition("offered", "decline_or_expire");
    if (move.ok) await setLeadState(trx, declined.lead_id, "offered", move.to, at);
    await enqueueRouting(trx, declined.lead_id, "decline", at);
    await recordAudit(trx, {
      actorId: actor.userId, actorLabel: actor.label, action: "offer.declined",
      subjectType: "lead", subjectId: declined.lead_id,
      details: { offerId: input.offerId, reason: input.reasonCode, note: input.note ?? "" }, at,
    });
    return succeed({ offerId: input.offerId, leadId: declined.lead_id });
  });
  // Routing after a decline is work of its own, outside the decision's transaction.
  if (result.ok) await routeQueuedLead(db, result.leadId);
  return result.ok ? succeed({ offerId: result.offerId }) : result;
}

/** The conditional update matched nothing: say why, in the rule book's words. */
async function explainRefusal(
  trx: Executor,
  offerId: string,
  actor: Actor,
  rule: (o: { state: OfferState; acceptDueAt: Date }) => Result,
) {
  const offer = await findOffer(trx, offerId);
  if (!offer || !offerIsInScope(offer, offerScopeOf(actor))) return fail("not_found", "This offer does not exist.");
  const verdict = rule({ state: offer.state, acceptDueAt: offer.accept_due_at });
  return fail("conflict", verdict.ok ? "This offer changed meanwhile; reload and try again." : verdict.reason);
}
