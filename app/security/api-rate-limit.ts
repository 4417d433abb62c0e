/**
 * The API's per-key request limit: a fixed one-minute window. Every request of a key counts in
 * the window it falls in (refused ones too); past the limit, the answer is 429 until the next
 * window opens. Pure: the count lives in the database (app/models/api-request-window.server.ts).
 */
export const API_RATE_WINDOW_MS = 60_000;

/** The start of the window `at` falls in. */
export function apiRateWindowStart(at: Date): Date {
  return new Date(Math.floor(at.getTime() / API_RATE_WINDOW_MS) * API_RATE_WINDOW_MS);
}

/** Null while the `count`-th request of the window is within `limit`; otherwise when to retry. */
export function apiRateRefusal(count: number, limit: number, at: Date): { retryAt: Date } | null {
  if (count <= limit) return null;
  return { retryAt: new Date(apiRateWindowStart(at).getTime() + API_RATE_WINDOW_MS) };
}
