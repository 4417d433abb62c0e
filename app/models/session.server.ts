import { sql } from "kysely";
import type { Role } from "@db/schema";
import type { Executor } from "~/db.server";

/** A session joined with the fields of its user that a request needs. */
export interface SessionWithUser {
  sessionId: string;
  userId: string;
  expiresAt: Date;
  createdAt: Date;
  email: string;
  name: string;
  role: Role;
  partnerId: string | null;
  disabled: boolean;
}

export async function findSessionWithUser(db: Executor, sessionId: string): Promise<SessionWithUser | undefined> {
  return db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select([
      "sessions.id as sessionId",
      "sessions.user_id as userId",
      "sessions.expires_at as expiresAt",
      "sessions.created_at as createdAt",
      "users.email",
      "users.name",
      "users.role",
      "users.partner_id as partnerId",
      "users.disabled",
    ])
    .where("sessions.id", "=", sessionId)
    .executeTakeFirst();
}

export async function listUserSessions(db: Executor, userId: string) {
  return db.selectFrom("sessions").selectAll().where("user_id", "=", userId).execute();
}

export async function insertSession(
  db: Executor,
  s: { id: string; userId: string; expiresAt: Date; createdAt: Date },
): Promise<void> {
  await db
    .insertInto("sessions")
    .values({ id: s.id, user_id: s.userId, expires_at: s.expiresAt, created_at: s.createdAt })
    .execute();
}

/** Moves a session's expiry on, never past `maxHours` after it began (its absolute lifetime). */
export async function updateSessionExpiry(
  db: Executor,
  sessionId: string,
  expiresAt: Date,
  maxHours: number,
): Promise<void> {
  const capped = sql<Date>`least(${expiresAt}::timestamptz, created_at + ${maxHours} * interval '1 hour')`;
  await db
    .updateTable("sessions")
    .set({ expires_at: capped })
    .where("id", "=", sessionId)
    .where("expires_at", "<", capped)
    .execute();
}

export async function deleteSession(db: Executor, sessionId: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", sessionId).execute();
}

/** Ends every session of a user, except `keepSessionId` when given. Returns how many ended. */
export async function deleteUserSessions(db: Executor, userId: string, keepSessionId?: string): Promise<number> {
  let q = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (keepSessionId) q = q.where("id", "<>", keepSessionId);
  const res = await q.executeTakeFirst();
  return Number(res.numDeletedRows);
}

export async function deleteExpiredSessions(db: Executor, at: Date): Promise<void> {
  await db.deleteFrom("sessions").where("expires_at", "<=", at).execute();
}
