import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import type { Database, LeadKind, LeadState, StandingLevel } from "@db/schema";
import type { Executor } from "~/db.server";
import type { Cursor, LeadQuery, PageRequest, Sort } from "~/domain/lead-list";

/** The offer states in which a partner holds a lead or has closed it. */
const HELD_OFFER_STATES = ["offered", "accepted", "closed"] as const;

export interface LeadListRow {
  id: string;
  company_name: string;
  contact_name: string;
  contact_email: string | null;
  territory: string;
  vertical: string | null;
  score: number;
  kind: LeadKind;
  state: LeadState;
  intake_at: Date;
  updated_at: Date;
  offer_count: number;
  queued_reason: string | null;
  partner_id: string | null;
  partner_name: string | null;
  campaign_name: string | null;
  source_name: string;
  overdue: boolean;
  /** The sort column as PostgreSQL prints it (exact to the microsecond): the cursor's key. */
  sort_key: string;
}

export interface LeadPage {
  rows: LeadListRow[];
  /** Cursors of the first and last row, when there is a page before or after this one. */
  previous: Cursor | null;
  next: Cursor | null;
}

type Leads = ExpressionBuilder<Database, "leads">;

function filterConditions(eb: Leads, f: LeadQuery, now: Date): Expression<SqlBool>[] {
  const where: Expression<SqlBool>[] = [];
  if (f.states) where.push(eb("leads.state", "in", f.states));
  if (f.band) {
    where.push(eb("leads.score", ">=", f.band.min));
    if (f.band.max !== null) where.push(eb("leads.score", "<=", f.band.max));
  }
  if (f.territory) {
    where.push(
      eb.or([eb("leads.territory", "=", f.territory), eb("leads.territory", "like", `${likePrefix(f.territory)}-%`)]),
    );
  }
  if (f.vertical) where.push(eb("leads.vertical", "=", f.vertical));
  if (f.campaignId) where.push(eb("leads.campaign_id", "=", f.campaignId));
  if (f.sourceId) where.push(eb("leads.source_id", "=", f.sourceId));
  if (f.partnerId) {
    where.push(
      eb(
        "leads.id",
        "in",
        eb
          .selectFrom("offers")
          .select("offers.lead_id")
          .where("offers.partner_id", "=", f.partnerId)
          .where("offers.state", "in", HELD_OFFER_STATES),
      ),
    );
  }
  if (f.overdue) where.push(eb("leads.id", "in", overdueLeadIds(eb, now)));
  if (f.q) {
    const prefix = `${likePrefix(f.q.toLowerCase())}%`;
    where.push(
      eb.or([
        eb(sql`lower(leads.company_name)`, "like", prefix),
        eb(sql`lower(leads.contact_name)`, "like", prefix),
        eb(sql`lower(leads.contact_email)`, "like", prefix),
      ]),
    );
  }
  return where;
}

/** Leads with a follow-up obligation past due and still open (an offer's accept deadline expires instead). */
function overdueLeadIds(eb: Leads, now: Date) {
  return eb
    .selectFrom("obligations")
    .select("obligations.lead_id")
    .where("obligations.state", "=", "open")
    .where("obligations.kind", "<>", "accept")
    .where("obligations.due_at", "<=", now);
}

