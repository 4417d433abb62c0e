import { CompiledQuery, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leadQuery, NO_FILTERS, type LeadFilters } from "~/domain/lead-list";
import { leadPageQuery } from "~/models/lead-list.server";
import { useTestDatabase } from "../support/test-database";

/**
 * The lead list stays fast at a million leads without a benchmark: PostgreSQL's own plan for the
 * first page must read leads through an index in the list's order, never scan the table. A plan
 * depends on the table's size and statistics, so the table is filled well past a page and analysed.
 */
const t = useTestDatabase({ beforeAll, afterAll });
const ROWS = Number(process.env.LEAD_PLAN_ROWS ?? 50_000);
const NOW = new Date("2026-06-10T09:00:00Z");

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

async function firstPagePlan(over: Partial<LeadFilters>): Promise<PlanNode[]> {
  const compiled = leadPageQuery(t.db, leadQuery({ ...NO_FILTERS, ...over }), {}, 50, NOW).compile();
  const result = await t.db.executeQuery<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(
    CompiledQuery.raw(`explain (format json) ${compiled.sql}`, [...compiled.parameters]),
  );
  return nodes(result.rows[0]["QUERY PLAN"][0].Plan);
}

const onLeads = (plan: PlanNode[]) => plan.filter((n) => n["Relation Name"] === "leads");

beforeAll(async () => {
  const source = await t.db
    .insertInto("sources")
    .values({ kind: "manual", name: "Plan test" })
    .returning("id")
    .executeTakeFirstOrThrow();
  await sql`
    insert into leads (source_id, contact_name, contact_email, company_name, territory, vertical, score, kind, state, intake_at, intake_by, updated_at)
    select ${source.id}::uuid, 'Contact ' || i, 'buyer' || i || '@customer.test', 'Company ' || i,
           (array['US-CA', 'US-NY', 'DE', 'GB', 'FR'])[1 + i % 5], 'software', i % 100, 'lead',
           (array['nurture', 'routing', 'queued', 'offered', 'accepted', 'won', 'lost', 'disqualified'])[1 + i % 8],
           timestamptz '2026-01-01' + i * interval '1 minute', 'plan test', now()
    from generate_series(1, ${ROWS}) as i`.execute(t.db);
  await sql`analyze leads`.execute(t.db);
}, 120_000);

describe("lead list plans", () => {
  it.each([
    ["the default sort", {}],
    ["the state filter", { state: "queued" as const }],
    ["the oldest-first queue", { state: "queued" as const, sort: "oldest" as const }],
    ["the score sort", { sort: "score_high" as const }],
  ])("the first page of %s reads leads through an index, not a sequential scan", async (_, over) => {
    const plan = onLeads(await firstPagePlan(over));
    expect(plan.length).toBeGreaterThan(0);
    expect(plan.map((n) => n["Node Type"])).not.toContain("Seq Scan");
    expect(plan.every((n) => /Index/.test(n["Node Type"]))).toBe(true);
  });
});
