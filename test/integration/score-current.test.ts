import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { pinClock } from "~/clock.server";
import { runSweep } from "~/jobs/sweep.server";
import { DEFAULT_POLICY } from "~/domain/policy";
import { acceptOffer, declineOffer } from "~/services/offer-decisions.server";
import { editPolicy } from "~/services/policy.server";
import { routeLead } from "~/services/routing.server";
import { standingInput } from "~/services/standing.server";
import { createLead, createManager, createPartnerTeam } from "../support/factories";
import { useTestDatabase } from "../support/test-database";

/**
 * The stored score and standing are current after every event, not only after the sweep
 * finds something overdue; and the sweep re-evaluates partners whose window lost obligations.
 */
const t = useTestDatabase({ beforeAll, afterAll });
afterEach(() => pinClock(null));

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Team = Awaited<ReturnType<typeof createPartnerTeam>>;

/** Offers `n` new leads of the partner's own territory to it (it is the only one covering it). */
async function offersTo(team: Team, n: number, at: Date): Promise<string[]> {
  pinClock(at);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const lead = await createLead(t.db, at, { territory: team.partner.territories[0] });
    const routed = await routeLead(t.db, lead.id);
    if (!routed.ok || routed.result !== "offered" || routed.partnerId !== team.partner.id) {
      throw new Error(`routing failed: ${JSON.stringify(routed)}`);
    }
    ids.push(routed.offerId);
  }
  return ids;
}

async function standingOf(partnerId: string) {
  return t.db
    .selectFrom("partner_standing")
    .select(["level", "score", "provisional", "computed_at"])
    .where("partner_id", "=", partnerId)
    .executeTakeFirstOrThrow();
}

async function historyOf(partnerId: string) {
  const rows = await t.db
    .selectFrom("partner_standing_history")
    .select(["to_level", "at", "reason"])
    .where("partner_id", "=", partnerId)
    .orderBy("at")
    .execute();
  return rows.map((r) => [r.to_level, r.at.toISOString(), r.reason]);
}

