import type { Offer, OfferState } from "@db/schema";
import { now } from "~/clock.server";
import type { DB, Trx } from "~/db.server";
import { canAccept, canDecline, type Result } from "~/domain/lead-state";
import { planOnAccept } from "~/domain/obligations";
import { recordAudit } from "~/models/audit.server";
import { lockLead } from "~/models/lead.server";
import { insertObligations, markMet, obligationsOfOffer, obligationView } from "~/models/obligation.server";
import { acceptIfOpen, declineIfOpen, findOffer, findOfferInScope } from "~/models/offer.server";
import { offerScopeOf, type Actor } from "./actor";
import { fail, succeed, type Outcome } from "~/domain/outcome";
import { moveLead } from "./lead-moves.server";
import { routeQueuedLead } from "./routing.server";
import { offerPolicy, reasonIsListed } from "~/models/policy.server";
import { enqueueRouting } from "~/models/routing.server";
import { lockActiveTeamMember } from "~/models/user.server";
import { recomputeStanding } from "./standing.server";

type Decided = Outcome<{ offer: Offer }>;

/**
 * The partner's answer to an offer. The lead is locked first (the order every use case
 * keeps), then a conditional UPDATE (`state = 'offered' and accept_due_at > now`) decides, so
 * an answer racing the sweep at the deadline ends in exactly one state; the accept obligation
 * is met either way.
 */
async function decide(
  trx: Trx,
  offerId: string,
  actor: Actor,
  rule: (o: { state: OfferState; acceptDueAt: Date }) => Result,
  update: () => Promise<Offer | undefined>,
  at: Date,
): Promise<Decided> {
  const found = await findOfferInScope(trx, offerId, offerScopeOf(actor));
  if (!found) return fail("not_found", "This offer does not exist.");
  await lockLead(trx, found.lead_id);
  const offer = await update();
  if (!offer) {
    const current = (await findOffer(trx, offerId))!;
    const verdict = rule({ state: current.state, acceptDueAt: current.accept_due_at });
    return fail("conflict", verdict.ok ? "This offer changed meanwhile; reload and try again." : verdict.reason);
  }
  const accept = (await obligationsOfOffer(trx, offerId)).map(obligationView).filter((o) => o.kind === "accept");
  await markMet(
    trx,
    accept.map((o) => ({ id: o.id, state: "met" as const })),
    at,
  );
  return succeed({ offer });
}

export async function acceptOffer(
  db: DB,
  offerId: string,
  actor: Actor,
): Promise<Outcome<{ offerId: string; leadId: string }>> {
  const at = now();
  return db.transaction().execute((trx) => acceptOfferIn(trx, offerId, actor, at));
}

/** Accepting in the caller's transaction: an action link from email claims its token in the same one. */
export async function acceptOfferIn(
  trx: Trx,
  offerId: string,
  actor: Actor,
  at: Date,
): Promise<Outcome<{ offerId: string; leadId: string }>> {
  // A rep takes the offer on: its row first (ADR 005), so a disable at the same time waits or is seen.
  const { repId, partnerId } = offerScopeOf(actor);
  if (repId && partnerId && !(await lockActiveTeamMember(trx, partnerId, repId)))
    return fail("forbidden", "Your account is disabled.");
  const decided = await decide(
    trx,
    offerId,
    actor,
    (o) => canAccept(o, at),
    () => acceptIfOpen(trx, offerId, offerScopeOf(actor), actor.userId, at),
    at,
  );
  if (!decided.ok) return decided;
  const { offer } = decided;
  // Everything planned for an offer follows the policy version it was offered under.
  await insertObligations(trx, offer, planOnAccept(at, await offerPolicy(trx, offer)), at);
  await moveLead(trx, { id: offer.lead_id, state: "offered" }, "accept", at);
  await recordAudit(trx, {
    actorId: actor.userId,
    actorLabel: actor.label,
    action: "offer.accepted",
    subjectType: "lead",
    subjectId: offer.lead_id,
    details: { offerId },
    at,
  });
  await recomputeStanding(trx, offer.partner_id, at, actor);
  return succeed({ offerId, leadId: offer.lead_id });
}

export async function declineOffer(
  db: DB,
  input: { offerId: string; reasonCode: string; note?: string },
  actor: Actor,
): Promise<Outcome<{ offerId: string }>> {
  const at = now();
  const note = input.note?.trim() || null;
  const result = await db.transaction().execute(async (trx) => {
    if (!(await reasonIsListed(trx, "decline", input.reasonCode))) {
      return fail("invalid", "Choose a reason for declining from the list.");
    }
    const decided = await decide(
      trx,
      input.offerId,
      actor,
      (o) => canDecline(o, at),
      () =>
        declineIfOpen(trx, input.offerId, offerScopeOf(actor), {
          by: actor.userId,
          reason: input.reasonCode,
          note,
          at,
        }),
      at,
    );
    if (!decided.ok) return decided;
    const { offer } = decided;
    await moveLead(trx, { id: offer.lead_id, state: "offered" }, "decline_or_expire", at);
    await enqueueRouting(trx, offer.lead_id, "decline", at);
    await recordAudit(trx, {
      actorId: actor.userId,
      actorLabel: actor.label,
      action: "offer.declined",
      subjectType: "lead",
      subjectId: offer.lead_id,
      details: { offerId: input.offerId, reason: input.reasonCode, note: note ?? "" },
      at,
    });
    await recomputeStanding(trx, offer.partner_id, at, actor);
    return succeed({ leadId: offer.lead_id });
  });
  // Routing after a decline is work of its own, outside the decision's transaction.
  if (!result.ok) return result;
  await routeQueuedLead(db, result.leadId);
  return succeed({ offerId: input.offerId });
}
