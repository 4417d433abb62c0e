import type { Executor } from "~/db.server";
import {
  insertSignInAttempt,
  pruneSignInAttempts,
  settleSignInAttempt,
  signInAttemptCounts,
} from "~/models/sign-in-attempt.server";
import { SIGN_IN_THROTTLE, throttledUntil } from "~/security/sign-in-throttle";

export interface ClaimedAttempt {
  id: number;
  /** Set when the attempt was refused: the password must not be verified. */
  retryAt: Date | null;
}

/**
 * Records a password guess (sign-in or the password-change form) and decides whether it may be
 * verified. The row is written and committed before the counters are read, so parallel guesses
 * see each other in the database, on any number of app instances. Never call it inside a
 * transaction: the row must be visible to the others at once.
 */
export async function claimPasswordAttempt(
  db: Executor,
  input: { email: string; clientAddress: string; at: Date },
): Promise<ClaimedAttempt> {
  const id = await insertSignInAttempt(db, input);
  const since = new Date(input.at.getTime() - SIGN_IN_THROTTLE.windowMs);
  const c = await signInAttemptCounts(db, { ...input, id, since, until: input.at });
  const retryAt = throttledUntil(
    {
      pair: { count: c.pairCount, previousAt: c.pairPreviousAt },
      address: { count: c.addressCount, previousAt: c.addressPreviousAt },
      account: { count: c.accountCount, previousAt: c.accountPreviousAt },
    },
    input.at,
  );
  if (retryAt) await settleSignInAttempt(db, id, "refused");
  await pruneSignInAttempts(db, since);
  return { id, retryAt };
}

export function throttledMessage(retryAt: Date, at: Date): string {
  const seconds = Math.max(1, Math.ceil((retryAt.getTime() - at.getTime()) / 1000));
  const wait = seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  return `Too many password attempts from here. For your security, wait ${wait} before trying again, or ask your administrator to reset your password.`;
}

export { settleSignInAttempt as settlePasswordAttempt };
