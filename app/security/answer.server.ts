import { data } from "@remix-run/node";
import type { Failure, FailureCode, FieldErrors } from "~/domain/outcome";

/** What a form action answers when it does not redirect: a message for the form and one per field. */
export interface FormAnswer {
  formError: string | null;
  fieldErrors: FieldErrors;
}

const STATUS: Record<FailureCode, number> = {
  invalid: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  throttled: 429,
};

export const statusOf = (code: FailureCode): number => STATUS[code];

/**
 * A refused service call or form parse as the route's answer, with the status its code means;
 * `extra` is what the page shows again (the typed values, …). `field`: the form field an
 * `invalid` message without field errors belongs to (shown next to it).
 */
export function refuse<E extends object>(failure: Failure, extra: E, field?: string) {
  const fieldErrors =
    failure.fieldErrors ?? (failure.code === "invalid" && field ? { [field]: [failure.message] } : {});
  const body: FormAnswer & E = { ...extra, formError: failure.message, fieldErrors };
  const headers = failure.retryAfterSeconds ? { "Retry-After": String(failure.retryAfterSeconds) } : undefined;
  return data(body, { status: statusOf(failure.code), headers });
}

/** A successful action that stays on the page (no redirect): its data and no errors. */
export function answer<E extends object>(extra: E): FormAnswer & E {
  return { ...extra, formError: null, fieldErrors: {} };
}
