/**
 * Accounts: sign-in (with throttling), sign-out, password change, creating and disabling users.
 * Each use case is one transaction that also writes its audit event; the clock is read here.
 */
import { z } from "zod";
import type { Role, User } from "@db/schema";
import { endAllSessions, endSession, startSession, type SessionInfo } from "~/auth/lucia.server";
import { claimPasswordAttempt, settlePasswordAttempt, throttledMessage } from "~/auth/sign-in-throttle.server";
import {
  hashPassword,
  MAX_PASSWORD_LENGTH,
  newPasswordProblem,
  verifyAgainstDummy,
  verifyPassword,
} from "~/auth/password.server";
import { ROLES, isPartnerRole } from "~/auth/roles";
import { now } from "~/clock.server";
import type { Executor } from "~/db.server";
import { recordAudit } from "~/models/audit.server";
import { partnerExists } from "~/models/partner.server";
import { deleteUserSessions } from "~/models/session.server";
import { normalizeEmail } from "~/models/sign-in-attempt.server";
import { findUserByEmail, findUserById, insertUser, setDisabled, updatePasswordHash } from "~/models/user.server";
import { isUuid } from "~/security/ids";
import type { Actor } from "~/services/actor";
import { refreshDemoNotice } from "~/services/demo-notice.server";
import { fail, fieldErrorsOf, invalidFields, succeed, throttled, type Outcome } from "~/domain/outcome";

/** Who creates or disables users from the command line. */
export const CLI_ACTOR: Actor = { userId: null, label: "cli:create-user", role: "system", partnerId: null };

const transactional = async <T>(db: Executor, fn: (trx: Executor) => Promise<T>): Promise<T> =>
  db.isTransaction ? fn(db) : db.transaction().execute(fn);

// ---------------------------------------------------------------------------------------------
// Sign-in

export type SignInResult = Outcome<{ user: User; session: SessionInfo; setCookie: string }>;

export const INVALID_CREDENTIALS = "The email or password is not right. Check both and try again.";

/**
 * Signs in. `previousSessionId`: the session this browser already had, ended on success so a
 * sign-in always starts a fresh session. `clientAddress`: where the request came from, for the
 * throttle (app/security/sign-in-throttle.ts); the attempt is recorded before it is verified.
 */
export async function signIn(
  db: Executor,
  input: { email: string; password: string; clientAddress: string; previousSessionId?: string | null },
): Promise<SignInResult> {
  const at = now();
  const email = normalizeEmail(input.email);
  const attempt = await claimPasswordAttempt(db, { email, clientAddress: input.clientAddress, at });
  if (attempt.retryAt) return throttled(throttledMessage(attempt.retryAt, at), attempt.retryAt, at);

  const user = await findUserByEmail(db, email);
  const passwordOk =
    input.password.length <= MAX_PASSWORD_LENGTH && user
      ? await verifyPassword(user.password_hash, input.password)
      : await verifyAgainstDummy(input.password);

  if (!user || !passwordOk) {
    await settlePasswordAttempt(db, attempt.id, "failed");
    return fail("invalid", INVALID_CREDENTIALS);
  }
  if (user.disabled) {
    await settlePasswordAttempt(db, attempt.id, "failed");
    return fail("forbidden", "This account has been disabled. Ask your administrator if you need access again.");
  }

  return transactional(db, async (trx) => {
    await settlePasswordAttempt(trx, attempt.id, "succeeded");
    if (input.previousSessionId) await endSession(trx, input.previousSessionId);
    const { session, setCookie } = await startSession(trx, user.id);
    await recordAudit(trx, {
      actorId: user.id,
      actorLabel: user.email,
      action: "user.signed_in",
      subjectType: "user",
      subjectId: user.id,
      at,
    });
    return succeed({ user, session, setCookie });
  });
}

