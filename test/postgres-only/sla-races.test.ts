import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { pinClock } from "~/clock.server";
import { runSweep } from "~/jobs/sweep.server";
import { offerLeadManually, recallLead } from "~/services/assignment.server";
import { logActivity } from "~/services/lead-work.server";
import { acceptOffer } from "~/services/offer-decisions.server";
import { routeLead } from "~/services/routing.server";
import { forceStanding } from "~/services/standing.server";
import { createLead, createManager, createPartnerTeam } from "../support/factories";
import { useTestDatabase } from "../support/test-database";

/** Real concurrency on PostgreSQL: row locks, SKIP LOCKED and conditional updates under load. */
const t = useTestDatabase({ beforeAll, afterAll });
afterEach(() => pinClock(null));

const T0 = new Date("2026-06-01T08:00:00Z");
const HOUR = 3_600_000;
const PAIRS = Number(process.env.RACE_PAIRS ?? 1000);

/** Offers made the ordinary way (routing), all due at the same instant. */
async function offersDueTogether(n: number, territory: string) {
  const team = await createPartnerTeam(t.db, { territories: [territory], capacity: n + 10 });
  pinClock(T0);
  const offerIds: string[] = [];
  for (let i = 0; i < n; i++) {
    const lead = await createLead(t.db, T0, { territory });
    const routed = await routeLead(t.db, lead.id);
    if (!routed.ok || routed.result !== "offered") throw new Error("routing failed");
    offerIds.push(routed.offerId);
  }
  return { ...team, offerIds, dueAt: new Date(T0.getTime() + 48 * HOUR) };
}

