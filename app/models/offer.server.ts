import { sql, type Insertable } from "kysely";
import type { Offer, OffersTable } from "@db/schema";
import type { Executor } from "~/db.server";
import { offerInScope, type OfferScope } from "./offer-scope.server";

export const LIVE_OFFER_STATES = ["offered", "accepted"] as const;

export async function findOffer(db: Executor, offerId: string): Promise<Offer | undefined> {
  return db.selectFrom("offers").selectAll().where("id", "=", offerId).executeTakeFirst();
}

/** The offer if the partner-side user may act on it; otherwise nothing, like a missing one. */
export async function findOfferInScope(db: Executor, offerId: string, scope: OfferScope): Promise<Offer | undefined> {
  return db.selectFrom("offers").selectAll().where("id", "=", offerId).where(offerInScope(scope)).executeTakeFirst();
}

/** Locks an offer the caller found in scope; the caller holds its lead's lock first. */
export async function lockOffer(trx: Executor, offerId: string): Promise<Offer> {
  return trx.selectFrom("offers").selectAll().where("id", "=", offerId).forUpdate().executeTakeFirstOrThrow();
}

export async function liveOfferOfLead(db: Executor, leadId: string): Promise<Offer | undefined> {
  return db
    .selectFrom("offers")
    .selectAll()
    .where("lead_id", "=", leadId)
    .where("state", "in", LIVE_OFFER_STATES)
    .executeTakeFirst();
}

/** Accept, conditional on the offer still being open: now < due (the sweep expires at due ≤ now). */
export async function acceptIfOpen(trx: Executor, offerId: string, scope: OfferScope, by: string | null, at: Date) {
  return trx
    .updateTable("offers")
    .set((eb) => ({
      state: "accepted",
      decided_at: at,
      decided_by: by,
      // A rep who accepts an undispatched offer takes it on.
      rep_id: scope.repId ? eb.fn.coalesce("rep_id", eb.val(scope.repId)) : eb.ref("rep_id"),
    }))
    .where("id", "=", offerId)
    .where(offerInScope(scope))
    .where("state", "=", "offered")
    .where("accept_due_at", ">", at)
    .returningAll()
    .executeTakeFirst();
}

/** Decline, in the same window as accepting. */
export async function declineIfOpen(
  trx: Executor,
  offerId: string,
  scope: OfferScope,
  d: { by: string | null; reason: string; note: string | null; at: Date },
) {
  return trx
    .updateTable("offers")
    .set({
      state: "declined",
      decided_at: d.at,
      decided_by: d.by,
      decline_reason: d.reason,
      decline_note: d.note,
      ended_at: d.at,
    })
    .where("id", "=", offerId)
    .where(offerInScope(scope))
    .where("state", "=", "offered")
    .where("accept_due_at", ">", d.at)
    .returningAll()
    .executeTakeFirst();
}

/** Ends an offer still live (outcome reported, or recalled by a manager); answers whether it did. */
export async function endOffer(
  trx: Executor,
  offerId: string,
  state: "closed" | "recalled",
  at: Date,
  reason: string | null = null,
): Promise<boolean> {
  const res = await trx
    .updateTable("offers")
    .set({ state, ended_at: at, end_reason: reason })
    .where("id", "=", offerId)
    .where("state", "in", LIVE_OFFER_STATES)
    .executeTakeFirst();
  return res.numUpdatedRows === 1n;
}

export async function insertOffer(trx: Executor, values: Insertable<OffersTable>): Promise<Offer> {
  const [offer] = await insertOffers(trx, [values]);
  return offer;
}

/**
 * Offers to different leads made at one instant (a routing batch), in three statements: the
 * offers, the leads' offer counts, the partners' last offer. Returned in the order given.
 */
export async function insertOffers(trx: Executor, values: Insertable<OffersTable>[]): Promise<Offer[]> {
  if (values.length === 0) return [];
  const rows = await trx.insertInto("offers").values(values).returningAll().execute();
  const byLead = new Map(rows.map((o) => [o.lead_id, o]));
  const offers = values.map((v) => byLead.get(v.lead_id)!);
  await trx
    .updateTable("leads")
    .set((eb) => ({ offer_count: eb("offer_count", "+", 1) }))
    .where("id", "in", [...byLead.keys()])
    .execute();
  const lastOffered = new Map<string, Date>();
  for (const o of offers) {
    const seen = lastOffered.get(o.partner_id);
    if (!seen || seen < o.offered_at) lastOffered.set(o.partner_id, o.offered_at);
  }
  const partners = sql.join([...lastOffered].map(([id, at]) => sql`(${id}::uuid, ${at}::timestamptz)`));
  await sql`
    update partners p set last_offered_at = v.at from (values ${partners}) as v(id, at) where p.id = v.id
  `.execute(trx);
  return offers;
}

/** A live offer in the user's scope, locked for a change (dispatch). */
export async function lockLiveOfferInScope(trx: Executor, offerId: string, scope: OfferScope) {
  return trx
    .selectFrom("offers")
    .select(["id", "lead_id", "partner_id"])
    .where("id", "=", offerId)
    .where(offerInScope(scope))
    .where("state", "in", LIVE_OFFER_STATES)
    .forUpdate()
    .executeTakeFirst();
}

export async function setOfferRep(trx: Executor, offerId: string, repId: string | null): Promise<void> {
  await trx.updateTable("offers").set({ rep_id: repId }).where("id", "=", offerId).execute();
}
