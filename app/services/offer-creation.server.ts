import type { Lead } from "@db/schema";
import type { Trx } from "~/db.server";
import { planOnOffer } from "~/domain/obligations";
import type { Policy } from "~/domain/policy";
import { recordAudit } from "~/models/audit.server";
import { insertObligations } from "~/models/obligation.server";
import { insertOffer } from "~/models/offer.server";
import { enqueueEmails, partnerRecipients } from "~/models/outbox.server";
import type { Actor } from "./actor";
import { moveLead } from "./lead-moves.server";

/**
 * Makes the offer, its accept obligation, the lead's move and the partner's email, in the
 * caller's transaction. The caller holds the lead lock, then the partner lock, and has
 * re-checked the partner's eligibility under them.
 */
export async function createOffer(
  trx: Trx,
  lead: Lead,
  partnerId: string,
  terms: { manual: boolean; overrideReason: string | null; policy: Policy; at: Date },
  actor: Actor,
): Promise<string> {
  const { at, policy } = terms;
  const [accept] = planOnOffer(at, policy);
  const offer = await insertOffer(trx, {
    lead_id: lead.id,
    partner_id: partnerId,
    state: "offered",
    offered_at: at,
    accept_due_at: accept.dueAt,
    manual: terms.manual,
    offered_by: actor.userId,
    override_reason: terms.overrideReason,
    policy_version: policy.version,
  });
  await insertObligations(trx, offer, [accept], at);
  await moveLead(trx, lead, "offer", at, { queued_reason: null });
  const recipients = await partnerRecipients(trx, partnerId);
  await enqueueEmails(
    trx,
    recipients.map((to) => ({
      to,
      template: "offer_new",
      key: `offer_new:${offer.id}:${to}`,
      at,
      data: {
        offerId: offer.id,
        leadId: lead.id,
        company: lead.company_name,
        territory: lead.territory,
        dueAt: accept.dueAt.toISOString(),
      },
    })),
  );
  await recordAudit(trx, {
    actorId: actor.userId,
    actorLabel: actor.label,
    action: "offer.made",
    subjectType: "lead",
    subjectId: lead.id,
    details: { offerId: offer.id, partnerId, manual: terms.manual, overrideReason: terms.overrideReason },
    at,
  });
  return offer.id;
}
