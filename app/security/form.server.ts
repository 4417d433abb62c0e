import { data } from "@remix-run/node";
import { z } from "zod";

export type FieldErrors = Record<string, string[] | undefined>;

export type FormResult<T> =
  | { ok: true; data: T }
  | { ok: false; formError?: string; fieldErrors: FieldErrors; values: Record<string, string> };

/**
 * Reads a form post and parses it with a zod schema (which carries an `intent` literal).
 * Never throws for bad input: an unreadable body, a wrong intent or a bad field all come back
 * as errors the route answers with status 400.
 */
export async function parseForm<S extends z.ZodType>(request: Request, schema: S): Promise<FormResult<z.infer<S>>> {
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    return { ok: false, formError: "The form could not be read. Reload the page and try again.", fieldErrors: {}, values: {} };
  }
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === "string" && !(key in values)) values[key] = value;
  }
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: FieldErrors = {};
  let formError: string | undefined;
  for (const issue of result.error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : "";
    if (key === "intent" || key === "") {
      formError ??= key === "intent" ? "This form is not one this page knows. Reload the page and try again." : issue.message;
      continue;
    }
    (fieldErrors[key] ??= []).push(issue.message);
  }
  // Never echo passwords back into the page.
  for (const key of Object.keys(values)) if (/password/i.test(key)) delete values[key];
  return { ok: false, formError, fieldErrors, values };
}

/** The 400 answer for a failed parse: field errors are shown next to their fields. */
export function badRequest<T>(body: T) {
  return data(body, { status: 400 });
}
