import { sql } from "kysely";
import type { NewUser, Role, User } from "@db/schema";
import type { Executor } from "~/db.server";

/** Case-insensitive, like the unique index `users_email_lower_key`. */
export async function findUserByEmail(db: Executor, email: string): Promise<User | undefined> {
  return db
    .selectFrom("users")
    .selectAll()
    .where(sql<string>`lower(email)`, "=", email.trim().toLowerCase())
    .executeTakeFirst();
}

export async function findUserById(db: Executor, id: string): Promise<User | undefined> {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertUser(db: Executor, user: NewUser): Promise<User> {
  return db.insertInto("users").values(user).returningAll().executeTakeFirstOrThrow();
}

export async function updatePasswordHash(db: Executor, userId: string, passwordHash: string): Promise<void> {
  await db.updateTable("users").set({ password_hash: passwordHash }).where("id", "=", userId).execute();
}

/** Returns false when no such user exists. */
export async function setDisabled(db: Executor, userId: string, disabled: boolean): Promise<boolean> {
  const res = await db.updateTable("users").set({ disabled }).where("id", "=", userId).executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

/**
 * An enabled member of the partner's team that a live offer goes to, its row locked FOR SHARE
 * until the transaction ends: a disable (it locks the row for update) either waits and then sees
 * the offer, or goes first and the member reads as disabled here. Taken before the lead and the
 * offer (ADR 005).
 */
export async function lockActiveTeamMember(trx: Executor, partnerId: string, userId: string) {
  const member = await trx
    .selectFrom("users")
    .select(["id", "email", "disabled"])
    .where("id", "=", userId)
    .where("partner_id", "=", partnerId)
    .forShare()
    .executeTakeFirst();
  return member && !member.disabled ? { id: member.id, email: member.email } : undefined;
}

export interface TeamMember {
  id: string;
  name: string;
  email: string;
  role: Role;
  disabled: boolean;
}

/** The people of one partner company; `partnerId` is the caller's partner scope. */
export async function listPartnerTeam(db: Executor, partnerId: string): Promise<TeamMember[]> {
  return db
    .selectFrom("users")
    .select(["id", "name", "email", "role", "disabled"])
    .where("partner_id", "=", partnerId)
    .orderBy("role")
    .orderBy("name")
    .execute();
}

/** True when at least one user exists (the first-run setup is closed then). */
export async function anyUserExists(db: Executor): Promise<boolean> {
  const row = await db.selectFrom("users").select("id").limit(1).executeTakeFirst();
  return row !== undefined;
}

/** True when an enabled user still signs in with exactly this stored hash (the demo's). */
export async function enabledUserHasPasswordHash(db: Executor, passwordHash: string): Promise<boolean> {
  const row = await db
    .selectFrom("users")
    .select("id")
    .where("password_hash", "=", passwordHash)
    .where("disabled", "=", false)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Holds off every other writer of `users` until the transaction ends (the first-run setup). */
export async function lockUsersTable(trx: Executor): Promise<void> {
  await sql`lock table users in share row exclusive mode`.execute(trx);
}

/** Locks the active channel managers' rows (the "not the last one" rule reads them). */
export async function activeManagerIdsForUpdate(trx: Executor): Promise<string[]> {
  const rows = await trx
    .selectFrom("users")
    .select("id")
    .where("role", "=", "channel_manager")
    .where("disabled", "=", false)
    .orderBy("id")
    // Not FOR UPDATE: the key-share locks of foreign keys (an audit row naming a manager) don't wait on it.
    .forNoKeyUpdate()
    .execute();
  return rows.map((r) => r.id);
}

export async function updateProfile(
  db: Executor,
  userId: string,
  p: { name: string; timeZone: string },
): Promise<boolean> {
  const res = await db
    .updateTable("users")
    .set({ name: p.name, time_zone: p.timeZone })
    .where("id", "=", userId)
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

export async function userTimeZone(db: Executor, userId: string): Promise<string> {
  const row = await db.selectFrom("users").select("time_zone").where("id", "=", userId).executeTakeFirst();
  return row?.time_zone ?? "UTC";
}

/** The vendor's own people (channel managers), enabled first. */
export async function listManagers(db: Executor): Promise<TeamMember[]> {
  return db
    .selectFrom("users")
    .select(["id", "name", "email", "role", "disabled"])
    .where("role", "=", "channel_manager")
    .orderBy("disabled")
    .orderBy("name")
    .limit(500)
    .execute();
}
