import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { openDatabase, type DatabaseHandle } from "@db/client";
import { pinClock } from "~/clock.server";
import { runSweep, type SweepReport } from "~/jobs/sweep.server";
import { recallLead } from "~/services/assignment.server";
import { logActivity } from "~/services/lead-work.server";
import { acceptOffer } from "~/services/offer-decisions.server";
import { routeLead } from "~/services/routing.server";
import { createLead, createManager, createPartnerTeam } from "../support/factories";
import { useTestDatabase } from "../support/test-database";

/**
 * A recorded breach stays recorded: a touch or a recall made in the last millisecond before a
 * first touch falls due races the sweep marking it missed at the due instant. Whoever takes the
 * lead's lock first wins; a breach the sweep recorded (and emailed) is never turned back into
 * `met` or `cancelled`.
 */
const t = useTestDatabase({ beforeAll, afterAll });
afterEach(() => pinClock(null));

const T0 = new Date("2026-07-06T08:00:00Z");
const HOUR = 3_600_000;
const PAIRS = Number(process.env.BREACH_RACE_PAIRS ?? 500);

/** PAIRS accepted leads of one partner whose first touches all fall due at the same instant. */
async function firstTouchesDueTogether(territory: string) {
  const team = await createPartnerTeam(t.db, { territories: [territory], capacity: PAIRS + 10 });
  pinClock(T0);
  const offers: { id: string; leadId: string }[] = [];
  for (let i = 0; i < PAIRS; i++) {
    const lead = await createLead(t.db, T0, { territory });
    const routed = await routeLead(t.db, lead.id);
    if (!routed.ok || routed.result !== "offered") throw new Error("routing failed");
    offers.push({ id: routed.offerId, leadId: lead.id });
  }
  pinClock(new Date(T0.getTime() + HOUR));
  for (const offer of offers) await acceptOffer(t.db, offer.id, team.repActor);
  return { ...team, offers, dueAt: new Date(T0.getTime() + HOUR + 48 * HOUR) };
}

/** The first-touch obligations of the offers, and the breach emails queued for them. */
async function firstTouchRecord(offerIds: string[]) {
  const rows = await t.db
    .selectFrom("obligations")
    .select(["id", "state", "missed_at"])
    .where("offer_id", "in", offerIds)
    .where("kind", "=", "first_touch")
    .execute();
  const breaches = await t.db.selectFrom("email_outbox").select("data").where("template", "=", "breach").execute();
  const ids = new Set(rows.map((r) => r.id));
  const breached = new Set(
    breaches.map((b) => (b.data as { obligationId: string }).obligationId).filter((id) => ids.has(id)),
  );
  return { rows, breached, recorded: rows.filter((r) => r.missed_at !== null) };
}

/**
 * The sweep as another app instance would run it: its own connection pool on the same
 * database, so it does not queue behind the use cases for connections.
 */
let sweeper: DatabaseHandle | undefined;
async function sweepInstance() {
  const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(t.db);
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${rows[0].name}`;
  sweeper ??= await openDatabase({ kind: "postgres", url: url.toString(), poolSize: 4 });
  return sweeper.db;
}
afterAll(async () => sweeper?.close());

const missesIn = (reports: SweepReport[]) => reports.reduce((n, r) => n + r.missedObligations, 0);

describe("a recorded breach stays recorded", () => {
  it(`${PAIRS} touches in the last millisecond against sweeps at the due instant: on time or late, never a breach undone`, async () => {
    const { offers, repActor, dueAt } = await firstTouchesDueTogether("NL");
    pinClock(new Date(dueAt.getTime() - 1));
    const other = await sweepInstance();
    const sweeps = [0, 1].map(() => runSweep(other, dueAt, { batch: 20 }));
    const touches = offers.map((o) => logActivity(t.db, { offerId: o.id, kind: "call" }, repActor));
    const [results, reports] = await Promise.all([Promise.all(touches), Promise.all(sweeps)]);
    expect(results.filter((r) => !r.ok)).toEqual([]);

    const { rows, breached, recorded } = await firstTouchRecord(offers.map((o) => o.id));
    expect(rows.length).toBe(PAIRS);
    // The touch won the lock: met on time, no breach. The sweep won: missed, emailed, then met late.
    for (const r of rows) expect(r.state).toBe(r.missed_at ? "met_late" : "met");
    expect(breached.size).toBe(recorded.length);
    expect(missesIn(reports)).toBe(recorded.length);
    // Both sides won some: the race was real.
    expect(recorded.length).toBeGreaterThan(0);
    expect(recorded.length).toBeLessThan(PAIRS);
  }, 600_000);

  it(`${PAIRS} recalls in the last millisecond against sweeps at the due instant: cancelled or missed, never a breach undone`, async () => {
    const { offers, dueAt } = await firstTouchesDueTogether("LU");
    const { actor } = await createManager(t.db);
    pinClock(new Date(dueAt.getTime() - 1));
    const other = await sweepInstance();
    const sweeps = [0, 1].map(() => runSweep(other, dueAt, { batch: 20 }));
    const recalls = offers.map((o) =>
      recallLead(t.db, { leadId: o.leadId, reason: "Customer asked for the vendor directly" }, actor),
    );
    const [results, reports] = await Promise.all([Promise.all(recalls), Promise.all(sweeps)]);
    expect(results.filter((r) => !r.ok)).toEqual([]);

    const { rows, breached, recorded } = await firstTouchRecord(offers.map((o) => o.id));
    expect(rows.length).toBe(PAIRS);
    for (const r of rows) expect(r.state).toBe(r.missed_at ? "missed" : "cancelled");
    expect(breached.size).toBe(recorded.length);
    expect(missesIn(reports)).toBe(recorded.length);
    expect(recorded.length).toBeGreaterThan(0);
    expect(recorded.length).toBeLessThan(PAIRS);
  }, 600_000);
});
