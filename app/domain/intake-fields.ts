/**
 * The fields of an incoming lead and how each is validated and normalised, shared by the
 * form, the CSV import and the JSON API so that every path accepts exactly the same leads.
 * Values may arrive as strings (form, CSV) or JSON values (API); blanks mean "not given".
 */
import { z } from "zod";
import type { LeadFacts } from "./lead-scoring";

export const LEAD_FIELDS = [
  "external_id",
  "contact_name",
  "contact_email",
  "contact_phone",
  "contact_title",
  "company_name",
  "company_size",
  "territory",
  "vertical",
  "interest",
  "timeline",
  "engagement",
] as const;
export type LeadField = (typeof LEAD_FIELDS)[number];

export const REQUIRED_LEAD_FIELDS: readonly LeadField[] = ["contact_name", "company_name", "territory"];

export const LEAD_FIELD_LABELS: Record<LeadField, string> = {
  external_id: "External id",
  contact_name: "Contact name",
  contact_email: "Contact email",
  contact_phone: "Contact phone",
  contact_title: "Contact title or role",
  company_name: "Company",
  company_size: "Company size (employees)",
  territory: "Territory",
  vertical: "Vertical",
  interest: "Stated interest",
  timeline: "Buying timeline",
  engagement: "Campaign engagement (activities)",
};

/** Timelines the form offers; other text is accepted from files and the API. */
export const TIMELINE_CHOICES = ["0-3 months", "3-6 months", "6-12 months", "over 12 months", "unknown"] as const;

export interface VerticalChoice {
  code: string;
  label: string;
}

/** ISO 3166-1 alpha-2 country, optionally with an ISO 3166-2 subdivision: `US`, `US-CA`, `DE`. */
const TERRITORY = /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/;

const blankToUndefined = (v: unknown) => (v === null || (typeof v === "string" && v.trim() === "") ? undefined : v);
const collapseSpaces = (s: string) => s.trim().replace(/\s+/g, " ");
/** A missing value reads "is required" (only reachable for required fields), a wrong type names the type. */
const typeError = (expected: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? "is required" : `must be ${expected}`),
});

function text(max: number) {
  return z
    .string(typeError("text"))
    .transform(collapseSpaces)
    .pipe(z.string().max(max, `must be at most ${max} characters`));
}
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
const required = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema);

/** Whole numbers, also written as text with thousands separators ("1,200"). */
function wholeNumber(min: number, max: number) {
  return z.preprocess(
    (v) => (typeof v === "string" && /^\s*\d[\d,_ ]*\s*$/.test(v) ? Number(v.replace(/[,_ ]/g, "")) : v),
    z
      .number(typeError("a whole number"))
      .int("must be a whole number")
      .min(min, `must be at least ${min}`)
      .max(max, `must be at most ${max.toLocaleString("en-US")}`),
  );
}

/** Digits only, with a leading + kept: "+1 (415) 555-0100" and "+14155550100" are one phone. */
export function normalizePhone(phone: string): string {
  const trimmed = phone.trim();
  return (trimmed.startsWith("+") ? "+" : "") + trimmed.replace(/\D/g, "");
}

const phone = z
  .string(typeError("text"))
  .transform(normalizePhone)
  .refine((p) => /^\+?\d{6,15}$/.test(p), "must be a phone number of 6 to 15 digits, optionally starting with +");

const email = z
  .string(typeError("text"))
  .trim()
  .toLowerCase()
  .pipe(z.email("must be an email address such as name@example.com").max(254, "must be at most 254 characters"));

const territory = z
  .string(typeError("text"))
  .trim()
  .toUpperCase()
  .refine((t) => TERRITORY.test(t), "must be an ISO 3166 country or subdivision code such as US, US-CA or DE");

function vertical(choices: readonly VerticalChoice[]) {
  // Files say "Healthcare" as often as "healthcare": accept the code or the label.
  const byKey = new Map<string, string>();
  for (const c of choices) {
    byKey.set(c.code.toLowerCase(), c.code);
    byKey.set(c.label.toLowerCase(), c.code);
  }
  const list = choices.map((c) => c.code).join(", ");
  return z.string(typeError("text")).transform((v, ctx) => {
    const code = byKey.get(collapseSpaces(v).toLowerCase());
    if (code) return code;
    ctx.addIssue({ code: "custom", message: `must be one of: ${list}` });
    return z.NEVER;
  });
}

/** The schema of one lead; `verticals` are the active verticals (reference data). */
export function leadFieldsSchema(verticals: readonly VerticalChoice[]) {
  return z.object({
    external_id: optional(text(100)),
    contact_name: required(text(200)),
    contact_email: optional(email),
    contact_phone: optional(phone),
    contact_title: optional(text(200)),
    company_name: required(text(200)),
    company_size: optional(wholeNumber(1, 10_000_000)),
    territory: required(territory),
    vertical: optional(vertical(verticals)),
    interest: optional(text(1000)),
    timeline: optional(text(50)),
    engagement: optional(wholeNumber(0, 100_000)),
  });
}
export type LeadFields = z.infer<ReturnType<typeof leadFieldsSchema>>;

export interface FieldError {
  field: string;
  message: string;
}

/** Zod issues as one message per field, the field named by its path ("leads.3.territory" → "territory"). */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.length ? String(issue.path[issue.path.length - 1]) : "(record)",
    message: issue.message,
  }));
}

export function validateLeadFields(
  schema: ReturnType<typeof leadFieldsSchema>,
  input: unknown,
): { ok: true; fields: LeadFields } | { ok: false; errors: FieldError[] } {
  const parsed = schema.safeParse(input);
  return parsed.success ? { ok: true, fields: parsed.data } : { ok: false, errors: fieldErrors(parsed.error) };
}

/** What scoring looks at (PRODUCT.md "Lead scoring"). */
export function scoringFacts(fields: Partial<LeadFields>): LeadFacts {
  return {
    title: fields.contact_title,
    companySize: fields.company_size,
    vertical: fields.vertical,
    territory: fields.territory,
    engagement: fields.engagement,
    interest: fields.interest,
    timeline: fields.timeline,
  };
}

/** The fields that are valid on their own, for a live preview of a form still being filled in. */
export function validFieldsOf(
  schema: ReturnType<typeof leadFieldsSchema>,
  input: Record<string, unknown>,
): Partial<LeadFields> {
  const out: Record<string, unknown> = {};
  for (const field of LEAD_FIELDS) {
    const parsed = schema.shape[field].safeParse(input[field]);
    if (parsed.success && parsed.data !== undefined) out[field] = parsed.data;
  }
  return out as Partial<LeadFields>;
}
