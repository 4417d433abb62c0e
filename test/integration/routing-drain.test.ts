import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { pinClock } from "~/clock.server";
import { startJobs } from "~/jobs/runner.server";
import { processRoutingJobs } from "~/services/routing.server";
import { createLead, createPartnerTeam } from "../support/factories";
import { useTestDatabase } from "../support/test-database";

/** The routing worker drains its queue in batches; each lead is routed once, capacity holds. */
const t = useTestDatabase({ beforeAll, afterAll });
afterEach(() => pinClock(null));

const T0 = new Date("2026-05-04T10:00:00Z");

async function queuedLeads(n: number, territory: string, state: "routing" | "queued" = "routing") {
  const leads = [];
  for (let i = 0; i < n; i++) leads.push(await createLead(t.db, T0, { territory, state }));
  await t.db
    .insertInto("routing_jobs")
    .values(leads.map((l, i) => ({ lead_id: l.id, trigger: "intake", enqueued_at: new Date(T0.getTime() + i) })))
    .execute();
  return leads;
}

const liveOffers = (partnerId: string) =>
  t.db
    .selectFrom("offers")
    .select("lead_id")
    .where("partner_id", "=", partnerId)
    .where("state", "in", ["offered", "accepted"])
    .execute();

describe("routing worker drain", () => {
  it("routes every queued lead exactly once, over several batches, within each partner's capacity", async () => {
    const a = await createPartnerTeam(t.db, { territories: ["NO"], capacity: 7 });
    const b = await createPartnerTeam(t.db, { territories: ["NO"], capacity: 4 });
    const paused = await createPartnerTeam(t.db, { territories: ["NO"], capacity: 50 });
    await t.db
      .updateTable("partners")
      .set({ paused_until: new Date(T0.getTime() + 86_400_000) })
      .where("id", "=", paused.partner.id)
      .execute();
    // One lead already sits with one of them (it counts against that partner's capacity).
    const [held] = await queuedLeads(1, "NO");
    pinClock(T0);
    expect(await processRoutingJobs(t.db)).toBe(1);
    expect((await liveOffers(a.partner.id)).length + (await liveOffers(b.partner.id)).length).toBe(1);

    const leads = await queuedLeads(23, "NO");
    pinClock(new Date(T0.getTime() + 60_000));
    expect(await processRoutingJobs(t.db, { batch: 5 })).toBe(23);

    const ids = [held.id, ...leads.map((l) => l.id)];
    const offers = await t.db
      .selectFrom("offers")
      .select(["lead_id", "partner_id"])
      .where("lead_id", "in", ids)
      .execute();
    expect(new Set(offers.map((o) => o.lead_id)).size).toBe(offers.length); // no lead offered twice
    expect((await liveOffers(a.partner.id)).length).toBe(7);
    expect((await liveOffers(b.partner.id)).length).toBe(4);
    expect(await liveOffers(paused.partner.id)).toEqual([]);

    const states = await t.db
      .selectFrom("leads")
      .select(["id", "state", "queued_reason"])
      .where("id", "in", ids)
      .execute();
    expect(states.filter((l) => l.state === "offered").length).toBe(11);
    const queued = states.filter((l) => l.state === "queued");
    expect(queued.length).toBe(13);
    expect(queued.every((l) => l.queued_reason === "No partner is eligible for this lead.")).toBe(true);

    // One decision per routing, and the queue is empty: a second drain finds nothing.
    const decisions = await sql<{ lead_id: string; n: number }>`
      select lead_id, count(*)::int as n from routing_decisions where lead_id in (${sql.join(ids)}) group by lead_id
    `.execute(t.db);
    expect(decisions.rows.length).toBe(24);
    expect(decisions.rows.every((d) => d.n === 1)).toBe(true);
    expect(await t.db.selectFrom("routing_jobs").select("lead_id").where("lead_id", "in", ids).execute()).toEqual([]);
    expect(await processRoutingJobs(t.db)).toBe(0);
  });

  it("spreads a batch over equally ranked partners by their wait, as one routing at a time would", async () => {
    const teams = [];
    for (let i = 0; i < 3; i++) teams.push(await createPartnerTeam(t.db, { territories: ["IS"], capacity: 10 }));
    const leads = await queuedLeads(9, "IS");
    pinClock(T0);
    expect(await processRoutingJobs(t.db, { batch: 9 })).toBe(9);
    for (const team of teams) expect((await liveOffers(team.partner.id)).length).toBe(3);
    const offered = await t.db
      .selectFrom("leads")
      .select("state")
      .where(
        "id",
        "in",
        leads.map((l) => l.id),
      )
      .execute();
    expect(offered.every((l) => l.state === "offered")).toBe(true);
  });

  it("takes the job of a lead that no longer waits for the router without routing it", async () => {
    await createPartnerTeam(t.db, { territories: ["FI"], capacity: 10 });
    const [lead] = await queuedLeads(1, "FI", "queued");
    pinClock(T0);
    expect(await processRoutingJobs(t.db)).toBe(0);
    expect(await t.db.selectFrom("routing_jobs").select("lead_id").where("lead_id", "=", lead.id).execute()).toEqual(
      [],
    );
    expect(await t.db.selectFrom("offers").select("id").where("lead_id", "=", lead.id).execute()).toEqual([]);
    const after = await t.db.selectFrom("leads").select("state").where("id", "=", lead.id).executeTakeFirstOrThrow();
    expect(after.state).toBe("queued");
  });

  it("the background worker drains the queue on its own loop", async () => {
    await createPartnerTeam(t.db, { territories: ["DK"], capacity: 10 });
    const errors: string[] = [];
    const stop = startJobs(t.db, 1, (msg) => errors.push(msg));
    try {
      const [lead] = await queuedLeads(1, "DK");
      pinClock(T0);
      const deadline = Date.now() + 15_000;
      let state = lead.state;
      while (state === "routing" && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        state = (await t.db.selectFrom("leads").select("state").where("id", "=", lead.id).executeTakeFirstOrThrow())
          .state;
      }
      expect(state).toBe("offered");
      expect(errors).toEqual([]);
    } finally {
      stop();
    }
  });
});
