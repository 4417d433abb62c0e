import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Offer } from "@db/schema";
import { pinClock } from "~/clock.server";
import { runSweep } from "~/jobs/sweep.server";
import type { Actor } from "~/services/actor";
import { logActivity, reportOutcome } from "~/services/lead-work.server";
import { acceptOffer } from "~/services/offer-decisions.server";
import { routeLead } from "~/services/routing.server";
import { createLead, createPartnerTeam } from "../support/factories";
import { useTestDatabase } from "../support/test-database";
import { standingInput } from "~/services/standing.server";

/**
 * A scripted month for three partners, driven by an hourly sweep with explicit times:
 * Diligent (Sweden) keeps every deadline; Slow (Norway) accepts late in the window and makes
 * its first touch 12 hours late; Silent (Denmark) lets offers lapse and never touches its
 * leads, until it catches up on day 8 and keeps every deadline from then on. Each partner is
 * the only one covering its country, so who receives what is plain.
 */
const t = useTestDatabase({ beforeAll, afterAll });
afterEach(() => pinClock(null));

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = new Date("2026-03-02T00:00:00Z");
const at = (day: number, hour = 0) => new Date(T0.getTime() + day * DAY + hour * HOUR);
const dayOf = (d: Date) => (d.getTime() - T0.getTime()) / DAY;
const CATCH_UP_DAY = 8;
const DAYS = 24;

type Team = Awaited<ReturnType<typeof createPartnerTeam>>;
interface Behaviour {
  onOffer(offer: Offer, now: Date): "accept" | "wait";
  touchesDue(offer: Offer, lastTouch: Date | null, now: Date): boolean;
  closeAfterDays: number | null;
}

const hoursSince = (from: Date, now: Date) => (now.getTime() - from.getTime()) / HOUR;

const diligent: Behaviour = {
  onOffer: (o, now) => (hoursSince(o.offered_at, now) >= 1 ? "accept" : "wait"),
  touchesDue: (o, last, now) => (last ? hoursSince(last, now) >= 5 * 24 : hoursSince(o.decided_at!, now) >= 3),
  closeAfterDays: 12,
};
const slow: Behaviour = {
  onOffer: (o, now) => (hoursSince(o.offered_at, now) >= 40 ? "accept" : "wait"),
  touchesDue: (o, last, now) => (last ? hoursSince(last, now) >= 13 * 24 : hoursSince(o.decided_at!, now) >= 60),
  closeAfterDays: null,
};
const silent: Behaviour = {
  // Before catching up: answers every second offer, and never touches a lead.
  onOffer: (o, now) =>
    dayOf(now) >= CATCH_UP_DAY
      ? hoursSince(o.offered_at, now) >= 1
        ? "accept"
        : "wait"
      : Math.floor(dayOf(o.offered_at)) % 2 === 1 && hoursSince(o.offered_at, now) >= 2
        ? "accept"
        : "wait",
  touchesDue: (o, last, now) => dayOf(now) >= CATCH_UP_DAY && (last === null || hoursSince(last, now) >= 5 * 24),
  closeAfterDays: 2,
};

async function act(team: Team, who: Behaviour, actor: Actor, now: Date) {
  // One read per partner and hour, each held offer with its last activity (a read per offer was a
  // fifth of the month's time on PostgreSQL).
  const offers = await t.db
    .selectFrom("offers as o")
    .selectAll("o")
    .select((eb) =>
      eb
        .selectFrom("activities as a")
        .select((a) => a.fn.max("a.at").as("at"))
        .whereRef("a.offer_id", "=", "o.id")
        .as("last_at"),
    )
    .where("o.partner_id", "=", team.partner.id)
    .where("o.state", "in", ["offered", "accepted"])
    .execute();
  for (const { last_at, ...offer } of offers) {
    if (offer.state === "offered") {
      if (who.onOffer(offer, now) === "accept")
        expect(await acceptOffer(t.db, offer.id, actor)).toMatchObject({ ok: true });
      continue;
    }
    const lastTouch = last_at ? new Date(last_at as Date) : null;
    if (who.touchesDue(offer, lastTouch, now)) {
      expect(await logActivity(t.db, { offerId: offer.id, kind: "call" }, actor)).toMatchObject({ ok: true });
    } else if (
      who.closeAfterDays !== null &&
      lastTouch &&
      hoursSince(offer.decided_at!, now) >= who.closeAfterDays * 24
    ) {
      expect(
        await reportOutcome(t.db, { offerId: offer.id, outcome: "won", amountCents: 1_250_000 }, actor),
      ).toMatchObject({ ok: true });
    }
  }
}

async function obligationStates(partnerId: string) {
  const rows = await t.db
    .selectFrom("obligations")
    .select(["kind", "state"])
    .where("partner_id", "=", partnerId)
    .execute();
  const counts: Record<string, number> = {};
  for (const r of rows) counts[`${r.kind}:${r.state}`] = (counts[`${r.kind}:${r.state}`] ?? 0) + 1;
  return counts;
}

