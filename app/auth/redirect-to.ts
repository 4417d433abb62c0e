/**
 * A `redirectTo` value we may follow: a path on this site only. Anything else (another host,
 * a protocol-relative `//host`, a backslash trick, a scheme, control characters) gives `fallback`.
 */
export function safeRedirectPath(to: unknown, fallback: string): string {
  if (typeof to !== "string" || to.length === 0 || to.length > 2048) return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(to)) return fallback;
  try {
    const base = "http://portal.invalid";
    const url = new URL(to, base);
    if (url.origin !== base) return fallback;
    const path = `${url.pathname}${url.search}${url.hash}`;
    // Never bounce back into the sign-in or sign-out pages.
    if (url.pathname === "/login" || url.pathname === "/logout") return fallback;
    return path;
  } catch {
    return fallback;
  }
}

/** `/login?redirectTo=…` for a request that needs a signed-in user. */
export function loginPathFor(request: Request): string {
  const url = new URL(request.url);
  const here = `${url.pathname}${url.search}`;
  if (here === "/" || url.pathname === "/login" || url.pathname === "/logout") return "/login";
  return `/login?${new URLSearchParams({ redirectTo: here })}`;
}
