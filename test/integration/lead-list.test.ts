import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { LeadState } from "@db/schema";
import { pinClock } from "~/clock.server";
import {
  leadQuery,
  NO_FILTERS,
  SORTS,
  type Cursor,
  type LeadFilters,
  type PageRequest,
  type SortCode,
} from "~/domain/lead-list";
import { countLeadsCapped, listLeads, type LeadListRow } from "~/models/lead-list.server";
import { leadsCsvStream } from "~/services/lead-export.server";
import { createPartner } from "../support/factories";
import { useTestDatabase } from "../support/test-database";

const t = useTestDatabase({ beforeAll, afterAll });
afterEach(() => pinClock(null));
const T0 = new Date("2026-06-01T09:00:00Z");
const NOW = new Date("2026-06-10T09:00:00Z");

let sources = 0;
/** A source of its own, so each test reads only its own leads (filter by source). */
async function newSource() {
  const row = await t.db
    .insertInto("sources")
    .values({ kind: "manual", name: `List test ${sources++}` })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

interface Spec {
  company?: string;
  email?: string;
  state?: LeadState;
  score?: number;
  territory?: string;
  /** Minutes after T0; several leads share a minute (ties on the sort key). */
  minute?: number;
}

async function insertLeads(sourceId: string, specs: Spec[]) {
  return t.db
    .insertInto("leads")
    .values(
      specs.map((s, i) => {
        const at = new Date(T0.getTime() + (s.minute ?? 0) * 60_000);
        return {
          source_id: sourceId,
          contact_name: `Contact ${i}`,
          contact_email: s.email ?? `buyer-${i}@customer.test`,
          company_name: s.company ?? `Company ${i}`,
          territory: s.territory ?? "US-CA",
          vertical: "software",
          score: s.score ?? 50,
          kind: "lead" as const,
          state: s.state ?? "queued",
          intake_at: at,
          intake_by: "test",
          updated_at: at,
        };
      }),
    )
    .returning(["id"])
    .execute();
}

const filtered = (sourceId: string, over: Partial<LeadFilters> = {}) => leadQuery({ ...NO_FILTERS, sourceId, ...over });

/** Every page forward from the start, then every page backward from the last one. */
async function walk(query: ReturnType<typeof leadQuery>, limit: number) {
  const forward: LeadListRow[][] = [];
  let page: PageRequest = {};
  for (;;) {
    const result = await listLeads(t.db, query, page, limit, NOW);
    forward.push(result.rows);
    if (!result.next) break;
    page = { after: result.next };
    if (forward.length > 100) throw new Error("paging does not end");
  }
  const backward: LeadListRow[][] = [];
  let previous: Cursor | null = (await listLeads(t.db, query, page, limit, NOW)).previous;
  backward.push(forward.at(-1)!);
  while (previous) {
    const result = await listLeads(t.db, query, { before: previous }, limit, NOW);
    backward.unshift(result.rows);
    previous = result.previous;
    if (backward.length > 100) throw new Error("paging back does not end");
  }
  return { forward, backward };
}

describe("lead list keyset paging", () => {
  it.each(Object.keys(SORTS) as SortCode[])(
    "sorted %s, pages through a filtered set with ties both ways, every lead once",
    async (sort) => {
      const sourceId = await newSource();
      // 23 queued leads on 4 minutes and 3 scores (many ties), and leads in other states the filter leaves out.
      const queued = await insertLeads(
        sourceId,
        Array.from({ length: 23 }, (_, i) => ({ minute: i % 4, score: 40 + (i % 3) * 10 })),
      );
      await insertLeads(
        sourceId,
        Array.from({ length: 9 }, (_, i) => ({ minute: i % 4, state: "offered" as const })),
      );

      const query = filtered(sourceId, { state: "queued", sort });
      const { forward, backward } = await walk(query, 5);
      const ids = forward.flat().map((r) => r.id);
      expect(ids).toHaveLength(23);
      expect(new Set(ids)).toEqual(new Set(queued.map((r) => r.id)));
      expect(forward.map((p) => p.length)).toEqual([5, 5, 5, 5, 3]);
      // The order is the sort's, ties broken by id; paging back gives the very same pages.
      const { column, direction } = SORTS[sort];
      const key = (r: LeadListRow) => (column === "score" ? r.score : r.intake_at.getTime());
      const sign = direction === "asc" ? 1 : -1;
      const expected = [...forward.flat()].sort((a, b) => sign * (key(a) - key(b) || (a.id < b.id ? -1 : 1)));
      expect(ids).toEqual(expected.map((r) => r.id));
      expect(backward.map((p) => p.map((r) => r.id))).toEqual(forward.map((p) => p.map((r) => r.id)));
    },
  );

  it("a page before the start is the first page, and an empty filter has no pages", async () => {
    const sourceId = await newSource();
    await insertLeads(
      sourceId,
      Array.from({ length: 7 }, (_, i) => ({ minute: i })),
    );
    const query = filtered(sourceId);
    const first = await listLeads(t.db, query, {}, 5, NOW);
    expect(first.previous).toBeNull();
    const second = await listLeads(t.db, query, { after: first.next! }, 5, NOW);
    expect(second.rows).toHaveLength(2);
    expect(second.next).toBeNull();
    // Back from the second row of page one: fewer than a page before it, so the first page again.
    const back = await listLeads(
      t.db,
      query,
      { before: { key: first.rows[1].sort_key, id: first.rows[1].id } },
      5,
      NOW,
    );
    expect(back.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    expect(back.previous).toBeNull();
    const none = await listLeads(t.db, filtered(sourceId, { state: "won" }), {}, 5, NOW);
    expect(none).toEqual({ rows: [], previous: null, next: null });
  });
});

describe("lead list filters", () => {
  it("searches the start of company, contact and email, with % and _ as plain letters", async () => {
    const sourceId = await newSource();
    const [acme, , mail, percent] = await insertLeads(sourceId, [
      { company: "Acme Robotics" },
      { company: "The Acme Shop" },
      { company: "Other", email: "acme.buyer@mail.test" },
      { company: "100% Acme" },
    ]);
    const found = await listLeads(t.db, filtered(sourceId, { q: "acme" }), {}, 10, NOW);
    expect(new Set(found.rows.map((r) => r.id))).toEqual(new Set([acme.id, mail.id]));
    const literal = await listLeads(t.db, filtered(sourceId, { q: "100%" }), {}, 10, NOW);
    expect(literal.rows.map((r) => r.id)).toEqual([percent.id]);
    expect((await listLeads(t.db, filtered(sourceId, { q: "1_0" }), {}, 10, NOW)).rows).toEqual([]);
  });

  it("a country finds its subdivisions; a score band its range; closed its three states", async () => {
    const sourceId = await newSource();
    const [us, usCa, , low, won, lost] = await insertLeads(sourceId, [
      { territory: "US", score: 80 },
      { territory: "US-CA", score: 75 },
      { territory: "USX", score: 74 },
      { territory: "DE", score: 10 },
      { territory: "DE", state: "won" },
      { territory: "DE", state: "lost" },
    ]);
    const ids = async (over: Partial<LeadFilters>) =>
      new Set((await listLeads(t.db, filtered(sourceId, over), {}, 10, NOW)).rows.map((r) => r.id));
    expect(await ids({ territory: "US" })).toEqual(new Set([us.id, usCa.id]));
    expect(await ids({ band: "75-" })).toEqual(new Set([us.id, usCa.id]));
    expect(await ids({ band: "0-24" })).toEqual(new Set([low.id]));
    expect(await ids({ state: "closed" })).toEqual(new Set([won.id, lost.id]));
  });

  it("partner: the leads it holds or closed; overdue: an open follow-up past due", async () => {
    const sourceId = await newSource();
    const partner = await createPartner(t.db);
    const [held, declined, late] = await insertLeads(sourceId, [
      { state: "accepted" },
      { state: "routing" },
      { state: "accepted" },
    ]);
    const offer = (leadId: string, state: "accepted" | "declined") =>
      t.db
        .insertInto("offers")
        .values({
          lead_id: leadId,
          partner_id: partner.id,
          state,
          offered_at: T0,
          accept_due_at: T0,
          manual: false,
          policy_version: 1,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
    await offer(held.id, "accepted");
    await offer(declined.id, "declined");
    const lateOffer = await offer(late.id, "accepted");
    const obligation = (dueAt: Date, kind: "first_touch" | "accept") =>
      t.db
        .insertInto("obligations")
        .values({
          offer_id: lateOffer.id,
          lead_id: late.id,
          partner_id: partner.id,
          kind,
          due_at: dueAt,
          remind_at: dueAt,
          state: "open",
          policy_version: 1,
          created_at: T0,
        })
        .execute();
    await obligation(NOW, "first_touch"); // due exactly now: late
    const ids = async (over: Partial<LeadFilters>) =>
      (await listLeads(t.db, filtered(sourceId, over), {}, 10, NOW)).rows.map((r) => r.id);
    expect(new Set(await ids({ partnerId: partner.id }))).toEqual(new Set([held.id, late.id]));
    expect(await ids({ overdue: true })).toEqual([late.id]);
    const row = (await listLeads(t.db, filtered(sourceId, { partnerId: partner.id, overdue: true }), {}, 10, NOW))
      .rows[0];
    expect(row).toMatchObject({ id: late.id, partner_name: partner.name, overdue: true });
    // One millisecond earlier it is not overdue yet.
    expect(
      (await listLeads(t.db, filtered(sourceId, { overdue: true }), {}, 10, new Date(NOW.getTime() - 1))).rows,
    ).toEqual([]);
  });

  it("counts up to the cap, never further", async () => {
    const sourceId = await newSource();
    await insertLeads(
      sourceId,
      Array.from({ length: 12 }, () => ({})),
    );
    expect(await countLeadsCapped(t.db, filtered(sourceId), 100, NOW)).toBe(12);
    expect(await countLeadsCapped(t.db, filtered(sourceId), 10, NOW)).toBe(11);
  });
});

describe("lead export", () => {
  it("streams every filtered lead as CSV, formulas defused", async () => {
    const sourceId = await newSource();
    await insertLeads(sourceId, [
      { company: '=HYPERLINK("x")' },
      { company: "Plain, Inc." },
      { company: "Left out", state: "won" },
    ]);
    pinClock(NOW);
    const text = await new Response(
      leadsCsvStream(t.db, filtered(sourceId, { state: "queued", sort: "oldest" })),
    ).text();
    const lines = text
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe(
      [
        "id",
        "arrived_at",
        "company",
        "contact",
        "email",
        "territory",
        "vertical",
        "score",
        "kind",
        "state",
        "partner",
        "campaign",
        "source",
        "overdue",
      ]
        .map((h) => `"${h}"`)
        .join(","),
    );
    expect(lines).toHaveLength(3);
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
    expect(text).toContain(`"Plain, Inc."`);
    expect(text).not.toContain("Left out");
  });
});
