import { sql } from "kysely";
import type { Executor } from "~/db.server";

/**
 * What a partner's compliance page reads. Every query is scoped to the partner (and, for a
 * rep's own figures, to the offers dispatched to that rep): another partner's rows are never read.
 */

/** Breaches (missed, or met late) due after `since`, newest first, with the lead and any excuse request. */
export async function partnerBreaches(db: Executor, partnerId: string, since: Date, limit: number) {
  return db
    .selectFrom("obligations as ob")
    .innerJoin("leads as l", "l.id", "ob.lead_id")
    .leftJoin("excuse_requests as e", (join) =>
      join
        .onRef("e.obligation_id", "=", "ob.id")
        // The latest request of the obligation: a refused one may be followed by another.
        .on("e.requested_at", "=", (eb) =>
          eb
            .selectFrom("excuse_requests as e2")
            .select((e2) => e2.fn.max("e2.requested_at").as("m"))
            .whereRef("e2.obligation_id", "=", "ob.id"),
        ),
    )
    .select([
      "ob.id",
      "ob.kind",
      "ob.state",
      "ob.due_at",
      "ob.met_at",
      "ob.missed_at",
      "ob.lead_id",
      "l.company_name",
      "e.state as excuse_state",
      "e.reason as excuse_reason",
      "e.decision_note as excuse_note",
      "e.requested_at as excuse_requested_at",
    ])
    .where("ob.partner_id", "=", partnerId)
    .where("ob.due_at", ">", since)
    .where((eb) => eb.or([eb("ob.missed_at", "is not", null), eb("ob.state", "=", "met_late")]))
    .orderBy("ob.due_at", "desc")
    .orderBy("ob.id", "desc")
    .limit(limit)
    .execute();
}

/** Deadlines the partner can still meet (open or missed, not accept, lead still held), with the lead. */
export async function openItemsOfPartner(db: Executor, partnerId: string, until: Date) {
  return db
    .selectFrom("obligations as ob")
    .innerJoin("offers as o", "o.id", "ob.offer_id")
    .innerJoin("leads as l", "l.id", "ob.lead_id")
    .select(["ob.kind", "ob.due_at", "ob.lead_id", "l.company_name"])
    .where("ob.partner_id", "=", partnerId)
    .where("ob.kind", "!=", "accept")
    .where("ob.state", "in", ["open", "missed"])
    .where("o.state", "=", "accepted")
    .where("ob.due_at", "<=", until)
    .orderBy("ob.due_at")
    .execute();
}

export type MissedReason = "withheld" | "paused" | "capacity" | "probation_cap";
const MISSED_REASONS: MissedReason[] = ["withheld", "paused", "capacity", "probation_cap"];

/**
 * How many leads the partner could have served (its territory and vertical, not offered it
 * before) went to another partner since `since` because it was withheld, paused or at capacity,
 * from the stored routing decisions. Counts only: never who got them. A lead counts once in
 * `total`, and once under each reason it was excluded for.
 */
export async function leadsMissedWhileExcluded(db: Executor, partnerId: string, since: Date) {
  const rows = await sql<{ code: string; leads: number }>`
    with missed as (
      select rd.lead_id, ex->>'code' as code
      from routing_decisions rd
      cross join lateral jsonb_array_elements(rd.candidates) cand
      cross join lateral jsonb_array_elements(cand->'excludedFor') ex
      where rd.decided_at > ${since}
        and rd.result = 'offered'
        and rd.chosen_partner_id <> ${partnerId}
        and cand->>'partnerId' = ${partnerId}
        and ex->>'code' in (${sql.join(MISSED_REASONS)})
        and not exists (
          select 1 from jsonb_array_elements(cand->'excludedFor') other
          where other->>'code' in ('territory', 'vertical', 'inactive', 'already_offered')
        )
    )
    select code, count(distinct lead_id)::int as leads from missed group by code
    union all
    select 'total', count(distinct lead_id)::int from missed
  `.execute(db);
  const by = Object.fromEntries(rows.rows.map((r) => [r.code, r.leads]));
  return {
    total: by.total ?? 0,
    byReason: Object.fromEntries(MISSED_REASONS.map((r) => [r, by[r] ?? 0])) as Record<MissedReason, number>,
  };
}

/** The partner's excuse requests, newest first, with the breach and lead they are about. */
export async function partnerExcuseRequests(db: Executor, partnerId: string, limit: number) {
  return db
    .selectFrom("excuse_requests as e")
    .innerJoin("obligations as ob", "ob.id", "e.obligation_id")
    .innerJoin("leads as l", "l.id", "ob.lead_id")
    .select([
      "e.id",
      "e.state",
      "e.reason",
      "e.decision_note",
      "e.requested_at",
      "e.decided_at",
      "ob.kind",
      "ob.due_at",
      "ob.lead_id",
      "l.company_name",
    ])
    .where("e.partner_id", "=", partnerId)
    .orderBy("e.requested_at", "desc")
    .orderBy("e.id", "desc")
    .limit(limit)
    .execute();
}
