/**
 * The request body of `POST /api/v1/leads`: one lead object, or `{ "leads": [ ... ] }` with
 * up to 1,000 of them. A batch is all or nothing: one bad item and nothing is stored, and
 * the answer names every bad field of every bad item.
 */
import { z } from "zod";
import { LEAD_FIELDS, leadFieldsSchema, fieldErrors, type LeadFields, type VerticalChoice } from "./intake-fields";

export const MAX_API_BATCH = 1000;
/** Far above 1,000 full leads; anything larger is refused before it is read. */
export const MAX_API_BODY_BYTES = 4 * 1024 * 1024;

export interface ApiItemError {
  /** Position in `leads` (0-based); absent for a single-lead request. */
  index?: number;
  field: string;
  message: string;
}

export interface ApiLeadItem {
  fields: LeadFields;
  campaignId: string | null;
}

export type ApiBodyResult =
  | { ok: true; batch: boolean; items: ApiLeadItem[] }
  | { ok: false; status: 400 | 413 | 422; code: string; message: string; errors?: ApiItemError[] };

function itemSchema(verticals: readonly VerticalChoice[]) {
  return leadFieldsSchema(verticals)
    .extend({
      // The external id is the idempotency key: a retry must be able to say "the same lead".
      external_id: z.preprocess(
        (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
        z
          .string({ error: (iss) => (iss.input === undefined ? "is required" : "must be text") })
          .trim()
          .max(100, "must be at most 100 characters"),
      ),
      campaign_id: z.preprocess(
        (v) => (v === null || v === "" ? undefined : v),
        z.uuid("must be a campaign id (a UUID)").optional(),
      ),
    })
    .strict();
}

const KNOWN_FIELDS = new Set<string>([...LEAD_FIELDS, "campaign_id"]);

export function parseApiBody(body: unknown, verticals: readonly VerticalChoice[]): ApiBodyResult {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === "object" && v !== null && !Array.isArray(v);
  if (!isObject(body)) {
    return {
      ok: false,
      status: 400,
      code: "invalid_body",
      message: 'The body must be a JSON object: one lead, or { "leads": [ ... ] }.',
    };
  }
  const batch = "leads" in body;
  const raw = batch ? body.leads : body;
  if (batch) {
    if (!Array.isArray(raw) || raw.length === 0) {
      return {
        ok: false,
        status: 400,
        code: "invalid_body",
        message: '"leads" must be a non-empty array of lead objects.',
      };
    }
    if (raw.length > MAX_API_BATCH) {
      return {
        ok: false,
        status: 413,
        code: "batch_too_large",
        message: `A batch holds at most ${MAX_API_BATCH} leads; this one has ${raw.length}. Split it into smaller batches.`,
      };
    }
  }
  const schema = itemSchema(verticals);
  const list = batch ? (raw as unknown[]) : [raw];
  const items: ApiLeadItem[] = [];
  const errors: ApiItemError[] = [];
  list.forEach((item, index) => {
    const parsed = schema.safeParse(item);
    const at = batch ? { index } : {};
    if (parsed.success) {
      const { campaign_id, ...fields } = parsed.data;
      items.push({ fields, campaignId: campaign_id ?? null });
      return;
    }
    for (const issue of parsed.error.issues) {
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) errors.push({ ...at, field: key, message: "is not a lead field" });
      } else if (issue.path.length === 0) {
        errors.push({ ...at, field: "(lead)", message: "must be a JSON object of lead fields" });
      } else {
        errors.push(...fieldErrors(new z.ZodError([issue])).map((e) => ({ ...at, ...e })));
      }
    }
  });
  if (errors.length > 0) {
    return { ok: false, status: 422, code: "validation_failed", message: describeErrors(errors, list.length), errors };
  }
  return { ok: true, batch, items };
}

function describeErrors(errors: ApiItemError[], total: number): string {
  const bad = new Set(errors.map((e) => e.index ?? 0)).size;
  return total === 1
    ? "The lead has invalid fields; nothing was stored."
    : `${bad} of ${total} leads have invalid fields; nothing was stored.`;
}

/** Names the API accepts, for the documentation page. */
export const API_FIELDS = [...KNOWN_FIELDS];

/** The name a channel manager gives an API key (it names the key's source too). */
export const apiKeyNameSchema = z
  .string({ error: "is required" })
  .trim()
  .min(1, "is required")
  .max(80, "must be at most 80 characters")
  .regex(/^[\w .@-]+$/, "may hold letters, digits, spaces and . _ - @");
