/**
 * Invitations: a channel manager invites managers and partner users; a partner admin invites its
 * own company's people. The token is 32 random bytes shown once (as a link) to the inviter and
 * stored only as its SHA-256, expires after INVITATION_DAYS and works once: accepting claims it
 * with a conditional update, so two acceptances at once create one user.
 */
import type { Role, User } from "@db/schema";
import { startSession } from "~/auth/lucia.server";
import { hashPassword, newPasswordProblem } from "~/auth/password.server";
import { isPartnerRole, ROLE_LABELS, ROLES } from "~/auth/roles";
import { now } from "~/clock.server";
import type { DB, Executor } from "~/db.server";
import { env } from "~/env.server";
import { recordAudit } from "~/models/audit.server";
import { insertInvitation, setInvitationUser } from "~/models/invitation.server";
import { findPartnerSummary } from "~/models/partner.server";
import { findUserByEmail, insertUser } from "~/models/user.server";
import { claimToken, findByTokenHash } from "~/models/single-use-token.server";
import { hashSecretToken as hashToken, newSecretToken } from "~/security/secret-token.server";
import { fail, invalidFields, succeed, type Outcome } from "~/domain/outcome";
import { inviteeEmailSchema } from "~/domain/people-fields";
import type { Actor } from "./actor";

export const INVITATION_DAYS = 7;
const DAY_MS = 86_400_000;

/** Whether `actor` may invite `role` into `partnerId` (null: the vendor). */
function inviteRefusal(actor: Actor, role: Role, partnerId: string | null): string | null {
  if (isPartnerRole(role) !== (partnerId !== null)) {
    return partnerId
      ? "A channel manager works for the vendor, not for a partner."
      : "A partner admin or rep needs the partner they work for.";
  }
  if (actor.role === "channel_manager") return null;
  if (actor.role === "partner_admin" && actor.partnerId === partnerId && isPartnerRole(role)) return null;
  return "You cannot invite people to this team.";
}

export async function createInvitation(
  db: DB,
  input: { email: string; role: Role; partnerId: string | null },
  actor: Actor,
): Promise<Outcome<{ token: string; invitationId: string; expiresAt: Date }>> {
  const email = inviteeEmailSchema.safeParse(input.email);
  if (!email.success) return invalidFields({ email: [email.error.issues[0].message] });
  if (!(ROLES as readonly string[]).includes(input.role)) return fail("invalid", "Choose a role.");
  const refusal = inviteRefusal(actor, input.role, input.partnerId);
  if (refusal) return fail("forbidden", refusal);
  if (input.partnerId && !(await findPartnerSummary(db, input.partnerId)))
    return fail("not_found", "This partner does not exist.");
  if (await findUserByEmail(db, email.data))
    return fail("conflict", "Someone with this email already has an account.", {
      email: ["Someone with this email already has an account."],
    });
  const at = now();
  const token = newSecretToken();
  const expiresAt = new Date(at.getTime() + INVITATION_DAYS * DAY_MS);
  return db.transaction().execute(async (trx) => {
    const invitation = await insertInvitation(trx, {
      tokenHash: hashToken(token),
      email: email.data,
      role: input.role,
      partnerId: input.partnerId,
      invitedBy: actor.userId,
      invitedByLabel: actor.label,
      at,
      expiresAt,
    });
    await recordAudit(trx, {
      actorId: actor.userId,
      actorLabel: actor.label,
      action: "invitation.created",
      subjectType: "invitation",
      subjectId: invitation.id,
      details: { email: invitation.email, role: invitation.role, partnerId: invitation.partner_id },
      at,
    });
    return succeed({ token, invitationId: invitation.id, expiresAt });
  });
}

/** The address the invitee opens (until email delivery exists, the inviter sends it). */
export function invitationLink(token: string): string {
  return new URL(`/invite/${token}`, env().APP_URL).toString();
}

export type InvitationView =
  | { state: "open"; email: string; role: Role; roleLabel: string; company: string; expiresAt: Date }
  | { state: "used" | "expired" | "unknown" };

/** What the invitation page shows for a token. */
export async function invitationForToken(db: Executor, token: string): Promise<InvitationView> {
  const invitation = token ? await findByTokenHash(db, "invitations", hashToken(token)) : undefined;
  if (!invitation) return { state: "unknown" };
  if (invitation.used_at) return { state: "used" };
  if (invitation.expires_at.getTime() <= now().getTime()) return { state: "expired" };
  const partner = invitation.partner_id ? await findPartnerSummary(db, invitation.partner_id) : undefined;
  return {
    state: "open",
    email: invitation.email,
    role: invitation.role,
    roleLabel: ROLE_LABELS[invitation.role],
    company: partner?.name ?? "the channel team",
    expiresAt: invitation.expires_at,
  };
}

export const INVITATION_MESSAGES: Record<Exclude<InvitationView["state"], "open">, string> = {
  used: "This invitation has already been used. Sign in with the account it created, or ask for a new invitation.",
  expired: `This invitation has expired (they last ${INVITATION_DAYS} days). Ask the person who invited you for a new one.`,
  unknown: "This invitation link is not valid. Check that you copied the whole link, or ask for a new invitation.",
};

/** Accepts an invitation: creates the user with the name and password given, and signs them in. */
export async function acceptInvitation(
  db: DB,
  input: { token: string; name: string; password: string },
): Promise<Outcome<{ user: User; setCookie: string }>> {
  const problem = newPasswordProblem(input.password);
  if (problem) return invalidFields({ password: [problem] });
  const name = input.name.trim();
  if (!name) return invalidFields({ name: ["Enter your name."] });
  const passwordHash = await hashPassword(input.password);
  const at = now();
  const tokenHash = hashToken(input.token);
  try {
    return await db.transaction().execute(async (trx) => {
      const invitation = await claimToken(trx, "invitations", tokenHash, at);
      if (!invitation) {
        const view = await invitationForToken(trx, input.token);
        return fail("conflict", view.state === "open" ? INVITATION_MESSAGES.used : INVITATION_MESSAGES[view.state]);
      }
      const user = await insertUser(trx, {
        email: invitation.email,
        name,
        role: invitation.role,
        partner_id: invitation.partner_id,
        password_hash: passwordHash,
      });
      await setInvitationUser(trx, invitation.id, user.id);
      await recordAudit(trx, {
        actorId: user.id,
        actorLabel: user.email,
        action: "invitation.accepted",
        subjectType: "invitation",
        subjectId: invitation.id,
        details: { role: user.role, partnerId: user.partner_id },
        at,
      });
      const { setCookie } = await startSession(trx, user.id);
      return succeed({ user, setCookie });
    });
  } catch (error) {
    // The email got an account another way since the invitation was sent: the unique index decides.
    if (String(error).includes("users_email_lower_key"))
      return fail("conflict", "Someone with this email already has an account. Sign in instead.");
    throw error;
  }
}
