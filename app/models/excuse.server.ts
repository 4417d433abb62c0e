import type { Executor } from "~/db.server";

/** A pending request; answers null when one is already waiting for this obligation. */
export async function insertPendingExcuse(
  trx: Executor,
  e: {
    obligationId: string;
    partnerId: string;
    requestedBy: string;
    reason: string;
    at: Date;
  },
): Promise<string | null> {
  const row = await trx
    .insertInto("excuse_requests")
    .values({
      obligation_id: e.obligationId,
      partner_id: e.partnerId,
      requested_by: e.requestedBy,
      reason: e.reason,
      state: "pending",
      requested_at: e.at,
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
  d: {
    state: "approved" | "rejected";
    by: string | null;
    note: string | null;
    at: Date;
  },
) {
  return trx
    .updateTable("excuse_requests")
    .set({
      state: d.state,
      decided_by: d.by,
      decided_at: d.at,
      decision_note: d.note,
    })
    .where("id", "=", id)
    .where("state", "=", "pending")
    .returningAll()
    .executeTakeFirst();
}

export async function excuseExists(db: Executor, id: string): Promise<boolean> {
  return Boolean(await db.selectFrom("excuse_requests").select("id").where("id", "=", id).executeTakeFirst());
}

/** One excuse request as the manager's queue shows it: who asks, for which breach of which lead, why. */
function excuseListQuery(db: Executor) {
  return db
    .selectFrom("excuse_requests as e")
    .innerJoin("obligations as ob", "ob.id", "e.obligation_id")
    .innerJoin("leads as l", "l.id", "ob.lead_id")
    .innerJoin("partners as p", "p.id", "e.partner_id")
    .innerJoin("users as asker", "asker.id", "e.requested_by")
    .leftJoin("users as decider", "decider.id", "e.decided_by")
    .select([
      "e.id",
      "e.reason",
      "e.state",
      "e.requested_at as requestedAt",
      "e.decided_at as decidedAt",
      "e.decision_note as note",
      "p.name as partnerName",
      "asker.name as requestedBy",
      "decider.name as decidedBy",
      "l.id as leadId",
      "l.company_name as company",
      "ob.kind",
      "ob.state as obligationState",
      "ob.due_at as dueAt",
      "ob.met_at as metAt",
      "ob.missed_at as missedAt",
    ]);
}

export type ExcuseListItem = Awaited<ReturnType<ReturnType<typeof excuseListQuery>["execute"]>>[number];

/** The requests waiting for a decision, oldest first (partial index excuse_requests_waiting_idx). */
export async function waitingExcuses(db: Executor, limit: number): Promise<ExcuseListItem[]> {
  return excuseListQuery(db)
    .where("e.state", "=", "pending")
    .orderBy("e.requested_at")
    .orderBy("e.id")
    .limit(limit)
    .execute();
}

/** Where a page of decided requests starts: after this decision (newest first). */
export interface DecidedCursor {
  decidedAt: Date;
  id: string;
}

/** Decided requests newest first, a page at a time by keyset (partial index excuse_requests_decided_idx). */
export async function decidedExcuses(db: Executor, limit: number, after?: DecidedCursor): Promise<ExcuseListItem[]> {
  let query = excuseListQuery(db).where("e.state", "<>", "pending");
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb("e.decided_at", "<", after.decidedAt),
        eb.and([eb("e.decided_at", "=", after.decidedAt), eb("e.id", "<", after.id)]),
      ]),
    );
  }
  return query.orderBy("e.decided_at", "desc").orderBy("e.id", "desc").limit(limit).execute();
}