export async function signOut(
  db: Executor,
  input: { sessionId: string; user: { id: string; email: string } },
): Promise<void> {
  await transactional(db, async (trx) => {
    await endSession(trx, input.sessionId);
    await recordAudit(trx, {
      actorId: input.user.id,
      actorLabel: input.user.email,
      action: "user.signed_out",
      subjectType: "user",
      subjectId: input.user.id,
      at: now(),
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Password change

/**
 * Changes a password; every other session of the user ends and this one gets a new id. Guesses of the current password are
 * throttled like sign-ins (a stolen session must not become a password oracle).
 */
export async function changePassword(
  db: Executor,
  input: {
    userId: string;
    currentSessionId: string;
    currentPassword: string;
    newPassword: string;
    clientAddress: string;
  },
): Promise<Outcome<{ endedSessions: number; setCookie: string }>> {
  const at = now();
  const user = await findUserById(db, input.userId);
  if (!user || user.disabled) return fail("forbidden", "This account cannot change its password.");
  const attempt = await claimPasswordAttempt(db, { email: user.email, clientAddress: input.clientAddress, at });
  if (attempt.retryAt) return throttled(throttledMessage(attempt.retryAt, at), attempt.retryAt, at);
  const currentOk = await verifyPassword(user.password_hash, input.currentPassword);
  await settlePasswordAttempt(db, attempt.id, currentOk ? "succeeded" : "failed");
  if (!currentOk) {
    return invalidFields({ currentPassword: ["This is not your current password."] });
  }
  const problem = newPasswordProblem(input.newPassword);
  if (problem) return invalidFields({ newPassword: [problem] });
  if (input.newPassword === input.currentPassword) {
    return invalidFields({ newPassword: ["Choose a password different from the current one."] });
  }
  const passwordHash = await hashPassword(input.newPassword);
  return transactional(db, async (trx) => {
    await updatePasswordHash(trx, user.id, passwordHash);
    const endedSessions = await deleteUserSessions(trx, user.id, input.currentSessionId);
    // The current session continues under a new id: an id seen before the change is worthless.
    await endSession(trx, input.currentSessionId);
    const { setCookie } = await startSession(trx, user.id);
    await recordAudit(trx, {
      actorId: user.id,
      actorLabel: user.email,
      action: "user.password_changed",
      subjectType: "user",
      subjectId: user.id,
      details: { endedSessions },
      at: now(),
    });
    return succeed({ endedSessions, setCookie });
  }).finally(() => refreshDemoNotice(db));
}

// ---------------------------------------------------------------------------------------------
// Creating and disabling users

export const createUserSchema = z
  .object({
    email: z
      .string({ error: "Enter an email address." })
      .trim()
      .toLowerCase()
      .pipe(z.email({ error: "Enter a valid email address, like name@company.com." }).max(254)),
    name: z.string().trim().max(200, "Use at most 200 characters.").optional(),
    role: z.enum(ROLES, { error: `Choose a role: ${ROLES.join(", ")}.` }),
    partnerId: z.string().trim().optional(),
    password: z.string(),
  })
  .superRefine((v, ctx) => {
    const problem = newPasswordProblem(v.password);
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
    if (isPartnerRole(v.role as Role) && !v.partnerId) {
      ctx.addIssue({
        code: "custom",
        path: ["partnerId"],
        message: "A partner admin or rep needs the partner they work for.",
      });
    }
    if (v.role === "channel_manager" && v.partnerId) {
      ctx.addIssue({
        code: "custom",
        path: ["partnerId"],
        message: "A channel manager works for the vendor, not for a partner.",
      });
    }
    if (v.partnerId && !isUuid(v.partnerId)) {
      ctx.addIssue({
        code: "custom",
        path: ["partnerId"],
        message: "A partner id looks like 3f2b…-…: copy it from the partner's page.",
      });
    }
  });

/** The role is checked here like every other field, so any string may be passed. */
export type CreateUserInput = Omit<z.input<typeof createUserSchema>, "role"> & { role: string };

export async function createUser(db: Executor, input: CreateUserInput, actor: Actor): Promise<Outcome<{ user: User }>> {
  const parsed = createUserSchema.safeParse(input);
  if (!parsed.success) return invalidFields(fieldErrorsOf(parsed.error));
  const v = parsed.data;
  if (v.partnerId && !(await partnerExists(db, v.partnerId))) {
    return invalidFields({ partnerId: ["No partner has this id."] });
  }
  if (await findUserByEmail(db, v.email)) {
    return emailTaken();
  }
  const passwordHash = await hashPassword(v.password);
  try {
    return await transactional(db, async (trx) => {
      const user = await insertUser(trx, {
        email: v.email,
        name: v.name || nameFromEmail(v.email),
        role: v.role,
        partner_id: v.partnerId ?? null,
        password_hash: passwordHash,
      });
      await recordAudit(trx, {
        actorId: actor.userId,
        actorLabel: actor.label,
        action: "user.created",
        subjectType: "user",
        subjectId: user.id,
        details: { email: user.email, role: user.role, partnerId: user.partner_id },
        at: now(),
      });
      return succeed({ user });
    });
  } catch (error) {
    // Two creations of one email at once: the unique index decides.
    if (String(error).includes("users_email_lower_key")) {
      return emailTaken();
    }
    throw error;
  }
}

/** Disabling ends every session at once; a disabled user cannot sign in. */
export async function setUserDisabled(
  db: Executor,
  input: { userId: string; disabled: boolean },
  actor: Actor,
): Promise<boolean> {
  return transactional(db, async (trx) => {
    if (!(await setDisabled(trx, input.userId, input.disabled))) return false;
    if (input.disabled) await endAllSessions(trx, input.userId);
    await recordAudit(trx, {
      actorId: actor.userId,
      actorLabel: actor.label,
      action: input.disabled ? "user.disabled" : "user.enabled",
      subjectType: "user",
      subjectId: input.userId,
      at: now(),
    });
    return true;
  }).finally(() => refreshDemoNotice(db));
}

const emailTaken = () => invalidFields({ email: ["A user with this email already exists."] });

function nameFromEmail(email: string): string {
  const local = email.split("@")[0] ?? email;
  return local
    .split(/[._-]+/)
    .filter(Boolean)
    .map((p) => p[0].toUpperCase() + p.slice(1))
    .join(" ");
}
