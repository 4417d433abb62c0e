import { data, redirect } from "@remix-run/node";
import { getDb } from "~/db.server";
import type { Actor } from "~/services/actor";
import { blankSessionCookie, readSessionId, validateSession, type SessionInfo, type SessionUser } from "./lucia.server";
import { loginPathFor } from "./redirect-to";
import { isPartnerRole, ROLE_LABELS, type Role } from "./roles";

export interface Authenticated {
  user: SessionUser;
  session: SessionInfo;
}

export interface PartnerScoped extends Authenticated {
  /** Apply this in every model query a partner user reaches: another partner's row is a 404. */
  partnerId: string;
}

/** The signed-in user of a request, or null. */
export async function getOptionalUser(request: Request): Promise<Authenticated | null> {
  const sessionId = readSessionId(request.headers.get("Cookie"));
  if (!sessionId) return null;
  return validateSession(getDb(), sessionId);
}

/** The signed-in user; otherwise a redirect to the sign-in page that comes back here. */
export async function requireUser(request: Request): Promise<Authenticated> {
  const sessionId = readSessionId(request.headers.get("Cookie"));
  const auth = sessionId ? await validateSession(getDb(), sessionId) : null;
  if (auth) return auth;
  // A stale cookie (expired, ended or disabled) is removed on the way to the sign-in page.
  throw redirect(loginPathFor(request), sessionId ? { headers: { "Set-Cookie": blankSessionCookie() } } : undefined);
}

/** A signed-in user with one of `roles`; any other role gets a 403 page. */
export async function requireRole(request: Request, ...roles: Role[]): Promise<Authenticated> {
  const auth = await requireUser(request);
  if (!roles.includes(auth.user.role)) throw forbidden(auth.user.role);
  return auth;
}

/** A partner user (admin or rep) and the partner whose rows they may see. */
export async function requirePartnerScope(request: Request, ...roles: Role[]): Promise<PartnerScoped> {
  const allowed = roles.length ? roles : (["partner_admin", "partner_rep"] as Role[]);
  const auth = await requireRole(request, ...allowed);
  if (!isPartnerRole(auth.user.role) || !auth.user.partnerId) throw forbidden(auth.user.role);
  return { ...auth, partnerId: auth.user.partnerId };
}

export function forbidden(role?: Role) {
  const who = role ? `${ROLE_LABELS[role]} accounts` : "Your account";
  return data({ message: `${who} cannot open this page.` }, { status: 403 });
}

export function notFound(message = "There is nothing at this address.") {
  return data({ message }, { status: 404 });
}

/** The signed-in user as the actor of a use case (services write it into the audit trail). */
export function actorFor(auth: Authenticated): Actor {
  const { user } = auth;
  return { userId: user.id, label: user.email, role: user.role, partnerId: user.partnerId };
}
