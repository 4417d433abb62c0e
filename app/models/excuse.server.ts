import type { Executor } from "~/db.server";

/** A pending request; answers null when one is already waiting for this obligation. */
export async function insertPendingExcuse(
  trx: Executor,
  e: { obligationId: string; partnerId: string; requestedBy: string; reason: string; at: Date },
): Promise<string | null> {
  const row = await trx
    .insertInto("excuse_requests")
    .values({
      obligation_id: e.obligationId, partner_id: e.partnerId, requested_by: e.requestedBy, reason: e.reason,
      state: "pending", requested_at: e.at,
    })
    .onConflict((oc) => oc.column("obligation_id").where("state", "=", "pending").doNothing())
    .returning("id")
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Decides a pending request (conditional: a request is decided once). */
export async function decideIfPending(
  trx: Executor,
  id: string,
  d: { state: "approved" | "rejected"; by: string | null; note: string | null; at: Date },
) {
  return trx
    .updateTable("excuse_requests")
    .set({ state: d.state, decided_by: d.by, decided_at: d.at, decision_note: d.note })
    .where("id", "=", id)
    .where("state", "=", "pending")
    .returningAll()
    .executeTakeFirst();
}
