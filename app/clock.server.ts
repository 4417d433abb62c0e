/**
 * The one clock the services read. Tests and the development clock endpoint may pin it;
 * production always reads real time (the endpoint answers 404 there).
 */
const holder = globalThis as typeof globalThis & { __portalClockOffsetMs?: number; __portalPinnedNow?: number };

export function now(): Date {
  if (holder.__portalPinnedNow !== undefined) return new Date(holder.__portalPinnedNow);
  return new Date(Date.now() + (holder.__portalClockOffsetMs ?? 0));
}

/** Pin the clock to an instant (tests), or release it with `null`. */
export function pinClock(at: Date | null): void {
  holder.__portalPinnedNow = at === null ? undefined : at.getTime();
}

/** Move the running clock so that it now reads `at` and keeps ticking from there. */
export function setClock(at: Date): void {
  holder.__portalPinnedNow = undefined;
  holder.__portalClockOffsetMs = at.getTime() - Date.now();
}
