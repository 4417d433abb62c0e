/**
 * The only module that imports lucia. Everything else talks about sessions through the
 * functions below, so replacing lucia (v3 is in maintenance) touches this file alone.
 */
import { Lucia, TimeSpan, type Adapter, type DatabaseSession, type DatabaseUser } from "lucia";
import type { Role } from "@db/schema";
import { now } from "~/clock.server";
import type { Executor } from "~/db.server";
import { env } from "~/env.server";
import {
  deleteExpiredSessions,
  deleteSession,
  deleteUserSessions,
  findSessionWithUser,
  insertSession,
  listUserSessions,
  updateSessionExpiry,
} from "~/models/session.server";

export const SESSION_COOKIE_NAME = "portal_session";

interface UserAttributes {
  email: string;
  name: string;
  role: Role;
  partnerId: string | null;
}

/** The signed-in person as loaders and actions see them. */
export interface SessionUser extends UserAttributes {
  id: string;
}

export interface SessionInfo {
  id: string;
  userId: string;
  expiresAt: Date;
}

/** How long sessions last: `idleMinutes` without a request, `maxHours` after sign-in at most. */
export interface SessionLimits {
  idleMinutes: number;
  maxHours: number;
}

function sessionLimits(): SessionLimits {
  return { idleMinutes: env().SESSION_IDLE_MINUTES, maxHours: env().SESSION_MAX_HOURS };
}

/**
 * lucia's Adapter over our `sessions` and `users` tables. A disabled user is returned as
 * "no user", which makes lucia delete the session: a disabled account is signed out on its
 * next request even if disabling somehow left a session behind. lucia knows only the rolling
 * (idle) expiry; the absolute lifetime is applied here: a session is reported as expiring no
 * later than `maxHours` after it began, and its expiry is never moved past that.
 */
export class KyselySessionAdapter implements Adapter {
  constructor(
    private readonly db: Executor,
    private readonly limits: SessionLimits = sessionLimits(),
  ) {}

  async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const row = await findSessionWithUser(this.db, sessionId);
    if (!row) return [null, null];
    const end = new Date(new Date(row.createdAt).getTime() + this.limits.maxHours * 3600_000);
    const expiresAt = row.expiresAt < end ? row.expiresAt : end;
    const session: DatabaseSession = { id: row.sessionId, userId: row.userId, expiresAt, attributes: {} };
    if (row.disabled) return [session, null];
    return [
      session,
      { id: row.userId, attributes: { email: row.email, name: row.name, role: row.role, partnerId: row.partnerId } },
    ];
  }

  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    const rows = await listUserSessions(this.db, userId);
    return rows.map((r) => ({ id: r.id, userId: r.user_id, expiresAt: r.expires_at, attributes: {} }));
  }

  async setSession(session: DatabaseSession): Promise<void> {
    await insertSession(this.db, {
      id: session.id,
      userId: session.userId,
      expiresAt: session.expiresAt,
      createdAt: now(),
    });
  }

  async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    await updateSessionExpiry(this.db, sessionId, expiresAt, this.limits.maxHours);
  }

  async deleteSession(sessionId: string): Promise<void> {
    await deleteSession(this.db, sessionId);
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await deleteUserSessions(this.db, userId);
  }

  async deleteExpiredSessions(): Promise<void> {
    await deleteExpiredSessions(this.db, now());
  }
}

function createLucia(db: Executor, limits: SessionLimits = sessionLimits()) {
  return new Lucia(new KyselySessionAdapter(db, limits), {
    // lucia moves the expiry on once a session is past half of this, so an idle session ends
    // between half and all of the idle time after its last request, and busy ones write rarely.
    sessionExpiresIn: new TimeSpan(limits.idleMinutes, "m"),
    sessionCookie: {
      name: SESSION_COOKIE_NAME,
      // The cookie outlives the session; the database row decides (idle and absolute limits),
      // so a session extended by lucia needs no new cookie.
      expires: false,
      attributes: { secure: cookieIsSecure(), sameSite: "lax", path: "/" },
    },
    getUserAttributes: (a) => ({ email: a.email, name: a.name, role: a.role, partnerId: a.partnerId }),
  });
}

declare module "lucia" {
  interface Register {
    Lucia: ReturnType<typeof createLucia>;
    DatabaseUserAttributes: UserAttributes;
  }
}

/** Secure cookies whenever the portal is served over https (APP_URL). */
export function cookieIsSecure(): boolean {
  return new URL(env().APP_URL).protocol === "https:";
}

/** Starts a session; returns it and the `Set-Cookie` value that carries it. */
export async function startSession(db: Executor, userId: string): Promise<{ session: SessionInfo; setCookie: string }> {
  const lucia = createLucia(db);
  const session = await lucia.createSession(userId, {});
  return {
    session: { id: session.id, userId: session.userId, expiresAt: session.expiresAt },
    setCookie: lucia.createSessionCookie(session.id).serialize(),
  };
}

/** The session id in a Cookie header, if any. */
export function readSessionId(cookieHeader: string | null): string | null {
  if (!cookieHeader) return null;
  try {
    return createLucia(null as unknown as Executor).readSessionCookie(cookieHeader) || null;
  } catch {
    return null; // a malformed Cookie header (bad percent-encoding) is no session, not a 500
  }
}

/**
 * Validates a session id: null for an unknown, expired or disabled user's session (lucia
 * deletes the row then). A session past half its life is extended in the database.
 */
export async function validateSession(
  db: Executor,
  sessionId: string,
): Promise<{ user: SessionUser; session: SessionInfo } | null> {
  const { user, session } = await createLucia(db).validateSession(sessionId);
  if (!user || !session) return null;
  return {
    user: { id: user.id, email: user.email, name: user.name, role: user.role, partnerId: user.partnerId },
    session: { id: session.id, userId: session.userId, expiresAt: session.expiresAt },
  };
}

export async function endSession(db: Executor, sessionId: string): Promise<void> {
  await createLucia(db).invalidateSession(sessionId);
}

export async function endAllSessions(db: Executor, userId: string): Promise<void> {
  await createLucia(db).invalidateUserSessions(userId);
}

/** A `Set-Cookie` value that removes the session cookie. */
export function blankSessionCookie(): string {
  return createLucia(null as unknown as Executor)
    .createBlankSessionCookie()
    .serialize();
}
