/**
 * The channel manager's lead list: its filters as they travel in the URL, its sorts, and the
 * keyset cursor that pages through them (docs/decisions/014-lead-list-keyset.md). Pure: the
 * model turns these into SQL.
 */
import { z } from "zod";
import type { LeadState } from "@db/schema";
import { LEAD_STATES } from "./lead-state";

/** Closed leads are asked for together as often as one by one. */
export const STATE_GROUPS = { closed: ["won", "lost", "disqualified"] } as const satisfies Record<
  string,
  readonly LeadState[]
>;
export type StateChoice = LeadState | keyof typeof STATE_GROUPS;

export const SCORE_BANDS = [
  { code: "0-24", label: "0–24 points", min: 0, max: 24 },
  { code: "25-49", label: "25–49 points", min: 25, max: 49 },
  { code: "50-74", label: "50–74 points", min: 50, max: 74 },
  { code: "75-", label: "75 points or more", min: 75, max: null },
] as const;
export type ScoreBand = (typeof SCORE_BANDS)[number];

export const SORTS = {
  newest: { label: "Newest first", column: "intake_at", direction: "desc" },
  oldest: { label: "Oldest first", column: "intake_at", direction: "asc" },
  score_high: { label: "Highest score first", column: "score", direction: "desc" },
  score_low: { label: "Lowest score first", column: "score", direction: "asc" },
} as const;
export type SortCode = keyof typeof SORTS;
export type Sort = (typeof SORTS)[SortCode];

export interface LeadFilters {
  /** The states asked for (one state, or a group such as closed); none: every state. */
  state: StateChoice | null;
  band: ScoreBand["code"] | null;
  /** A country code also matches its subdivisions ("US" finds "US-CA"). */
  territory: string | null;
  vertical: string | null;
  partnerId: string | null;
  campaignId: string | null;
  sourceId: string | null;
  /** Only leads with a follow-up obligation past due and still open. */
  overdue: boolean;
  /** Start of the company, the contact's name or the email. */
  q: string | null;
  sort: SortCode;
}

export const NO_FILTERS: LeadFilters = {
  state: null,
  band: null,
  territory: null,
  vertical: null,
  partnerId: null,
  campaignId: null,
  sourceId: null,
  overdue: false,
  q: null,
  sort: "newest",
};

/** The keyset position: the sort column's value (as PostgreSQL prints it) and the lead id. */
export interface Cursor {
  key: string;
  id: string;
}
export type PageRequest = { after: Cursor } | { before: Cursor } | Record<string, never>;

const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToNull, schema.nullable().default(null));

const stateChoices = [...LEAD_STATES, ...Object.keys(STATE_GROUPS)] as [StateChoice, ...StateChoice[]];
const FIELDS = {
  state: optional(z.enum(stateChoices, "Choose a state from the list.")),
  band: optional(z.enum(SCORE_BANDS.map((b) => b.code) as [ScoreBand["code"]], "Choose a score band from the list.")),
  territory: optional(
    z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, "A territory is a country or subdivision code, such as US or US-CA."),
  ),
  vertical: optional(z.string().trim().max(60, "Choose a vertical from the list.")),
  partner: optional(z.uuid("Choose a partner from the list.")),
  campaign: optional(z.uuid("Choose a campaign from the list.")),
  source: optional(z.uuid("Choose a source from the list.")),
  overdue: z.preprocess((v) => v === "1" || v === "on" || v === "true", z.boolean()),
  q: optional(z.string().trim().max(100, "Search for at most 100 characters.")),
  sort: z.preprocess(
    blankToNull,
    z
      .enum(Object.keys(SORTS) as [SortCode], "Choose a sort from the list.")
      .nullable()
      .default(null),
  ),
};
type FieldName = keyof typeof FIELDS;

export interface ParsedListQuery {
  filters: LeadFilters;
  page: PageRequest;
  /** Messages per URL parameter that was not understood (that parameter is ignored). */
  problems: Partial<Record<FieldName | "page", string>>;
}

