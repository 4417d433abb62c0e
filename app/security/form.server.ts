import { type z } from "zod";
import { fail, fieldErrorsOf, type Failure, type FieldErrors } from "~/domain/outcome";

export type FormResult<T> =
  { ok: true; data: T; values: Record<string, string> } | (Failure & { values: Record<string, string> });

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
    return { ...fail("invalid", "The form could not be read. Reload the page and try again."), values: {} };
  }
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === "string" && !(key in values)) values[key] = value;
  }
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data, values: withoutPasswords(values) };
  return { ...refusedForm(fieldErrorsOf(result.error)), values: withoutPasswords(values) };
}

/** Field errors of a form post as a refusal: a wrong intent or a problem of the whole form is the form's message. */
export function refusedForm({ intent, "": whole, ...fieldErrors }: FieldErrors): Failure {
  const message = intent
    ? "This form is not one this page knows. Reload the page and try again."
    : (whole?.[0] ?? "Check the marked fields.");
  return fail("invalid", message, fieldErrors);
}

/** The raw values to show again in the form; never passwords. */
function withoutPasswords(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([key]) => !/password/i.test(key)));
}
