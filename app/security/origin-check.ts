/** Methods that change state; only these are checked for their origin. */
const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export interface OriginCheckInput {
  method: string;
  /** The `Sec-Fetch-Site` request header, when the browser sent one. */
  secFetchSite?: string | null;
  /** The `Origin` request header, when present. */
  origin?: string | null;
  /** The request's own `Host` header. */
  host?: string | null;
  /** The portal's configured origin (from APP_URL), e.g. `https://portal.example.com`. */
  appOrigin: string;
}

/**
 * Why a state-changing request from another site is refused, or null when it may pass.
 *
 * Refused: `Sec-Fetch-Site: cross-site`, or an `Origin` header that is neither the configured
 * origin nor the request's own host. Requests with neither header (curl, machines) pass: the
 * session cookie is SameSite=Lax, so a browser on another site cannot send it with a POST anyway;
 * this check is the second lock on the door.
 */
export function crossOriginRefusal(input: OriginCheckInput): string | null {
  if (!STATE_CHANGING.has(input.method.toUpperCase())) return null;
  if (input.secFetchSite?.toLowerCase() === "cross-site") return "cross-site request";
  const origin = input.origin?.trim();
  if (!origin) return null;
  if (origin === "null") return "opaque origin";
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return "malformed Origin header";
  }
  if (parsed.origin === safeOrigin(input.appOrigin)) return null;
  // Behind a TLS-terminating proxy the scheme we see may differ; the host must match exactly.
  if (input.host && parsed.host.toLowerCase() === input.host.trim().toLowerCase()) return null;
  return "origin differs from the portal's";
}

function safeOrigin(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

export const CROSS_ORIGIN_MESSAGE =
  "Forbidden: this form was sent from another site. Open the portal directly and try again.";
