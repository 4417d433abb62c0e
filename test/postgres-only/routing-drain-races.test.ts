import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { sql } from "kysely";
import { pinClock } from "~/clock.server";
import { processRoutingJobs, routeLead } from "~/services/routing.server";
import { createLead, createPartnerTeam } from "../support/factories";
import { useTestDatabase } from "../support/test-database";

/** Routing workers on several instances, and single routings, over one queue on real PostgreSQL. */
const t = useTestDatabase({ beforeAll, afterAll });
afterEach(() => pinClock(null));

const T0 = new Date("2026-07-01T08:00:00Z");

it("three drains and single routings over the same queue: each lead routed once, capacity holds, no deadlock", async () => {
  const teams = [];
  for (let i = 0; i < 4; i++) teams.push(await createPartnerTeam(t.db, { territories: ["SE"], capacity: 40 }));
  const leads = [];
  for (let i = 0; i < 200; i++) leads.push(await createLead(t.db, T0, { territory: "SE" }));
  await t.db
    .insertInto("routing_jobs")
    .values(leads.map((l, i) => ({ lead_id: l.id, trigger: "intake", enqueued_at: new Date(T0.getTime() + i) })))
    .execute();
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
