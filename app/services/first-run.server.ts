/**
 * The first-run setup of an empty portal: its first page creates the first channel manager and
 * signs them in. Only while no user exists: the users table is locked for the check and the
 * insert, so of two people submitting at once exactly one succeeds, and never again after.
 */
import type { DB } from "~/db.server";
import type { User } from "@db/schema";
import { startSession } from "~/auth/lucia.server";
import { anyUserExists, lockUsersTable } from "~/models/user.server";
import { createUser } from "~/services/account.server";
import type { Actor } from "~/services/actor";
import { fail, succeed, type Outcome } from "~/domain/outcome";

export const SETUP_ACTOR: Actor = { userId: null, label: "setup:first-run", role: "system", partnerId: null };

/** Refused with `conflict` once any user exists (someone else was a moment faster). */
export type FirstManagerResult = Outcome<{ user: User; setCookie: string }>;

/** Whether the first-run setup is still open (no user exists yet). */
export async function setupIsOpen(db: DB): Promise<boolean> {
  return !(await anyUserExists(db));
}

export async function createFirstManager(
  db: DB,
  input: { email: string; name?: string; password: string },
): Promise<FirstManagerResult> {
  return db.transaction().execute(async (trx) => {
    await lockUsersTable(trx);
    if (await anyUserExists(trx)) return fail("conflict", "This portal is already set up: sign in with your account.");
    const created = await createUser(trx, { ...input, role: "channel_manager" }, SETUP_ACTOR);
    if (!created.ok) return created;
    const { setCookie } = await startSession(trx, created.user.id);
    return succeed({ user: created.user, setCookie });
  });
}
