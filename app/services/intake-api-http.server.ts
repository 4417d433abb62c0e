/**
 * The HTTP side of the JSON API: key authentication, body limits, and one error shape,
 * `{ "error": { "code", "message", "details"? } }`, for every refusal.
 */
import { now } from "~/clock.server";
import { getDb } from "~/db.server";
import { MAX_API_BODY_BYTES, type ApiItemError } from "~/domain/intake-api";
import { env } from "~/env.server";
import { countApiRequest, pruneApiRequestWindows } from "~/models/api-request-window.server";
import { apiRateRefusal, apiRateWindowStart } from "~/security/api-rate-limit";
import { retryAfterSeconds } from "~/security/retry-after";
import { authenticateApiKey, type AuthenticatedKey } from "./api-keys.server";

export function apiError(
  status: number,
  code: string,
  message: string,
  details?: ApiItemError[],
  headers?: HeadersInit,
): Response {
  return Response.json({ error: { code, message, ...(details ? { details } : {}) } }, { status, headers });
}

/**
 * The request's API key, or a thrown 401 (the same answer for a missing, wrong or revoked key),
 * or a thrown 429 with `Retry-After` once the key used up this minute's requests.
 */
export async function requireApiKey(request: Request): Promise<AuthenticatedKey> {
  const key = await authenticateApiKey(getDb(), request.headers.get("Authorization"));
  if (key) {
    await enforceRateLimit(key);
    return key;
  }
  throw apiError(
    401,
    "unauthorized",
    "Send a live API key as `Authorization: Bearer <key>`. Channel managers create keys under Intake → API keys.",
    undefined,
    { "WWW-Authenticate": 'Bearer realm="leads"' },
  );
}

async function enforceRateLimit(key: AuthenticatedKey): Promise<void> {
  const at = now();
  const windowStart = apiRateWindowStart(at);
  const count = await countApiRequest(getDb(), key.id, windowStart);
  // The first request of a window clears the ones before it (once a minute per key at most).
  if (count === 1) await pruneApiRequestWindows(getDb(), windowStart);
  const limit = env().API_RATE_LIMIT_PER_MINUTE;
  const refusal = apiRateRefusal(count, limit, at);
  if (!refusal) return;
  throw apiError(
    429,
    "rate_limited",
    `This key may send ${limit} requests a minute; wait until the next minute.`,
    undefined,
    {
      "Retry-After": retryAfterSeconds(refusal.retryAt, at),
    },
  );
}

export function methodNotAllowed(allow: string): Response {
  return apiError(405, "method_not_allowed", `This address answers ${allow} only.`, undefined, { Allow: allow });
}

/** The JSON body, refused with 415 (not JSON), 413 (too large) or 400 (unreadable) otherwise. */
export async function readJsonBody(
  request: Request,
): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/json") {
    return {
      ok: false,
      response: apiError(
        415,
        "unsupported_media_type",
        "Send the leads as JSON with `Content-Type: application/json`.",
      ),
    };
  }
  const tooLarge = () =>
    apiError(
      413,
      "payload_too_large",
      `The body is larger than ${MAX_API_BODY_BYTES / 1024 / 1024} MB; send at most 1,000 leads per request.`,
    );
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_API_BODY_BYTES)
    return { ok: false, response: tooLarge() };
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_API_BODY_BYTES) {
      await reader.cancel();
      return { ok: false, response: tooLarge() };
    }
    chunks.push(value);
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString("utf8")) };
  } catch (e) {
    return {
      ok: false,
      response: apiError(400, "invalid_json", `The body is not valid JSON: ${(e as Error).message}`),
    };
  }
}
