/**
 * The "Demo data — sign-ins are public" notice. Every demo user is created with one public
 * password whose hash is fixed, so "a demo user can still sign in with it" is one query on that
 * hash. It is decided at boot and again after each password change or disabling, and every page
 * reads the remembered answer (no query or hash per request). Another instance's change shows
 * here on the next restart; the notice errs on the side of showing.
 */
import type { Executor } from "~/db.server";
import { enabledUserHasPasswordHash } from "~/models/user.server";

/** Every demo user signs in with this password; the hash is precomputed so start-up stays fast. */
export const DEMO_PASSWORD = "partner-demo";
export const DEMO_PASSWORD_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$rVAXGSVWNV53xY8XuebVqA$1iX7TNW/KN7oEItMwWNLrRqPM7ir6mBgrCPEaZ00uoE";

// On globalThis like the clock: the server and the build share one answer.
const holder = globalThis as typeof globalThis & { __portalDemoSignInsPublic?: boolean };

/** Decides again whether any enabled user still has the public demo password. */
export async function refreshDemoNotice(db: Executor): Promise<boolean> {
  holder.__portalDemoSignInsPublic = await enabledUserHasPasswordHash(db, DEMO_PASSWORD_HASH);
  return holder.__portalDemoSignInsPublic;
}

/** Whether pages show the demo notice (the last decision; false before the first). */
export function demoNoticeShown(): boolean {
  return holder.__portalDemoSignInsPublic ?? false;
}