/** Reads the list's URL; a value that is not understood is dropped with a message, never a failure. */
export function parseListQuery(params: URLSearchParams): ParsedListQuery {
  const problems: ParsedListQuery["problems"] = {};
  const read = <K extends FieldName>(name: K): z.output<(typeof FIELDS)[K]> | null => {
    const result = FIELDS[name].safeParse(params.get(name) ?? undefined);
    if (result.success) return result.data as z.output<(typeof FIELDS)[K]>;
    problems[name] = result.error.issues[0]?.message ?? "Not understood.";
    return null;
  };
  const filters: LeadFilters = {
    state: read("state"),
    band: read("band"),
    territory: read("territory"),
    vertical: read("vertical"),
    partnerId: read("partner"),
    campaignId: read("campaign"),
    sourceId: read("source"),
    overdue: read("overdue") ?? false,
    q: read("q"),
    sort: read("sort") ?? "newest",
  };
  const after = params.get("after");
  const before = params.get("before");
  let page: PageRequest = {};
  if (after || before) {
    const cursor = decodeCursor(after ?? before ?? "", SORTS[filters.sort]);
    if (!cursor) problems.page = "That page link is out of date; here is the first page.";
    else page = after ? { after: cursor } : { before: cursor };
  }
  return { filters, page, problems };
}

/** The states a filter stands for; null: every state. */
export function statesOf(choice: StateChoice | null): LeadState[] | null {
  if (!choice) return null;
  return choice in STATE_GROUPS ? [...STATE_GROUPS[choice as keyof typeof STATE_GROUPS]] : [choice as LeadState];
}

export function scoreBand(code: ScoreBand["code"] | null): ScoreBand | null {
  return SCORE_BANDS.find((b) => b.code === code) ?? null;
}

/** The filters as the model's query takes them: groups and bands worked out, the sort's column and direction. */
export interface LeadQuery extends Omit<LeadFilters, "state" | "band" | "sort"> {
  states: LeadState[] | null;
  band: ScoreBand | null;
  sort: Sort;
}

export function leadQuery({ state, band, sort, ...rest }: LeadFilters): LeadQuery {
  return { ...rest, states: statesOf(state), band: scoreBand(band), sort: SORTS[sort] };
}

/** The URL query for these filters (defaults left out), plus a page position. */
export function listQueryString(filters: LeadFilters, page: { after?: string; before?: string } = {}): string {
  const params = new URLSearchParams();
  const set = (name: string, value: string | null) => {
    if (value) params.set(name, value);
  };
  set("q", filters.q);
  set("state", filters.state);
  set("band", filters.band);
  set("territory", filters.territory);
  set("vertical", filters.vertical);
  set("partner", filters.partnerId);
  set("campaign", filters.campaignId);
  set("source", filters.sourceId);
  if (filters.overdue) params.set("overdue", "1");
  if (filters.sort !== "newest") params.set("sort", filters.sort);
  set("after", page.after ?? null);
  set("before", page.before ?? null);
  const query = params.toString();
  return query ? `?${query}` : "";
}

/** A cursor as it travels in a link: the key, then the id ("2026-12-01 22:30:00.1+00~<uuid>"). */
export function encodeCursor(cursor: Cursor): string {
  return `${cursor.key}~${cursor.id}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// timestamptz as PostgreSQL prints it: "2026-12-01 22:30:00.123456+00".
const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;
const INTEGER = /^-?\d{1,9}$/;

/** A cursor of this sort, or null when the text is not one (an old or edited link). */
export function decodeCursor(text: string, sort: Sort): Cursor | null {
  const at = text.lastIndexOf("~");
  const key = text.slice(0, at);
  const id = text.slice(at + 1);
  if (at < 0 || !UUID.test(id)) return null;
  if (!(sort.column === "intake_at" ? TIMESTAMP : INTEGER).test(key)) return null;
  return { key, id };
}
