import { sql } from "kysely";
import type { Obligation, ObligationState } from "@db/schema";
import type { Executor } from "~/db.server";
import type { MeetDecision, NewObligation, ObligationView } from "~/domain/obligations";

export function obligationView(row: Obligation & { offer_held?: boolean }): ObligationView {
  return {
    offerHeld: row.offer_held,
    id: row.id,
    kind: row.kind,
    state: row.state,
    dueAt: row.due_at,
    metAt: row.met_at,
    policyVersion: row.policy_version,
    sequence: row.sequence,
  };
}

export async function insertObligations(
  trx: Executor,
  offer: { id: string; lead_id: string; partner_id: string },
  plans: NewObligation[],
  at: Date,
): Promise<void> {
  await insertObligationsOfOffers(trx, [{ offer, plans }], at);
}

/** `insertObligations` for several offers in one statement (a routing batch). */
export async function insertObligationsOfOffers(
  trx: Executor,
  items: { offer: { id: string; lead_id: string; partner_id: string }; plans: NewObligation[] }[],
  at: Date,
): Promise<void> {
  const rows = items.flatMap(({ offer, plans }) =>
    plans.map((p) => ({
      offer_id: offer.id,
      lead_id: offer.lead_id,
      partner_id: offer.partner_id,
      kind: p.kind,
      sequence: p.sequence,
      due_at: p.dueAt,
      remind_at: p.remindAt,
      state: "open" as const,
      policy_version: p.policyVersion,
      created_at: at,
    })),
  );
  if (rows.length === 0) return;
  await trx
    .insertInto("obligations")
    .values(rows)
    // Re-planning the same update twice (a retried request) must not double it.
    .onConflict((oc) => oc.columns(["offer_id", "kind", "sequence"]).doNothing())
    .execute();
}

/**
 * Stamps met obligations. A recorded breach stays recorded: an obligation the sweep already
 * marked missed can only become `met_late`, whatever the caller decided (its view may predate
 * the sweep's commit); settled ones are never touched.
 */
export async function markMet(trx: Executor, decisions: MeetDecision[], at: Date): Promise<void> {
  for (const state of ["met", "met_late"] as const) {
    const ids = decisions.filter((d) => d.state === state).map((d) => d.id);
    if (ids.length === 0) continue;
    await trx
      .updateTable("obligations")
      .set({ state: sql<ObligationState>`case when state = 'missed' then 'met_late' else ${state} end`, met_at: at })
      .where("id", "in", ids)
      .where("state", "in", ["open", "missed"])
      .execute();
  }
}

/** Recall or reassignment: only what is still open is cancelled; a recorded breach keeps counting. */
export async function markCancelled(trx: Executor, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await trx
    .updateTable("obligations")
    .set({ state: "cancelled" })
    .where("id", "in", ids)
    .where("state", "=", "open")
    .execute();
}

/** An approved excuse: the breach stops counting. */
export async function markExcused(trx: Executor, id: string): Promise<void> {
  await trx
    .updateTable("obligations")
    .set({ state: "excused" })
    .where("id", "=", id)
    .where("state", "in", ["missed", "met_late"])
    .execute();
}

export async function findObligation(db: Executor, id: string): Promise<Obligation | undefined> {
  return db.selectFrom("obligations").selectAll().where("id", "=", id).executeTakeFirst();
}

/** A partner's own obligation; another partner's answers nothing, like a missing one. */
export async function findPartnerObligation(
  db: Executor,
  id: string,
  partnerId: string,
): Promise<Obligation | undefined> {
  return db
    .selectFrom("obligations")
    .selectAll()
    .where("id", "=", id)
    .where("partner_id", "=", partnerId)
    .executeTakeFirst();
}

/**
 * Everything the score and standing of a partner read, from `since` on (plus anything
 * unsettled), each with whether the partner still holds its lead. With `repId`: only the
 * offers dispatched to that rep (a rep's own figures).
 */
export async function obligationsForStanding(db: Executor, partnerId: string, since: Date, repId?: string) {
  return db
    .selectFrom("obligations as ob")
    .innerJoin("offers as o", "o.id", "ob.offer_id")
    .selectAll("ob")
    .select(sql<boolean>`o.state in ('offered', 'accepted')`.as("offer_held"))
    .where("ob.partner_id", "=", partnerId)
    .$if(repId !== undefined, (q) => q.where("o.rep_id", "=", repId!))
    .where((eb) =>
      eb.or([eb("ob.due_at", ">", since), eb("ob.met_at", ">", since), eb("ob.state", "in", ["open", "missed"])]),
    )
    .execute();
}

export async function obligationsOfOffer(db: Executor, offerId: string): Promise<Obligation[]> {
  return db.selectFrom("obligations").selectAll().where("offer_id", "=", offerId).orderBy("due_at").execute();
}