describe("races", () => {
  it(`${PAIRS} accepts at the last millisecond against 4 sweeps at the deadline: one state each, obligations agree`, async () => {
    const { offerIds, repActor, dueAt } = await offersDueTogether(PAIRS, "CA-QC");
    pinClock(new Date(dueAt.getTime() - 1)); // every accept is still in time: whoever locks first wins
    // Sweeps first, so they hold pool connections before the accepts queue up behind them.
    const sweeps = [0, 1, 2, 3].map(() => runSweep(t.db, dueAt, { batch: 25 }));
    const accepts = offerIds.map((id) => acceptOffer(t.db, id, repActor));
    const [acceptResults, sweepReports] = await Promise.all([Promise.all(accepts), Promise.all(sweeps)]);

    const offers = await t.db
      .selectFrom("offers")
      .select(["id", "state", "lead_id"])
      .where("id", "in", offerIds)
      .execute();
    const accepted = offers.filter((o) => o.state === "accepted");
    const expired = offers.filter((o) => o.state === "expired");
    expect(accepted.length + expired.length).toBe(PAIRS);
    // Both sides won some: the race was real.
    expect(accepted.length).toBeGreaterThan(0);
    expect(expired.length).toBeGreaterThan(0);
    expect(acceptResults.filter((r) => r.ok).length).toBe(accepted.length);
    expect(sweepReports.reduce((n, r) => n + r.expiredOffers, 0)).toBe(expired.length);

    const obligations = await t.db
      .selectFrom("obligations")
      .select(["offer_id", "kind", "state"])
      .where("offer_id", "in", offerIds)
      .execute();
    const byOffer = new Map<string, string[]>();
    for (const o of obligations)
      byOffer.set(o.offer_id, [...(byOffer.get(o.offer_id) ?? []), `${o.kind}:${o.state}`].sort());
    for (const o of accepted) expect(byOffer.get(o.id)).toEqual(["accept:met", "first_touch:open", "outcome:open"]);
    for (const o of expired) expect(byOffer.get(o.id)).toEqual(["accept:missed"]);
    const leads = await t.db
      .selectFrom("leads")
      .select(["id", "state"])
      .where(
        "id",
        "in",
        offers.map((o) => o.lead_id),
      )
      .execute();
    const acceptedLeads = new Set(accepted.map((o) => o.lead_id));
    for (const lead of leads) expect(lead.state).toBe(acceptedLeads.has(lead.id) ? "accepted" : "routing");
  }, 300_000);

  it("4 sweeps in parallel over the same due rows record every miss once", async () => {
    const { offerIds, repActor } = await offersDueTogether(200, "CA-ON");
    pinClock(new Date(T0.getTime() + HOUR));
    for (const id of offerIds) await acceptOffer(t.db, id, repActor);
    const firstTouchDue = new Date(T0.getTime() + HOUR + 48 * HOUR);
    const reports = await Promise.all([0, 1, 2, 3].map(() => runSweep(t.db, firstTouchDue, { batch: 20 })));

    expect(reports.reduce((n, r) => n + r.missedObligations, 0)).toBe(200);
    const missed = await t.db
      .selectFrom("obligations")
      .select(["id", "missed_at"])
      .where("offer_id", "in", offerIds)
      .where("kind", "=", "first_touch")
      .execute();
    expect(missed.every((o) => o.missed_at?.getTime() === firstTouchDue.getTime())).toBe(true);
    const breaches = await t.db
      .selectFrom("email_outbox")
      .select("unique_key")
      .where("template", "=", "breach")
      .where("unique_key", "like", "breach:%")
      .execute();
    const keys = breaches.map((b) => b.unique_key).filter((k) => missed.some((o) => k.startsWith(`breach:${o.id}:`)));
    expect(keys.length).toBe(200); // one admin each, once
    expect(new Set(keys).size).toBe(200);
  }, 120_000);

  it("recalls racing accepts, touches and the sweep: no deadlock, one state each, nothing left open", async () => {
    const { offerIds, repActor, dueAt } = await offersDueTogether(150, "CA-BC");
    const { actor } = await createManager(t.db);
    const leadOf = new Map(
      (await t.db.selectFrom("offers").select(["id", "lead_id"]).where("id", "in", offerIds).execute()).map((o) => [
        o.id,
        o.lead_id,
      ]),
    );
    pinClock(new Date(dueAt.getTime() - 1));
    // Half the leads were accepted earlier, so touches and recalls meet on accepted offers too.
    for (const id of offerIds.slice(0, 75)) await acceptOffer(t.db, id, repActor);
    const work = [
      runSweep(t.db, dueAt, { batch: 10 }),
      ...offerIds.flatMap((id, i) => [
        i < 75 ? logActivity(t.db, { offerId: id, kind: "call" }, repActor) : acceptOffer(t.db, id, repActor),
        recallLead(t.db, { leadId: leadOf.get(id)!, reason: "Customer asked for the vendor directly" }, actor),
      ]),
    ];
    const settled = await Promise.allSettled(work);
    expect(settled.filter((r) => r.status === "rejected")).toEqual([]); // no deadlock, no error

    const offers = await t.db.selectFrom("offers").select(["id", "state"]).where("id", "in", offerIds).execute();
    expect(offers.every((o) => ["accepted", "recalled", "expired"].includes(o.state))).toBe(true);
    const open = await t.db
      .selectFrom("obligations")
      .select(["offer_id", "kind"])
      .where(
        "offer_id",
        "in",
        offers.filter((o) => o.state !== "accepted").map((o) => o.id),
      )
      .where("state", "=", "open")
      .execute();
    expect(open).toEqual([]);
    expect(offers.filter((o) => o.state === "recalled").length).toBeGreaterThan(0);
  }, 120_000);

  it("two managers offering the same lead at once make one offer", async () => {
    const a = await createPartnerTeam(t.db, { territories: ["MX"], capacity: 100 });
    const b = await createPartnerTeam(t.db, { territories: ["MX"], capacity: 100 });
    const m1 = await createManager(t.db);
    const m2 = await createManager(t.db);
    pinClock(T0);
    for (let i = 0; i < 30; i++) {
      const lead = await createLead(t.db, T0, { territory: "MX", state: "queued" });
      const results = await Promise.all([
        offerLeadManually(t.db, { leadId: lead.id, partnerId: a.partner.id }, m1.actor),
        offerLeadManually(t.db, { leadId: lead.id, partnerId: b.partner.id }, m2.actor),
      ]);
      expect(results.filter((r) => r.ok).length).toBe(1);
      const offers = await t.db.selectFrom("offers").select("id").where("lead_id", "=", lead.id).execute();
      expect(offers.length).toBe(1);
    }
  });

  it("offers racing a withhold: none lands after it", async () => {
    const team = await createPartnerTeam(t.db, { territories: ["PL"], capacity: 100 });
    const { actor } = await createManager(t.db);
    pinClock(T0);
    const leads = await Promise.all(Array.from({ length: 40 }, () => createLead(t.db, T0, { territory: "PL" })));
    const offers = leads.map((lead) => routeLead(t.db, lead.id));
    const withhold = forceStanding(
      t.db,
      {
        partnerId: team.partner.id,
        level: "withheld",
        reason: "Audit of reported outcomes",
        expiresAt: new Date(T0.getTime() + 240 * HOUR),
      },
      actor,
    );
    const [results] = await Promise.all([Promise.all(offers), withhold]);

    // Audit ids are drawn while the partner row lock is held, so they give the real order.
    const events = await t.db
      .selectFrom("audit_events")
      .select(["id", "action"])
      .where("action", "in", ["offer.made", "standing.forced_withheld"])
      .where((eb) =>
        eb.or([
          eb("subject_id", "=", team.partner.id),
          eb(
            "subject_id",
            "in",
            leads.map((l) => l.id),
          ),
        ]),
      )
      .orderBy("id")
      .execute();
    const withheldAt = events.findIndex((e) => e.action === "standing.forced_withheld");
    expect(withheldAt).toBeGreaterThanOrEqual(0);
    expect(events.slice(withheldAt + 1).filter((e) => e.action === "offer.made")).toEqual([]);
    const made = results.filter((r) => r.ok && r.result === "offered").length;
    expect(made).toBe(withheldAt);
    expect(results.filter((r) => r.ok && r.result === "queued").length).toBe(40 - made);
  });

  it("routings racing over two partners' last units: no deadlock, neither over capacity", async () => {
    const a = await createPartnerTeam(t.db, { territories: ["HU"], capacity: 2 });
    const b = await createPartnerTeam(t.db, { territories: ["HU"], capacity: 2 });
    pinClock(T0);
    const leads = await Promise.all(Array.from({ length: 40 }, () => createLead(t.db, T0, { territory: "HU" })));
    const settled = await Promise.allSettled(leads.map((lead) => routeLead(t.db, lead.id)));
    expect(settled.filter((r) => r.status === "rejected")).toEqual([]);
    for (const partnerId of [a.partner.id, b.partner.id]) {
      const live = await t.db
        .selectFrom("offers")
        .select("id")
        .where("partner_id", "=", partnerId)
        .where("state", "in", ["offered", "accepted"])
        .execute();
      expect(live.length).toBe(2);
    }
  });

  it("offers racing for the last units of capacity never exceed it", async () => {
    const team = await createPartnerTeam(t.db, { territories: ["CZ"], capacity: 3 });
    pinClock(T0);
    const leads = await Promise.all(Array.from({ length: 25 }, () => createLead(t.db, T0, { territory: "CZ" })));
    const results = await Promise.all(leads.map((lead) => routeLead(t.db, lead.id)));
    expect(results.filter((r) => r.ok && r.result === "offered").length).toBe(3);
    const live = await sql<{
      n: number;
    }>`select count(*)::int as n from offers where partner_id = ${team.partner.id} and state in ('offered', 'accepted')`.execute(
      t.db,
    );
    expect(live.rows[0].n).toBe(3);
  });
});
