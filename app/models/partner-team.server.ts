/**
 * A partner admin's team and company settings. Every query takes the caller's partner id and
 * applies it, so another partner's user or company is simply not found.
 */
import type { Role } from "@db/schema";
import type { CompanySettings } from "~/domain/company-settings";
import type { Executor } from "~/db.server";
import { LIVE_OFFER_STATES } from "./offer.server";

export interface TeamRow {
  id: string;
  name: string;
  email: string;
  role: Role;
  disabled: boolean;
  /** Live offers (waiting or accepted) dispatched to this person. */
  openLeads: number;
}

/** The company's people, active first, with the open leads each one holds. */
export async function teamWithOpenLeads(db: Executor, partnerId: string): Promise<TeamRow[]> {
  return db
    .selectFrom("users as u")
    .leftJoin("offers as o", (join) =>
      join.onRef("o.rep_id", "=", "u.id").on("o.partner_id", "=", partnerId).on("o.state", "in", LIVE_OFFER_STATES),
    )
    .select(["u.id", "u.name", "u.email", "u.role", "u.disabled"])
    .select((eb) => eb.fn.count<number>("o.id").as("openLeads"))
    .where("u.partner_id", "=", partnerId)
    .groupBy(["u.id", "u.name", "u.email", "u.role", "u.disabled"])
    .orderBy("u.disabled")
    .orderBy("u.role")
    .orderBy("u.name")
    .limit(500)
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, openLeads: Number(r.openLeads) })));
}

/**
 * Members of the company (enabled or not) among `userIds`, locked for a change, in id order:
 * two admins moving leads between the same two people at once take the locks alike. FOR NO KEY
 * UPDATE, not FOR UPDATE: a foreign key naming the member (an audit row, an offer's rep) takes a
 * key-share lock that must not wait on it while its transaction holds a lead or an offer (ADR 005).
 */
export async function lockTeamMembers(trx: Executor, partnerId: string, userIds: string[]) {
  return trx
    .selectFrom("users")
    .select(["id", "name", "email", "role", "disabled"])
    .where("id", "in", userIds)
    .where("partner_id", "=", partnerId)
    .orderBy("id")
    .forNoKeyUpdate()
    .execute();
}

/** How many live offers the member holds. */
export async function countLiveOffersOfMember(db: Executor, partnerId: string, userId: string): Promise<number> {
  const row = await db
    .selectFrom("offers")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("partner_id", "=", partnerId)
    .where("rep_id", "=", userId)
    .where("state", "in", LIVE_OFFER_STATES)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Hands every live offer the member holds to `toUserId` (null: back to nobody, the shared inbox).
 * One conditional update: an offer that ended or moved meanwhile is not touched.
 */
export async function moveLiveOffersOfMember(
  trx: Executor,
  partnerId: string,
  fromUserId: string,
  toUserId: string | null,
): Promise<{ id: string; lead_id: string }[]> {
  return trx
    .updateTable("offers")
    .set({ rep_id: toUserId })
    .where("partner_id", "=", partnerId)
    .where("rep_id", "=", fromUserId)
    .where("state", "in", LIVE_OFFER_STATES)
    .returning(["id", "lead_id"])
    .execute();
}

export async function companySettings(db: Executor, partnerId: string) {
  return db
    .selectFrom("partners")
    .select(["id", "name", "capacity", "time_zone", "paused_until", "pause_note"])
    .where("id", "=", partnerId)
    .executeTakeFirst();
}

export async function updateCompanySettings(trx: Executor, partnerId: string, s: CompanySettings): Promise<boolean> {
  const res = await trx
    .updateTable("partners")
    .set({ capacity: s.capacity, time_zone: s.timeZone, paused_until: s.pausedUntil, pause_note: s.pauseNote })
    .where("id", "=", partnerId)
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}