/** `%`, `_` and `\` typed in a search are letters, not wildcards. */
function likePrefix(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function sortKeyExpression(sort: Sort) {
  return sort.column === "intake_at" ? sql<string>`leads.intake_at::text` : sql<string>`leads.score::text`;
}

/** Rows after (or before) the cursor in the sort's order: one row comparison an index range serves. */
function keyset(sort: Sort, cursor: Cursor, side: "after" | "before") {
  const forward = side === "after";
  const op = sql.raw((sort.direction === "desc") === forward ? "<" : ">");
  const key = sort.column === "intake_at" ? sql`${cursor.key}::timestamptz` : sql`${cursor.key}::int`;
  return sql<SqlBool>`(${sql.ref(`leads.${sort.column}`)}, leads.id) ${op} (${key}, ${cursor.id}::uuid)`;
}

/**
 * The query of one page: `limit + 1` rows after `page.after`, or before `page.before` in the
 * reverse order, so the caller knows whether there is more. Exported for the plan test.
 */
export function leadPageQuery(db: Executor, query: LeadQuery, page: PageRequest, limit: number, now: Date) {
  const backwards = "before" in page;
  const cursor = "after" in page ? page.after : backwards ? page.before : null;
  const { column, direction } = query.sort;
  const order = (backwards ? (direction === "desc" ? "asc" : "desc") : direction) as "asc" | "desc";
  return db
    .selectFrom("leads")
    .innerJoin("sources", "sources.id", "leads.source_id")
    .leftJoin("campaigns", "campaigns.id", "leads.campaign_id")
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom("offers")
          .innerJoin("partners", "partners.id", "offers.partner_id")
          .select(["partners.id as partner_id", "partners.name as partner_name"])
          .whereRef("offers.lead_id", "=", "leads.id")
          .where("offers.state", "in", HELD_OFFER_STATES)
          .orderBy("offers.offered_at", "desc")
          .limit(1)
          .as("holder"),
      (join) => join.onTrue(),
    )
    .select((eb) => [
      "leads.id",
      "leads.company_name",
      "leads.contact_name",
      "leads.contact_email",
      "leads.territory",
      "leads.vertical",
      "leads.score",
      "leads.kind",
      "leads.state",
      "leads.intake_at",
      "leads.updated_at",
      "leads.offer_count",
      "leads.queued_reason",
      "holder.partner_id",
      "holder.partner_name",
      "campaigns.name as campaign_name",
      "sources.name as source_name",
      sql<boolean>`${eb.exists(overdueLeadIds(eb, now).whereRef("obligations.lead_id", "=", "leads.id"))}`.as(
        "overdue",
      ),
      sortKeyExpression(query.sort).as("sort_key"),
    ])
    .where((eb) =>
      eb.and([
        ...filterConditions(eb, query, now),
        ...(cursor ? [keyset(query.sort, cursor, backwards ? "before" : "after")] : []),
      ]),
    )
    .orderBy(sql.ref(`leads.${column}`), order)
    .orderBy("leads.id", order)
    .limit(limit + 1);
}

/**
 * One page of leads in the sort's order, by keyset: the rows after `page.after` or before
 * `page.before`, `limit` of them, never an OFFSET. A page before the start is the first page.
 */
export async function listLeads(
  db: Executor,
  query: LeadQuery,
  page: PageRequest,
  limit: number,
  now: Date,
): Promise<LeadPage> {
  const backwards = "before" in page;
  const cursor = "after" in page ? page.after : backwards ? page.before : null;
  const rows = await leadPageQuery(db, query, page, limit, now).execute();

  const more = rows.length > limit;
  const shown = rows.slice(0, limit);
  if (backwards) {
    // Fewer than a page before the cursor: that is the start of the list, shown as the first page.
    if (shown.length < limit) return listLeads(db, query, {}, limit, now);
    shown.reverse();
  }
  const cursorOf = (r: LeadListRow | undefined) => (r ? { key: r.sort_key, id: r.id } : null);
  return {
    rows: shown,
    previous: (backwards ? more : cursor !== null) ? cursorOf(shown[0]) : null,
    next: (backwards ? true : more) ? cursorOf(shown.at(-1)) : null,
  };
}

/** How many leads match, counted up to `cap` (the answer is then "more than cap"): never the whole table. */
export async function countLeadsCapped(db: Executor, query: LeadQuery, cap: number, now: Date): Promise<number> {
  const row = await db
    .selectFrom((eb) =>
      eb
        .selectFrom("leads")
        .select(sql`1`.as("one"))
        .where((w) => w.and(filterConditions(w, query, now)))
        .limit(cap + 1)
        .as("matching"),
    )
    .select(sql<number>`count(*)::int`.as("n"))
    .executeTakeFirstOrThrow();
  return row.n;
}

export interface LeadListChoices {
  partners: { id: string; name: string; level: StandingLevel | null }[];
  campaigns: { id: string; name: string }[];
  sources: { id: string; name: string }[];
  verticals: { code: string; label: string }[];
}

/** The values the filters offer. */
export async function leadListChoices(db: Executor): Promise<LeadListChoices> {
  const [partners, campaigns, sources, verticals] = await Promise.all([
    db
      .selectFrom("partners")
      .leftJoin("partner_standing", "partner_standing.partner_id", "partners.id")
      .select(["partners.id", "partners.name", "partner_standing.level"])
      .orderBy("partners.name")
      .execute(),
    db.selectFrom("campaigns").select(["id", "name"]).orderBy("name").execute(),
    db.selectFrom("sources").select(["id", "name"]).orderBy("name").execute(),
    db.selectFrom("verticals").select(["code", "label"]).orderBy("label").execute(),
  ]);
  return { partners, campaigns, sources, verticals };
}
