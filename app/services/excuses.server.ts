import type { DB } from "@db/client";
import { now } from "~/clock.server";
import { canExcuse, planOnExcuse } from "~/domain/obligations";
import { recordAudit } from "~/models/audit.server";
import { findObligation, insertObligations, obligationView } from "~/models/obligation.server";
import { enqueueEmails } from "~/models/outbox.server";
import { offerPolicy } from "~/models/policy.server";
import { fail, succeed, type Actor, type Outcome } from "./actor";
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
    const obligation = await findObligation(trx, input.obligationId, actor.partnerId ?? "");
    if (!obligation) return fail("not_found", "This deadline does not exist.");
    const allowed = canExcuse(obligationView(obligation));
    if (!allowed.ok) return fail("conflict", allowed.reason);
    const created = await trx
      .insertInto("excuse_requests")
      .values({
        obligation_id: obligation.id, partner_id: obligation.partner_id, requested_by: actor.userId!, reason,
        state: "pending", requested_at: at,
      })
      .onConflict((oc) => oc.column("obligation_id").where("state", "=", "pending").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!created) return fail("conflict", "An excuse for this deadline is already waiting for a decision.");
    await recordAudit(trx, {
      actorId: actor.userId, actorLabel: actor.label, action: "excuse.requested", subjectType: "lead",
      subjectId: obligation.lead_id, details: { obligationId: obligation.id, reason }, at,
    });
    return succeed({ excuseId: created.id });
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
    const excuse = await trx
      .updateTable("excuse_requests")
      .set({ state, decided_by: actor.userId, decided_at: at, decision_note: input.note?.trim() || null })
      .where("id", "=", input.excuseId)
      .where("state", "=", "pending")
      .returningAll()
      .executeTakeFirst();
    if (!excuse) return fail("conflict", "This excuse request does not exist or was already decided.");
    if (input.approve) {
      const obligation = await findObligation(trx, excuse.obligation_id);
      if (obligation && canExcuse(obligationView(obligation)).ok) {
        await trx
          .updateTable("obligations")
          .set({ state: "excused" })
          .where("id", "=", obligation.id)
          .where("state", "in", ["missed", "met_late"])
          .execute();
        const offer = await trx.selectFrom("offers").selectAll().where("id", "=", obligation.offer_id).executeTakeFirstOrThrow();
        if (offer.state === "accepted") {
          await insertObligations(trx, offer, planOnExcuse(obligationView(obligation), at, await offerPolicy(trx, offer)), at);
        }
      }
      await recomputeStanding(trx, excuse.partner_id, at, actor);
    }
    const requester = await trx.selectFrom("users").select("email").where("id", "=", excuse.requested_by).executeTakeFirstOrThrow();
    await enqueueEmails(trx, [{
      to: requester.email, template: "excuse_decided", key: `excuse_decided:${excuse.id}`, at,
      data: { excuseId: excuse.id, state, note: input.note ?? "" },
    }]);
    await recordAudit(trx, {
      actorId: actor.userId, actorLabel: actor.label, action: `excuse.${state}`, subjectType: "partner",
      subjectId: excuse.partner_id, details: { excuseId: excuse.id, obligationId: excuse.obligation_id, note: input.note ?? "" }, at,
    });
    return succeed({ state });
  });
}