describe("a scripted month", () => {
  it("warns, withholds, puts on probation and reinstates the silent partner, and leaves the others be", async () => {
    const d = await createPartnerTeam(t.db, { name: "Diligent", territories: ["SE"], capacity: 50 });
    const s = await createPartnerTeam(t.db, { name: "Slow", territories: ["NO"], capacity: 50 });
    const z = await createPartnerTeam(t.db, { name: "Silent", territories: ["DK"] });
    const dkLeads: { day: number; state: string; partnerId: string | null }[] = [];
    let maxOpenOnProbation = 0;

    for (let hour = 0; hour < DAYS * 24; hour++) {
      const now = at(0, hour);
      pinClock(now);
      if (hour % 24 === 9) {
        for (const territory of ["SE", "NO", "DK"]) {
          const lead = await createLead(t.db, now, { territory });
          const routed = await routeLead(t.db, lead.id);
          if (territory === "DK" && routed.ok) {
            dkLeads.push({
              day: hour / 24 - 9 / 24,
              state: routed.result,
              partnerId: routed.result === "offered" ? routed.partnerId : null,
            });
          }
        }
      }
      await act(d, diligent, d.repActor, now);
      await act(s, slow, s.repActor, now);
      await act(z, silent, z.repActor, now);
      await runSweep(t.db, now);
      const level = (
        await t.db
          .selectFrom("partner_standing")
          .select("level")
          .where("partner_id", "=", z.partner.id)
          .executeTakeFirst()
      )?.level;
      if (level === "probation") {
        const open = await t.db
          .selectFrom("offers")
          .select("id")
          .where("partner_id", "=", z.partner.id)
          .where("state", "in", ["offered", "accepted"])
          .execute();
        maxOpenOnProbation = Math.max(maxOpenOnProbation, open.length);
      }
    }
    const end = at(DAYS);

    // Silent: the whole way down and back, on the days the rules say.
    const history = await t.db
      .selectFrom("partner_standing_history")
      .select(["to_level", "at", "reason"])
      .where("partner_id", "=", z.partner.id)
      .orderBy("at")
      .execute();
    expect(history.map((h) => [h.to_level, dayOf(h.at)])).toEqual([
      ["warning", 3 + 11 / 24], // the first touch of day 1's lead fell due on day 3 at 11:00
      // Day 2's offer lapsed on day 4 at 09:00: 5 obligations now count (2 of 4 offers
      // accepted, 1 first touch missed), the score is (30 × 0.5 + 30 × 0) / 60 = 25.
      ["withheld", 4 + 9 / 24],
      ["probation", CATCH_UP_DAY + 0], // caught up at midnight of day 8: nothing overdue
      // On probation: 2 outcomes and 2 updates met on time at 01:00 (score 67, below 75),
      // then day 8's offer accepted at 10:00: 5 deadlines kept in a row.
      ["good", CATCH_UP_DAY + 10 / 24],
      // The streak is a fresh start: from then on the score counts what settled after the
      // probation began (those 5, 100), so the lapses still in the window no longer warn it, and
      // it keeps every deadline to the end of the month.
    ]);
    expect(history[1].reason).toMatch(/score is 25, below 70/);
    expect(history[3].reason).toBe("5 deadlines in a row were kept on probation.");

    // While withheld (days 5–7) the Danish leads found nobody and waited in the manager's queue.
    expect(dkLeads.filter((l) => l.state === "queued").map((l) => l.day)).toEqual([5, 6, 7]);
    expect(dkLeads.filter((l) => l.day >= CATCH_UP_DAY).every((l) => l.partnerId === z.partner.id)).toBe(true);
    expect(maxOpenOnProbation).toBeLessThanOrEqual(2);
    expect(maxOpenOnProbation).toBeGreaterThan(0);

    // Every obligation state at the end of the month.
    // Diligent: 24 offers accepted within the hour, first touches within 3 hours (each opens a
    // 14-day update period), a touch every 5 days: the one on day 5 of the period meets it, the
    // one on day 10 meets nothing more. The first 12 leads are closed as won on day 12 of their
    // first period, already met. Of the 12 open leads, those of days 12–18 had their day-5 touch
    // by the end (7 met); days 19–23 not yet (5 open). No period ends within the month.
    expect(await obligationStates(d.partner.id)).toEqual({
      "accept:met": 24,
      "first_touch:met": 24,
      "update:met": 19,
      "update:open": 5,
      "outcome:met": 12,
      "outcome:open": 12,
    });
    // Slow: accepts 40 hours into the 48, touches 12 hours after the first touch was due, then
    // every 13 days. Its first touch no longer counts as an update too, so with only late first
    // touches its score dips below 70 each time one falls due on days 5–7 (withheld; the Norwegian
    // leads of days 5, 6 and 7 wait in the queue). Accepted: days 0–4 and 8–21 (19); days 22–23
    // unanswered. First touches made: days 0–4 and 8–19 (17, late); days 20–21 not due yet.
    // Each first touch opens period 1; the day-13 touch meets it for the leads of days 0–4, whose
    // period 1 then ended and period 2 opened (5 met, 12 + 5 open).
    expect(await obligationStates(s.partner.id)).toEqual({
      "accept:met": 19,
      "accept:open": 2,
      "first_touch:met_late": 17,
      "first_touch:open": 2,
      "update:met": 5,
      "update:open": 17,
      "outcome:open": 19,
    });
    // Silent: 3 lapsed offers (days 0, 2, 4) stay missed, none offered while withheld (days 5–7),
    // 2 first touches caught up late on day 8, every deadline kept from then on. Each of the 16
    // leads closed after 2 days had its period 1 met by the outcome report; days 22–23 are open.
    expect(await obligationStates(z.partner.id)).toEqual({
      "accept:met": 18,
      "accept:missed": 3,
      "first_touch:met": 16,
      "first_touch:met_late": 2,
      "update:met": 16,
      "update:open": 2,
      "outcome:met": 16,
      "outcome:open": 2,
    });

    // Every score at the end of the month, component by component.
    const scoreOf = async (partnerId: string) => {
      const { score } = (await standingInput(t.db, partnerId, end)).input;
      return {
        score: score.score,
        provisional: score.provisional,
        values: score.components.map((c) => [c.kind, c.value]),
      };
    };
    expect(await scoreOf(d.partner.id)).toEqual({
      score: 100,
      provisional: false,
      values: [
        ["accept", 1],
        ["first_touch", 1],
        ["update", 1],
        ["outcome", 1],
      ],
    });
    // (30 × 1 + 30 × 0.5 + 20 × 1) / 80 = 81.25: no outcome is due yet, so its weight is left out.
    expect(await scoreOf(s.partner.id)).toEqual({
      score: 81,
      provisional: false,
      values: [
        ["accept", 1],
        ["first_touch", 0.5],
        ["update", 1],
        ["outcome", null],
      ],
    });
    // Counted from its fresh start (day 8, 00:00, exclusive): the 16 offers of days 8–23 accepted,
    // their 16 first touches on time, 16 updates and 16 outcomes met; the 3 lapses, the 2 early
    // accepts and the 2 first touches caught up late at midnight stay in its history only.
    expect(await scoreOf(z.partner.id)).toEqual({
      score: 100,
      provisional: false,
      values: [
        ["accept", 1],
        ["first_touch", 1],
        ["update", 1],
        ["outcome", 1],
      ],
    });
    expect((await standingInput(t.db, z.partner.id, end)).input.score.countedFrom).toEqual(at(CATCH_UP_DAY));

    // Diligent never changed standing. Slow, with nothing but late first touches and no update
    // or outcome counted yet, scores (30 × 1 + 30 × first-touch share) / 60.
    expect(
      await t.db.selectFrom("partner_standing_history").select("id").where("partner_id", "=", d.partner.id).execute(),
    ).toEqual([]);
    const slowHistory = await t.db
      .selectFrom("partner_standing_history")
      .select(["to_level", "at", "reason"])
      .where("partner_id", "=", s.partner.id)
      .orderBy("at")
      .execute();
    const daily = (from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, i) => [
        ["warning", from + i + 1 / 24],
        ["good", from + i + 13 / 24],
      ]).flat();
    expect(slowHistory.map((h) => [h.to_level, dayOf(h.at)])).toEqual([
      ["warning", 4 + 1 / 24], // day 0's first touch falls due (provisional: 4 counted, overdue warns)
      ["good", 4 + 13 / 24],
      // Day 1's falls due as day 3's offer is accepted: (30 + 30 × ¼) / 60 = 62.5, below 70.
      ["withheld", 5 + 1 / 24],
      ["probation", 5 + 13 / 24], // touched: nothing overdue
      ["good", 5 + 13 / 24], // the same hour's sweep: every first touch half, (30 + 15) / 60 = 75
      ["withheld", 6 + 1 / 24], // (30 + 30 × ⅓) / 60 = 66.7
      ["probation", 6 + 13 / 24],
      ["good", 6 + 13 / 24],
      ["withheld", 7 + 1 / 24], // (30 + 30 × 1.5/4) / 60 = 68.75
      ["probation", 7 + 13 / 24],
      ["good", 7 + 13 / 24],
      // (30 + 30 × 2/5) / 60 = 70: not below 70, so overdue means warning; after the touch the
      // score is 75, below 80, and stays there until an update period counts.
      ["warning", 8 + 1 / 24],
      // Day 0's lead is touched 13 days after its first touch: period 1 met, (30 + 15 + 20) / 80.
      ["good", 17 + 13 / 24],
      // From then on, warned each night a first touch falls due and good when it is made.
      ...daily(18, 23),
    ]);
    expect(slowHistory[2].reason).toBe("The compliance score is 63, below 70.");
    expect(slowHistory[11].reason).toBe("1 item is overdue.");
    expect((await standingInput(t.db, z.partner.id, end)).input.overdue).toEqual([]);
  }, 120_000); // 576 hourly sweeps and every event re-scoring its partner: over 30 s on PostgreSQL on a busy machine
});