describe("the score and standing are always current", () => {
  it("offers let expire while provisional, then two accepts: withheld at the second accept", async () => {
    const T0 = new Date("2026-04-01T09:00:00Z");
    const at = (ms: number) => new Date(T0.getTime() + ms);
    const team = await createPartnerTeam(t.db, { territories: ["IS"] });

    await offersTo(team, 3, at(0));
    await runSweep(t.db, at(48 * HOUR));
    // Three missed accepts: a score of 0, but provisional, so still in good standing.
    expect(await standingOf(team.partner.id)).toMatchObject({ level: "good", score: 0, provisional: true });

    const [first, second] = await offersTo(team, 2, at(49 * HOUR));
    pinClock(at(50 * HOUR));
    expect(await acceptOffer(t.db, first, team.repActor)).toMatchObject({ ok: true });
    // 1 of 4 accepts kept: 25, still provisional.
    expect(await standingOf(team.partner.id)).toMatchObject({ level: "good", score: 25, provisional: true });

    pinClock(at(51 * HOUR));
    expect(await acceptOffer(t.db, second, team.repActor)).toMatchObject({ ok: true });
    // 2 of 5: 40, no longer provisional, below 70: withheld by the accept itself, no sweep needed.
    expect(await standingOf(team.partner.id)).toMatchObject({
      level: "withheld",
      score: 40,
      provisional: false,
      computed_at: at(51 * HOUR),
    });
    expect(await historyOf(team.partner.id)).toEqual([
      ["withheld", at(51 * HOUR).toISOString(), "The compliance score is 40, below 70."],
    ]);

    // Routing reads the current standing: the next lead of its territory finds nobody.
    const lead = await createLead(t.db, at(52 * HOUR), { territory: "IS" });
    pinClock(at(52 * HOUR));
    expect(await routeLead(t.db, lead.id)).toMatchObject({ ok: true, result: "queued" });
  });

  it("a partner whose good record ages out of the 90-day window is warned on the sweep after", async () => {
    const T0 = new Date("2026-05-01T09:00:00Z");
    const at = (ms: number) => new Date(T0.getTime() + ms);
    const team = await createPartnerTeam(t.db, { territories: ["FO"], capacity: 50 });
    const decline = async (offerIds: string[], when: Date) => {
      pinClock(when);
      for (const offerId of offerIds) {
        expect(await declineOffer(t.db, { offerId, reasonCode: "no_capacity" }, team.adminActor)).toMatchObject({
          ok: true,
        });
      }
    };

    // Day 0: ten offers answered within the hour (a decline keeps the accept deadline too).
    await decline(await offersTo(team, 10, at(0)), at(HOUR));
    // Day 50: six answered, two left to lapse.
    const later = await offersTo(team, 8, at(50 * DAY));
    await decline(later.slice(0, 6), at(50 * DAY + HOUR));
    await runSweep(t.db, at(52 * DAY));
    // 16 of 18 kept: 89.
    expect(await standingOf(team.partner.id)).toMatchObject({ level: "good", score: 89, provisional: false });

    await runSweep(t.db, at(90 * DAY));
    expect(await standingOf(team.partner.id)).toMatchObject({ level: "good", score: 89 });

    // Day 0's answers leave the window at day 90 + 1 hour; nothing else happened to this partner.
    await runSweep(t.db, at(90 * DAY + 2 * HOUR));
    expect(await standingOf(team.partner.id)).toMatchObject({ level: "warning", score: 75, provisional: false });
    expect((await historyOf(team.partner.id)).at(-1)).toEqual([
      "warning",
      at(90 * DAY + 2 * HOUR).toISOString(),
      "The compliance score is 75, below 80.",
    ]);
  });

  it("earning good standing back on probation is a fresh start: the misses it worked off do not withhold it again", async () => {
    const T0 = new Date("2026-10-01T09:00:00Z");
    const at = (ms: number) => new Date(T0.getTime() + ms);
    const team = await createPartnerTeam(t.db, { territories: ["AD"], capacity: 20 });
    /** One offer after another, each declined within the hour: an accept deadline kept. */
    const declineNext = async (n: number, from: Date) => {
      for (let i = 0; i < n; i++) {
        const [offerId] = await offersTo(team, 1, new Date(from.getTime() + i * 2 * HOUR));
        pinClock(new Date(from.getTime() + i * 2 * HOUR + HOUR));
        expect(await declineOffer(t.db, { offerId, reasonCode: "no_capacity" }, team.adminActor)).toMatchObject({
          ok: true,
        });
      }
    };

    // Day 0: ten offers, four answered, six left to lapse: 4 of 10, withheld; nothing overdue, so probation.
    const first = await offersTo(team, 10, at(0));
    pinClock(at(HOUR));
    for (const offerId of first.slice(0, 4))
      await declineOffer(t.db, { offerId, reasonCode: "no_capacity" }, team.adminActor);
    await runSweep(t.db, at(48 * HOUR));
    expect(await standingOf(team.partner.id)).toMatchObject({ level: "withheld", score: 40 });
    const probationFrom = at(49 * HOUR);
    await runSweep(t.db, probationFrom);
    expect(await standingOf(team.partner.id)).toMatchObject({ level: "probation" });

    // Five deadlines in a row kept on probation: good again, though 9 of 15 over 90 days is 60.
    await declineNext(5, at(50 * HOUR));
    expect((await historyOf(team.partner.id)).at(-1)).toEqual([
      "good",
      at(50 * HOUR + 9 * HOUR).toISOString(),
      "5 deadlines in a row were kept on probation.",
    ]);
    // The score now counts from the probation's start: the five kept deadlines, 100.
    expect(await standingOf(team.partner.id)).toMatchObject({ level: "good", score: 100, provisional: false });
    expect((await standingInput(t.db, team.partner.id, at(60 * HOUR))).input.score.countedFrom).toEqual(probationFrom);

    // The next several events, all on time: still good (10 of 16 over 90 days would withhold it).
    const historyLength = (await historyOf(team.partner.id)).length;
    await declineNext(4, at(60 * HOUR));
    expect(await standingOf(team.partner.id)).toMatchObject({ level: "good", score: 100 });
    expect(await historyOf(team.partner.id)).toHaveLength(historyLength);

    // New misses still count: three lapsed offers, 9 of 12 since the fresh start: 75, a warning.
    await offersTo(team, 3, at(70 * HOUR));
    await runSweep(t.db, at(70 * HOUR + 48 * HOUR));
    expect(await standingOf(team.partner.id)).toMatchObject({ level: "warning", score: 75 });
    expect((await historyOf(team.partner.id)).at(-1)?.[2]).toBe("The compliance score is 75, below 80.");
  });

  it("a policy change re-scores every partner with its weights and window, in the same transaction", async () => {
    const T0 = new Date("2026-09-01T09:00:00Z");
    const at = (ms: number) => new Date(T0.getTime() + ms);
    const team = await createPartnerTeam(t.db, { territories: ["GL"] });
    const { actor } = await createManager(t.db);
    // Six offers: three answered in time, three lapsed: acceptance 0.5, the only component.
    const offers = await offersTo(team, 6, at(0));
    pinClock(at(HOUR));
    for (const offerId of offers.slice(0, 3))
      await declineOffer(t.db, { offerId, reasonCode: "no_capacity" }, team.adminActor);
    await runSweep(t.db, at(48 * HOUR));
    expect(await standingOf(team.partner.id)).toMatchObject({ level: "withheld", score: 50 });

    // A 1-day window: the lapses (due at 48 h) still count, the answers (at 1 h) no longer: 0.
    pinClock(at(50 * HOUR));
    const { version: _, ...rules } = DEFAULT_POLICY;
    const edited = await editPolicy(t.db, { rules: { ...rules, scoreWindowDays: 1 }, note: "Short memory" }, actor);
    expect(edited).toMatchObject({ ok: true });
    expect(await standingOf(team.partner.id)).toMatchObject({
      score: 0,
      provisional: true,
      computed_at: at(50 * HOUR),
    });
  });
});
