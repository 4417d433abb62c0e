import { sql } from "kysely";
import type { Executor } from "~/db.server";

/**
 * The sweep's SQL. Each condition mirrors a pure rule in app/domain (a test checks both agree
 * at due − 1 ms, due and due + 1 ms): an offer expires when due ≤ now (`isOfferExpired`), an
 * obligation is marked missed when open and due ≤ now (`isDueForMiss`).
 */
/**
 * Expired offers with their leads, both rows locked, skipping any another transaction holds:
 * the sweep never waits on a lock, so it cannot deadlock with a use case that locks the lead
 * and then the offer.
 */
export async function lockExpiredOffers(trx: Executor, asOf: Date, limit: number) {
  return trx
    .selectFrom("offers as o")
    .innerJoin("leads as l", "l.id", "o.lead_id")
    .select(["o.id", "o.lead_id", "o.partner_id", "l.state as lead_state"])
    .where("o.state", "=", "offered")
    .where("o.accept_due_at", "<=", asOf)
    .orderBy("o.accept_due_at")
    .limit(limit)
    .forUpdate(["o", "l"])
    .skipLocked()
    .execute();
}

export async function expireOffer(trx: Executor, offerId: string, asOf: Date) {
  await trx
    .updateTable("offers")
    .set({ state: "expired", ended_at: asOf, end_reason: "No answer before the deadline" })
    .where("id", "=", offerId)
    .where("state", "=", "offered")
    .execute();
  return trx
    .updateTable("obligations")
    .set({ state: "missed", missed_at: asOf })
    .where("offer_id", "=", offerId)
    .where("kind", "=", "accept")
    .where("state", "=", "open")
    .returning(["id"])
    .execute();
}

/**
 * Marks a batch of past-due follow-up obligations missed under their leads' locks (the lock
 * every use case takes first), skipping leads another transaction holds: a touch or recall in
 * flight commits first and the next sweep sees its result. The state guard is re-checked on
 * the newest row version, so nothing settled meanwhile is marked.
 */
export async function markMissedBatch(trx: Executor, asOf: Date, limit: number) {
  return trx
    .updateTable("obligations")
    .set({ state: "missed", missed_at: asOf })
    .where("id", "in", (eb) =>
      eb
        .selectFrom("obligations as ob")
        .innerJoin("leads as l", "l.id", "ob.lead_id")
        .select("ob.id")
        .where("ob.state", "=", "open")
        .where("ob.kind", "<>", "accept")
        .where("ob.due_at", "<=", asOf)
        .orderBy("ob.due_at")
        .limit(limit)
        .forUpdate(["l"])
        .skipLocked(),
    )
    .where("state", "=", "open")
    .returning(["id", "partner_id", "lead_id", "kind", "due_at"])
    .execute();
}

/**
 * Held leads whose latest update period ended by `asOf` without the next one opened, with the
 * lead and offer locked (lead first; leads another transaction holds are skipped). Driven by
 * accepted offers, so the cost follows open leads, not the history of obligations.
 */
export async function lockOffersWithEndedPeriods(trx: Executor, asOf: Date, limit: number) {
  return trx
    .selectFrom("offers as o")
    .innerJoin("leads as l", "l.id", "o.lead_id")
    .selectAll("o")
    .where("o.state", "=", "accepted")
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom("obligations as u")
          .select("u.id")
          .whereRef("u.offer_id", "=", "o.id")
          .where("u.kind", "=", "update")
          .where("u.due_at", "<=", asOf)
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom("obligations as n")
                  .select("n.id")
                  .whereRef("n.offer_id", "=", "u.offer_id")
                  .where("n.kind", "=", "update")
                  .whereRef("n.sequence", "=", sql`u.sequence + 1`),
              ),
            ),
          ),
      ),
    )
    .limit(limit)
    .forUpdate(["l", "o"])
    .skipLocked()
    .execute();
}

/**
 * Partners whose standing can change with time alone: not in good standing, an override ending,
 * something overdue, or an obligation that left the score's window since the previous sweep
 * (settled in (previous − window, asOf − window]; found through `obligations_settled_idx`, so
 * the cost follows those partners, not the table). The first sweep looks at all history once.
 */
export async function partnersToReevaluate(db: Executor, asOf: Date, windowDays: number): Promise<string[]> {
  const previous = await db
    .selectFrom("sweep_runs")
    .select((eb) => eb.fn.max("as_of").as("as_of"))
    .where("as_of", "<", asOf)
    .executeTakeFirst();
  const windowMs = windowDays * 86_400_000;
  const leftAfter = previous?.as_of ? new Date(new Date(previous.as_of).getTime() - windowMs) : new Date(0);
  const leftBy = new Date(asOf.getTime() - windowMs);
  const rows = await sql<{ partner_id: string }>`
    select partner_id from partner_standing
     where level <> 'good' or (override_expires_at is not null and override_expires_at <= ${asOf})
    union
    select distinct ob.partner_id from obligations ob join offers o on o.id = ob.offer_id
     where ob.state in ('open', 'missed') and ob.kind <> 'accept' and ob.due_at <= ${asOf} and o.state = 'accepted'
    union
    select distinct partner_id from obligations
     where state in ('open', 'met', 'met_late', 'missed')
       and coalesce(met_at, due_at) > ${leftAfter} and coalesce(met_at, due_at) <= ${leftBy}
  `.execute(db);
  return rows.rows.map((r) => r.partner_id);
}

export async function recordSweepRun(
  db: Executor,
  r: {
    asOf: Date;
    startedAt: Date;
    finishedAt: Date;
    expiredOffers: number;
    missedObligations: number;
    partnersRecomputed: number;
    actorLabel: string;
  },
) {
  await db
    .insertInto("sweep_runs")
    .values({
      as_of: r.asOf,
      started_at: r.startedAt,
      finished_at: r.finishedAt,
      expired_offers: r.expiredOffers,
      missed_obligations: r.missedObligations,
      partners_recomputed: r.partnersRecomputed,
      actor_label: r.actorLabel,
    })
    .execute();
}
