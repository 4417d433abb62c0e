import type { z } from "zod";

/**
 * What every use case answers: success with its data, or a refusal with a code (which decides
 * the HTTP status), a plain-English message and, for form input, the messages per field.
 * See docs/decisions/010-one-result-shape.md.
 */
export type Outcome<T extends object = object> = Success<T> | Failure;
export type Success<T extends object> = { ok: true } & T;
export interface Failure {
  ok: false;
  code: FailureCode;
  message: string;
  /** Messages per form field (the field's `name`), shown next to it. */
  fieldErrors?: FieldErrors;
  /** Throttled: whole seconds until a retry may succeed (the HTTP answer's Retry-After). */
  retryAfterSeconds?: number;
}
export type FailureCode = "invalid" | "not_found" | "conflict" | "forbidden" | "throttled" | "too_large";
export type FieldErrors = Record<string, string[]>;

export const fail = (code: FailureCode, message: string, fieldErrors?: FieldErrors): Failure =>
  fieldErrors ? { ok: false, code, message, fieldErrors } : { ok: false, code, message };

export const succeed = <T extends object>(data: T): Success<T> => ({ ok: true as const, ...data });

/** Too many attempts: the message says when to try again, `until` becomes Retry-After. */
export function throttled(message: string, until: Date, at: Date): Failure {
  const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - at.getTime()) / 1000));
  return { ok: false, code: "throttled", message, retryAfterSeconds };
}

/** Bad input on named fields; the message sums up for the top of the form. */
export const invalidFields = (fieldErrors: FieldErrors, message = "Check the marked fields."): Failure =>
  fail("invalid", message, fieldErrors);

/** A zod failure as field errors, keyed by the path (`email`, `rules.accept_minutes`); "" for the whole input. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) (fieldErrors[issue.path.map(String).join(".")] ??= []).push(issue.message);
  return fieldErrors;
}

/** A list of `{field, message}` (the intake rules' stored form) as field errors. */
export function groupFieldErrors(list: readonly { field: string; message: string }[]): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const e of list) (fieldErrors[e.field] ??= []).push(e.message);
  return fieldErrors;
}
