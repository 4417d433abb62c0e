import type { Lead } from "@db/schema";
import type { Trx } from "~/db.server";
import { planOnOffer } from "~/domain/obligations";
import type { Policy } from "~/domain/policy";
import { recordAudits } from "~/models/audit.server";
import { insertObligationsOfOffers } from "~/models/obligation.server";
import { insertOffers } from "~/models/offer.server";
import { enqueueEmails, recipientsOfPartners } from "~/models/outbox.server";
import type { Actor } from "./actor";
import { moveLeads } from "./lead-moves.server";

interface OfferTerms {
  manual: boolean;
  overrideReason: string | null;
  policy: Policy;
  at: Date;
}

/**
 * Makes the offer, its accept obligation, the lead's move and the partner's email, in the
 * caller's transaction. The caller holds the lead lock, then the partner lock, and has
 * re-checked the partner's eligibility under them.
 */
export async function createOffer(
  trx: Trx,
  lead: Lead,
  partnerId: string,
  terms: OfferTerms,
  actor: Actor,
): Promise<string> {
  const [offerId] = await createOffers(trx, [{ lead, partnerId }], terms, actor);
  return offerId;
}

/**
 * `createOffer` for a routing batch: offers to different leads on the same terms, each table
 * written once for the whole batch. Returns the offer ids in the order given.
 */
export async function createOffers(
  trx: Trx,
  offers: { lead: Lead; partnerId: string }[],
  terms: OfferTerms,
  actor: Actor,
): Promise<string[]> {
  if (offers.length === 0) return [];
  const { at, policy } = terms;
  const [accept] = planOnOffer(at, policy);
  const made = await insertOffers(
    trx,
    offers.map(({ lead, partnerId }) => ({
      lead_id: lead.id,
      partner_id: partnerId,
      state: "offered" as const,
      offered_at: at,
      accept_due_at: accept.dueAt,
      manual: terms.manual,
      offered_by: actor.userId,
      override_reason: terms.overrideReason,
      policy_version: policy.version,
    })),
  );
  await insertObligationsOfOffers(
    trx,
    made.map((offer) => ({ offer, plans: [accept] })),
    at,
  );
  await moveLeads(
    trx,
    offers.map(({ lead }) => ({ lead, event: "offer" as const, queuedReason: null })),
    at,
  );
  const recipients = await recipientsOfPartners(
    trx,
    offers.map((o) => o.partnerId),
  );
  const emails = offers.flatMap(({ lead, partnerId }, i) =>
    (recipients.get(partnerId) ?? []).map(({ to, userId }) => ({ lead, offerId: made[i].id, to, userId })),
  );
  await enqueueEmails(
    trx,
    emails.map((e) => ({
      to: e.to,
      template: "offer_new",
      key: `offer_new:${e.offerId}:${e.to}`,
      at,
      data: {
        offerId: e.offerId,
        leadId: e.lead.id,
        company: e.lead.company_name,
        territory: e.lead.territory,
        dueAt: accept.dueAt.toISOString(),
        // The sender issues this user's accept link when it writes the email (ADR 021): a
        // token stored in the outbox would be a standing credential in plain text.
        userId: e.userId,
      },
    })),
  );
  await recordAudits(
    trx,
    offers.map(({ lead, partnerId }, i) => ({
      actorId: actor.userId,
      actorLabel: actor.label,
      action: "offer.made",
      subjectType: "lead",
      subjectId: lead.id,
      details: { offerId: made[i].id, partnerId, manual: terms.manual, overrideReason: terms.overrideReason },
      at,
    })),
  );
  return made.map((o) => o.id);
}
