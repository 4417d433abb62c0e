import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { sql } from "kysely";
import { pinClock } from "~/clock.server";
import { processRoutingJobs, routeLead } from "~/services/routing.server";
import { forceStanding } from "~/services/standing.server";
import { createLead, createManager, createPartnerTeam } from "../support/factories";
import { useTestDatabase } from "../support/test-database";

/** Routing workers on several instances, and single routings, over one queue on real PostgreSQL. */
const t = useTestDatabase({ beforeAll, afterAll });
afterEach(() => pinClock(null));

const T0 = new Date("2026-07-01T08:00:00Z");

async function queueLeads(n: number, territory: string) {
  const leads = [];
  for (let i = 0; i < n; i++) leads.push(await createLead(t.db, T0, { territory }));
  await t.db
    .insertInto("routing_jobs")
    .values(leads.map((l, i) => ({ lead_id: l.id, trigger: "intake", enqueued_at: new Date(T0.getTime() + i) })))
    .execute();
  return leads;
}

it("three drains and single routings over the same queue: each lead routed once, capacity holds, no deadlock", async () => {
  const teams = [];
  for (let i = 0; i < 4; i++) teams.push(await createPartnerTeam(t.db, { territories: ["SE"], capacity: 40 }));
  const leads = await queueLeads(200, "SE");
  pinClock(T0);
  const settled = await Promise.allSettled([
    processRoutingJobs(t.db, { batch: 20 }),
    processRoutingJobs(t.db, { batch: 20 }),
    processRoutingJobs(t.db, { batch: 20 }),
    ...leads.filter((_, i) => i % 10 === 0).map((l) => routeLead(t.db, l.id)),
  ]);
  expect(settled.filter((r) => r.status === "rejected")).toEqual([]);

  const ids = leads.map((l) => l.id);
  const decisions = await sql<{ n: number }>`
    select count(*)::int as n from routing_decisions where lead_id in (${sql.join(ids)}) group by lead_id
  `.execute(t.db);
  expect(decisions.rows.length).toBe(200);
  expect(decisions.rows.every((d) => d.n === 1)).toBe(true);
  for (const team of teams) {
    const live = await t.db
      .selectFrom("offers")
      .select("id")
      .where("partner_id", "=", team.partner.id)
      .where("state", "in", ["offered", "accepted"])
      .execute();
    expect(live.length).toBe(40);
  }
  const states = await t.db.selectFrom("leads").select("state").where("id", "in", ids).execute();
  expect(states.filter((l) => l.state === "offered").length).toBe(160);
  expect(states.filter((l) => l.state === "queued").length).toBe(40);
  expect(await t.db.selectFrom("routing_jobs").select("lead_id").where("lead_id", "in", ids).execute()).toEqual([]);
}, 120_000);

it("drains racing a withhold: no offer to the partner lands after the withhold", async () => {
  const withheld = await createPartnerTeam(t.db, { territories: ["EE"], capacity: 1000 });
  const other = await createPartnerTeam(t.db, { territories: ["EE"], capacity: 1000 });
  const { actor } = await createManager(t.db);
  await queueLeads(400, "EE");
  pinClock(T0);
  const drains = Promise.all([processRoutingJobs(t.db, { batch: 10 }), processRoutingJobs(t.db, { batch: 10 })]);
  // Withhold once the drains are under way, while batches are still to come.
  while (
    !(await t.db.selectFrom("offers").select("id").where("partner_id", "=", withheld.partner.id).executeTakeFirst())
  )
    await new Promise((resolve) => setTimeout(resolve, 2));
  const expiresAt = new Date(T0.getTime() + 240 * 3_600_000);
  await Promise.all([
    drains,
    forceStanding(t.db, { partnerId: withheld.partner.id, level: "withheld", reason: "Audit", expiresAt }, actor),
  ]);

  // Audit ids are drawn while the partner locks are held, so they give the real order.
  const events = await sql<{ action: string; partner_id: string }>`
    select action, coalesce(details->>'partnerId', subject_id::text) as partner_id from audit_events
    where action = 'standing.forced_withheld' and subject_id = ${withheld.partner.id}
       or action = 'offer.made' and details->>'partnerId' in (${withheld.partner.id}, ${other.partner.id})
    order by id
  `.execute(t.db);
  const withheldAt = events.rows.findIndex((e) => e.action === "standing.forced_withheld");
  expect(withheldAt).toBeGreaterThan(0);
  const after = events.rows.slice(withheldAt + 1);
  expect(after.filter((e) => e.partner_id === withheld.partner.id)).toEqual([]);
  // The drain went on past the withhold, to the other partner.
  expect(after.length).toBeGreaterThan(0);
  expect(events.rows.filter((e) => e.action === "offer.made").length).toBe(400);
}, 120_000);
