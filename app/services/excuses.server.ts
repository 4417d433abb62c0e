import { now } from "~/clock.server";
import type { DB } from "~/db.server";
import { canExcuse } from "~/domain/obligations";
import { recordAudit } from "~/models/audit.server";
import { decideIfPending, excuseExists, insertPendingExcuse } from "~/models/excuse.server";
import { findObligation, findPartnerObligation, markExcused, obligationView } from "~/models/obligation.server";
import { enqueueEmails } from "~/models/outbox.server";
import { findUserById } from "~/models/user.server";
import { type Actor } from "./actor";
import { fail, succeed, type Outcome } from "~/domain/outcome";
import { recomputeStanding } from "./standing.server";

/** A partner asks to excuse a breach (e.g. the customer went silent), with a reason. */
export async function requestExcuse(
  db: DB,
  input: { obligationId: string; reason: string },
  actor: Actor,
): Promise<Outcome<{ excuseId: string }>> {
  const at = now();
  const reason = input.reason.trim();
  if (!reason) return fail("invalid", "Say why this breach should be excused.");
  return db.transaction().execute(async (trx) => {
    if (!actor.partnerId) return fail("forbidden", "Only a partner can ask to excuse its own breach.");
    const obligation = await findPartnerObligation(trx, input.obligationId, actor.partnerId);
    if (!obligation) return fail("not_found", "This deadline does not exist.");
    const allowed = canExcuse(obligationView(obligation));
    if (!allowed.ok) return fail("conflict", allowed.reason);
    const excuseId = await insertPendingExcuse(trx, {
      obligationId: obligation.id,
      partnerId: obligation.partner_id,
      requestedBy: actor.userId!,
      reason,
      at,
    });
    if (!excuseId) return fail("conflict", "An excuse for this deadline is already waiting for a decision.");
    await recordAudit(trx, {
      actorId: actor.userId,
      actorLabel: actor.label,
      action: "excuse.requested",
      subjectType: "lead",
      subjectId: obligation.lead_id,
      details: { obligationId: obligation.id, reason },
      at,
    });
    return succeed({ excuseId });
  });
}

/** A channel manager approves (the breach stops counting) or rejects an excuse request. */
export async function decideExcuse(
  db: DB,
  input: { excuseId: string; approve: boolean; note?: string },
  actor: Actor,
): Promise<Outcome<{ state: "approved" | "rejected" }>> {
  const at = now();
  const state = input.approve ? ("approved" as const) : ("rejected" as const);
  return db.transaction().execute(async (trx) => {
    const excuse = await decideIfPending(trx, input.excuseId, {
      state,
      by: actor.userId,
      note: input.note?.trim() || null,
      at,
    });
    if (!excuse) {
      return (await excuseExists(trx, input.excuseId))
        ? fail("conflict", "This excuse request was already decided.")
        : fail("not_found", "This excuse request does not exist.");
    }
    if (input.approve) {
      const obligation = await findObligation(trx, excuse.obligation_id);
      // An excused update period needs nothing more: the next period opened when it ended.
      if (obligation && canExcuse(obligationView(obligation)).ok) await markExcused(trx, obligation.id);
      await recomputeStanding(trx, excuse.partner_id, at, actor);
    }
    const requester = await findUserById(trx, excuse.requested_by);
    if (requester)
      await enqueueEmails(trx, [
        {
          to: requester.email,
          template: "excuse_decided",
          key: `excuse_decided:${excuse.id}`,
          at,
          data: { excuseId: excuse.id, state, note: input.note ?? "" },
        },
      ]);
    await recordAudit(trx, {
      actorId: actor.userId,
      actorLabel: actor.label,
      action: `excuse.${state}`,
      subjectType: "partner",
      subjectId: excuse.partner_id,
      details: { excuseId: excuse.id, obligationId: excuse.obligation_id, note: input.note ?? "" },
      at,
    });
    return succeed({ state });
  });
}
