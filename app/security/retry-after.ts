/** The Retry-After header value (whole seconds, at least 1) for a wait until `until`. */
export function retryAfterSeconds(until: Date, at: Date): string {
  return String(Math.max(1, Math.ceil((until.getTime() - at.getTime()) / 1000)));
}
