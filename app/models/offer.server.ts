import { sql } from "kysely";
import type { Executor } from "@db/client";
import type { Lead, Obligation, Offer } from "@db/schema";

export const LIVE_OFFER_STATES = ["offered", "accepted"] as const;

/** Locks the lead row: every assignment decision about a lead starts here (then the partner). */
export async function lockLead(trx: Executor, leadId: string): Promise<Lead | undefined> {
  return trx.selectFrom("leads").selectAll().where("id", "=", leadId).forUpdate().executeTakeFirst();
}

export async function findOffer(db: Executor, offerId: string, partnerId?: string | null): Promise<Offer | undefined> {
  let q = db.selectFrom("offers").selectAll().where("id", "=", offerId);
  if (partnerId) q = q.where("partner_id", "=", partnerId);
  return q.executeTakeFirst();
}

export async function lockOffer(trx: Executor, offerId: string, partnerId?: string | null): Promise<Offer | undefined> {
  let q = trx.selectFrom("offers").selectAll().where("id", "=", offerId);
  if (partnerId) q = q.where("partner_id", "=", partnerId);
  return q.forUpdate().executeTakeFirst();
}

export async function liveOfferOfLead(db: Executor, leadId: string): Promise<Offer | undefined> {
  return db
    .selectFrom("offers")
    .selectAll()
    .where("lead_id", "=", leadId)
    .where("state", "in", LIVE_OFFER_STATES)
    .executeTakeFirst();
}

/** Open offers plus accepted leads without an outcome: what capacity counts. */
export async function openLoad(db: Executor, partnerId: string): Promise<number> {
  const row = await db
    .selectFrom("offers")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("partner_id", "=", partnerId)
    .where("state", "in", LIVE_OFFER_STATES)
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function obligationsOfOffer(db: Executor, offerId: string): Promise<Obligation[]> {
  return db.selectFrom("obligations").selectAll().where("offer_id", "=", offerId).orderBy("due_at").execute();
}

export async function touchTimes(db: Executor, offerId: string): Promise<Date[]> {
  const rows = await db
    .selectFrom("activities")
    .select("at")
    .where("offer_id", "=", offerId)
    .where("kind", "<>", "stage_change")
    .orderBy("at")
    .execute();
  return rows.map((r) => r.at);
}

/** Conditional update: only succeeds from the expected state (the caller holds the lead lock or checks the count). */
export async function setLeadState(
  trx: Executor,
  leadId: string,
  from: Lead["state"],
  to: Lead["state"],
  at: Date,
  extra: { queued_reason?: string | null; stage?: string | null } = {},
): Promise<boolean> {
  const res = await trx
    .updateTable("leads")
    .set({ state: to, updated_at: at, ...extra })
    .where("id", "=", leadId)
    .where("state", "=", from)
    .executeTakeFirst();
  return res.numUpdatedRows === 1n;
}

export async function enqueueRouting(trx: Executor, leadId: string, trigger: string, at: Date): Promise<void> {
  await trx
    .insertInto("routing_jobs")
    .values({ lead_id: leadId, trigger, enqueued_at: at })
    .onConflict((oc) => oc.column("lead_id").doNothing())
    .execute();
}
