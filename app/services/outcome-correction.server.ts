import type { OutcomeKind } from "@db/schema";
import { now } from "~/clock.server";
import type { DB } from "~/db.server";
import { checkOutcomeCorrection } from "~/domain/outcome-correction";
import { recordAudit } from "~/models/audit.server";
import { findOutcome, lockLead, setLeadState, updateOutcome } from "~/models/lead.server";
import { findOffer } from "~/models/offer.server";
import { insertOutcomeCorrection } from "~/models/outcome-correction.server";
import { enqueueEmails, partnerRecipients } from "~/models/outbox.server";
import { reasonIsListed } from "~/models/policy.server";
import type { Actor } from "./actor";
import { fail, succeed, type Outcome } from "~/domain/outcome";

export interface OutcomeCorrection {
  leadId: string;
  /** The outcome the manager saw: another correction meanwhile makes this one stale. */
  expected: OutcomeKind;
  outcome: OutcomeKind;
  amountCents: number | null;
  reasonCode: string | null;
  /** Shown to the partner on its lead page. */
  reason: string;
}

/**
 * A channel manager corrects a reported outcome, with a reason the partner sees. The lead
 * moves to the corrected closed state; the outcome obligation stays met (the partner did
 * report), so the partner's score and standing do not change (ADR 016).
 */
export async function correctOutcome(
  db: DB,
  input: OutcomeCorrection,
  actor: Actor,
): Promise<Outcome<{ leadId: string }>> {
  const reason = input.reason.trim();
  if (!reason) return fail("invalid", "Say why the outcome is corrected: the partner reads it.");
  const at = now();
  return db.transaction().execute(async (trx) => {
    const lead = await lockLead(trx, input.leadId);
    if (!lead) return fail("not_found", "This lead does not exist.");
    const row = await findOutcome(trx, lead.id);
    if (row && row.outcome !== input.expected) {
      return fail(
        "conflict",
        `The outcome was changed meanwhile to ${row.outcome}; reload the page and check it again.`,
      );
    }
    const current = row && { outcome: row.outcome, amountCents: row.amount_cents, reasonCode: row.reason_code };
    const next = {
      outcome: input.outcome,
      amountCents: input.outcome === "won" ? input.amountCents : null,
      reasonCode: input.outcome === "won" ? null : input.reasonCode,
    };
    const check = checkOutcomeCorrection(lead.state, current, next);
    if (!check.ok) return fail(current ? "invalid" : "conflict", check.reason);
    if (next.outcome !== "won" && !(await reasonIsListed(trx, next.outcome, next.reasonCode!))) {
      return fail("invalid", "Choose a reason from the list.");
    }

    await updateOutcome(trx, lead.id, {
      outcome: next.outcome,
      amount_cents: next.amountCents,
      reason_code: next.reasonCode,
    });
    if (next.outcome !== lead.state && !(await setLeadState(trx, lead.id, lead.state, next.outcome, at))) {
      throw new Error(`Lead ${lead.id} is no longer ${lead.state}`);
    }
    await insertOutcomeCorrection(trx, {
      lead_id: lead.id,
      offer_id: row!.offer_id,
      from_outcome: row!.outcome,
      from_amount_cents: row!.amount_cents,
      from_reason_code: row!.reason_code,
      to_outcome: next.outcome,
      to_amount_cents: next.amountCents,
      to_reason_code: next.reasonCode,
      reason,
      corrected_by: actor.userId,
      corrected_by_label: actor.label,
      corrected_at: at,
    });
    const offer = await findOffer(trx, row!.offer_id);
    if (offer) {
      await enqueueEmails(
        trx,
        (await partnerRecipients(trx, offer.partner_id)).map((to) => ({
          to,
          template: "outcome_corrected",
          key: `outcome_corrected:${lead.id}:${at.getTime()}:${to}`,
          at,
          data: { leadId: lead.id, from: row!.outcome, to: next.outcome, reason },
        })),
      );
    }
    await recordAudit(trx, {
      actorId: actor.userId,
      actorLabel: actor.label,
      action: "outcome.corrected",
      subjectType: "lead",
      subjectId: lead.id,
      details: { from: current, to: next, reason },
      at,
    });
    return succeed({ leadId: lead.id });
  });
}
