/**
 * Request body limits, checked on the headers before any body is read. Form posts (sign-in,
 * sign-out, every page's actions) are small: over 64 KB is refused with 413, and a form body of
 * unknown length (chunked) with 411, so nothing unbounded is ever buffered. The API keeps its own
 * 4 MiB check and the CSV upload its streamed limit; both pass through here.
 */
export const MAX_FORM_BODY_BYTES = 64 * 1024;

// The upload page, as a document post or as Remix's single-fetch data request (`….data`).
const UNLIMITED_HERE = [/^\/api\//, /^\/manager\/intake\/imports(\/|\.data)?$/];

export interface BodyLimitRefusal {
  status: 411 | 413;
  message: string;
}

export function bodyLimitRefusal(input: {
  method: string;
  path: string;
  contentLength: string | undefined;
  transferEncoding: string | undefined;
}): BodyLimitRefusal | null {
  if (input.method === "GET" || input.method === "HEAD" || input.method === "OPTIONS") return null;
  if (UNLIMITED_HERE.some((p) => p.test(input.path))) return null;
  if (input.contentLength === undefined) {
    return input.transferEncoding ? { status: 411, message: "Send the form with a Content-Length." } : null;
  }
  const length = Number(input.contentLength);
  if (!Number.isFinite(length) || length > MAX_FORM_BODY_BYTES) {
    return { status: 413, message: `This form is too large (more than ${MAX_FORM_BODY_BYTES / 1024} KB).` };
  }
  return null;
}
