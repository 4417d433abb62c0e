/**
 * Sign-in throttling as pure rules. Three counters over the last `windowMs`, each read right
 * after the attempt itself was recorded (so a parallel burst counts itself):
 * - account × address: attempts since the last success there. A stranger hammering an account
 *   slows only their own address; the owner elsewhere is not locked out.
 * - address: attempts (not successes) for any account, so one password sprayed over many
 *   accounts is slowed too.
 * - account: failed and pending verifications from every address, a wider net against many
 *   addresses at one account.
 * Past its free attempts a counter asks for a growing gap since its previous attempt (doubling,
 * capped) instead of a hard lock; refused attempts count, so hammering only lengthens the wait.
 */
export interface ThrottleRule {
  /** Attempts allowed back to back. */
  free: number;
}

export const SIGN_IN_THROTTLE = {
  windowMs: 15 * 60_000,
  firstDelayMs: 30_000,
  maxDelayMs: 15 * 60_000,
  pair: { free: 5 },
  address: { free: 20 },
  account: { free: 50 },
} as const;

export interface ThrottleCounter {
  /** Attempts in the window, this one included. */
  count: number;
  /** The latest other attempt in the window, if any. */
  previousAt: Date | null;
}

/** The gap the `count`-th attempt must keep after the previous one: 0, then 30 s, 1 min, 2 min… */
export function requiredGapMs(count: number, rule: ThrottleRule, policy = SIGN_IN_THROTTLE): number {
  const over = count - rule.free;
  if (over <= 0) return 0;
  return Math.min(policy.firstDelayMs * 2 ** (over - 1), policy.maxDelayMs);
}

/** When this attempt could go ahead, or null when it may be verified now. */
export function throttledUntil(
  counters: { pair: ThrottleCounter; address: ThrottleCounter; account: ThrottleCounter },
  at: Date,
  policy = SIGN_IN_THROTTLE,
): Date | null {
  let until = 0;
  for (const key of ["pair", "address", "account"] as const) {
    const { count, previousAt } = counters[key];
    const gap = requiredGapMs(count, policy[key], policy);
    if (gap > 0 && previousAt) until = Math.max(until, previousAt.getTime() + gap);
  }
  return until > at.getTime() ? new Date(until) : null;
}
