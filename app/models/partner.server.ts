import { sql } from "kysely";
import type { Executor } from "~/db.server";

/**
 * The partner lock that assignment and standing changes serialise on. FOR NO KEY UPDATE, not
 * FOR UPDATE: rows inserted with a foreign key to the partner (obligations, history) take a KEY
 * SHARE lock on it, which FOR UPDATE would wait for, so two use cases that each inserted such a
 * row and then asked for the partner lock would deadlock.
 */
export async function lockPartner(trx: Executor, partnerId: string) {
  return trx
    .selectFrom("partners")
    .select(["id", "name"])
    .where("id", "=", partnerId)
    .forNoKeyUpdate()
    .executeTakeFirst();
}

/**
 * Several partners' locks in one statement, taken in id order (as every use case that locks more
 * than one partner takes them), so two such transactions wait for each other, never deadlock.
 */
export async function lockPartners(trx: Executor, partnerIds: string[]): Promise<void> {
  if (partnerIds.length === 0) return;
  await trx.selectFrom("partners").select("id").where("id", "in", partnerIds).orderBy("id").forNoKeyUpdate().execute();
}

export async function partnerExists(db: Executor, partnerId: string): Promise<boolean> {
  const row = await db
    .selectFrom("partners")
    .select("id")
    .where(sql<string>`id::text`, "=", partnerId)
    .executeTakeFirst();
  return row !== undefined;
}

export interface PartnerSummary {
  id: string;
  name: string;
  timeZone: string;
  territories: string[];
  verticals: string[];
  capacity: number;
  active: boolean;
}

/** The company a partner user works for (partner scope applied by the caller's id). */
export async function findPartnerSummary(db: Executor, partnerId: string): Promise<PartnerSummary | undefined> {
  const row = await db
    .selectFrom("partners")
    .select(["id", "name", "time_zone", "territories", "verticals", "capacity", "active"])
    .where("id", "=", partnerId)
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      name: row.name,
      timeZone: row.time_zone,
      territories: row.territories,
      verticals: row.verticals,
      capacity: row.capacity,
      active: row.active,
    }
  );
}

export interface PartnerFields {
  name: string;
  contactEmail: string;
  territories: string[];
  verticals: string[];
  capacity: number;
  timeZone: string;
  pausedUntil: Date | null;
  active: boolean;
}

const partnerColumns = (f: PartnerFields) => ({
  name: f.name,
  contact_email: f.contactEmail,
  territories: f.territories,
  verticals: f.verticals,
  capacity: f.capacity,
  time_zone: f.timeZone,
  paused_until: f.pausedUntil,
  active: f.active,
});

export async function insertPartner(db: Executor, fields: PartnerFields): Promise<{ id: string; name: string }> {
  return db.insertInto("partners").values(partnerColumns(fields)).returning(["id", "name"]).executeTakeFirstOrThrow();
}

export async function updatePartner(db: Executor, partnerId: string, fields: PartnerFields): Promise<boolean> {
  const res = await db
    .updateTable("partners")
    .set({
      ...partnerColumns(fields),
      // The company's pause note explains its own pause: a manager's different pause drops it.
      pause_note: sql<
        string | null
      >`case when paused_until is not distinct from ${fields.pausedUntil} then pause_note end`,
    })
    .where("id", "=", partnerId)
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

/** A case-insensitive name clash with another partner (names identify partners on every page). */
export async function partnerNameTaken(db: Executor, name: string, exceptId: string | null): Promise<boolean> {
  let q = db
    .selectFrom("partners")
    .select("id")
    .where(sql<string>`lower(name)`, "=", name.toLowerCase());
  if (exceptId) q = q.where("id", "<>", exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function findPartner(db: Executor, partnerId: string) {
  return db.selectFrom("partners").selectAll().where("id", "=", partnerId).executeTakeFirst();
}

export interface PartnerListRow {
  id: string;
  name: string;
  active: boolean;
  capacity: number;
  pausedUntil: Date | null;
  standing: string;
  score: number;
  provisional: boolean;
  openLoad: number;
  lastActivityAt: Date | null;
}

export const PARTNER_PAGE_SIZE = 50;

/**
 * One page of partners by name, after the keyset `(name, id)` of the previous page's last row
 * (index partners_name_id_idx). Open load counts live offers, as the router does.
 */
export async function listPartners(
  db: Executor,
  after: { name: string; id: string } | null,
  limit = PARTNER_PAGE_SIZE,
): Promise<PartnerListRow[]> {
  let q = db
    .selectFrom("partners as p")
    .leftJoin("partner_standing as s", "s.partner_id", "p.id")
    .select([
      "p.id",
      "p.name",
      "p.active",
      "p.capacity",
      "p.paused_until",
      sql<string>`coalesce(s.level, 'good')`.as("standing"),
      sql<number>`coalesce(s.score, 100)`.as("score"),
      sql<boolean>`coalesce(s.provisional, true)`.as("provisional"),
      sql<number>`(select count(*)::int from offers o where o.partner_id = p.id and o.state in ('offered', 'accepted'))`.as(
        "open_load",
      ),
      sql<Date | null>`(select max(a.at) from activities a join offers o on o.id = a.offer_id where o.partner_id = p.id)`.as(
        "last_activity_at",
      ),
    ]);
  if (after) q = q.where((eb) => eb(eb.refTuple("p.name", "p.id"), ">", eb.tuple(after.name, after.id)));
  const rows = await q.orderBy("p.name").orderBy("p.id").limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    active: r.active,
    capacity: r.capacity,
    pausedUntil: r.paused_until,
    standing: r.standing,
    score: r.score,
    provisional: r.provisional,
    openLoad: r.open_load,
    lastActivityAt: r.last_activity_at ? new Date(r.last_activity_at) : null,
  }));
}

export async function partnerOpenLoad(db: Executor, partnerId: string): Promise<number> {
  const row = await db
    .selectFrom("offers")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("partner_id", "=", partnerId)
    .where("state", "in", ["offered", "accepted"])
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Missed obligations of one partner, newest first, with the lead they belong to. */
export async function partnerBreaches(db: Executor, partnerId: string, limit = 50) {
  return db
    .selectFrom("obligations as ob")
    .innerJoin("leads as l", "l.id", "ob.lead_id")
    .select(["ob.id", "ob.kind", "ob.due_at", "ob.missed_at", "l.id as lead_id", "l.company_name"])
    .where("ob.partner_id", "=", partnerId)
    .where("ob.state", "=", "missed")
    .orderBy("ob.due_at", "desc")
    .limit(limit)
    .execute();
}

export async function partnerStandingHistory(db: Executor, partnerId: string, limit = 50) {
  return db
    .selectFrom("partner_standing_history")
    .select(["id", "from_level", "to_level", "reason", "actor_label", "at"])
    .where("partner_id", "=", partnerId)
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

/** Forced withholds, reinstatements and early ends of them, from the audit trail. */
export async function partnerOverrides(db: Executor, partnerId: string, limit = 50) {
  return db
    .selectFrom("audit_events")
    .select(["id", "action", "actor_label", "details", "at"])
    .where("subject_type", "=", "partner")
    .where("subject_id", "=", partnerId)
    .where("action", "in", ["standing.forced_withheld", "standing.forced_good", "standing.override_cleared"])
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}
