import { data } from "@remix-run/node";
import { z } from "zod";

export type FieldErrors = Record<string, string[] | undefined>;

export type FormResult<T> =
  | { ok: true; data: T; values: Record<string, string> }
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
  if (result.success) return { ok: true, data: result.data, values: withoutPasswords(values) };
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
  return { ok: false, formError, fieldErrors, values: withoutPasswords(values) };
}

/** The raw values to show again in the form; never passwords. */
function withoutPasswords(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([key]) => !/password/i.test(key)));
}

/** The 400 answer for a failed parse: field errors are shown next to their fields. */
export function badRequest<T>(body: T) {
  return data(body, { status: 400 });
}
