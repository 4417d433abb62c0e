import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { pinClock } from "~/clock.server";
import { computeScore } from "~/domain/compliance-score";
import { DEFAULT_POLICY } from "~/domain/policy";
import { runSweep } from "~/jobs/sweep.server";
import { obligationView } from "~/models/obligation.server";
import { offerLeadManually, recallLead } from "~/services/assignment.server";
import { decideExcuse, requestExcuse } from "~/services/excuses.server";
import { logActivity, reportOutcome } from "~/services/lead-work.server";
import { acceptOffer, declineOffer } from "~/services/offer-decisions.server";
import { editPolicy } from "~/services/policy.server";
import { routeLead } from "~/services/routing.server";
import { forceStanding, standingInput } from "~/services/standing.server";
import { createLead, createManager, createPartnerTeam } from "../support/factories";
import { useTestDatabase } from "../support/test-database";
import { expectFailure, expectOk } from "../support/outcome";

const t = useTestDatabase({ beforeAll, afterAll });
afterEach(() => pinClock(null));

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = new Date("2026-02-02T09:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const clock = (ms: number) => pinClock(at(ms));

async function obligationsOf(offerId: string) {
  return t.db
    .selectFrom("obligations")
    .selectAll()
    .where("offer_id", "=", offerId)
    .orderBy("kind")
    .orderBy("sequence")
    .execute();
}

/** A lead routed to a fresh partner that no other partner can take (own territory). */
async function offeredLead(territory: string) {
  const team = await createPartnerTeam(t.db, { territories: [territory] });
  clock(0);
  const lead = await createLead(t.db, at(0), { territory });
  const routed = await routeLead(t.db, lead.id);
  if (!routed.ok || routed.result !== "offered") throw new Error(`routing failed: ${JSON.stringify(routed)}`);
  return { ...team, lead, offerId: routed.offerId };
}

describe("routing and offers", () => {
  it("offers a qualified lead to the eligible partner, records why, and emails the partner", async () => {
    const { lead, offerId, partner } = await offeredLead("NZ");
    const offer = await t.db.selectFrom("offers").selectAll().where("id", "=", offerId).executeTakeFirstOrThrow();
    expect(offer.partner_id).toBe(partner.id);
    expect(offer.accept_due_at).toEqual(at(48 * HOUR));
    const decision = await t.db
      .selectFrom("routing_decisions")
      .selectAll()
      .where("lead_id", "=", lead.id)
      .executeTakeFirstOrThrow();
    expect(decision.result).toBe("offered");
    const candidates = decision.candidates as { partnerId: string; eligible: boolean; rankReason: string }[];
    expect(candidates.find((c) => c.partnerId === partner.id)?.eligible).toBe(true);
    expect(candidates.filter((c) => !c.eligible).every((c) => c.rankReason.startsWith("Not eligible"))).toBe(true);
    const emails = await t.db.selectFrom("email_outbox").selectAll().where("template", "=", "offer_new").execute();
    expect(emails.some((e) => (e.data as { offerId: string }).offerId === offerId)).toBe(true);
    expect((await obligationsOf(offerId)).map((o) => [o.kind, o.state])).toEqual([["accept", "open"]]);
  });

  it("accepts only before the deadline: now < due", async () => {
    const early = await offeredLead("AU-NSW");
    clock(48 * HOUR - 1);
    expect(await acceptOffer(t.db, early.offerId, early.repActor)).toMatchObject({ ok: true });
    const lead = await t.db
      .selectFrom("leads")
      .select(["state"])
      .where("id", "=", early.lead.id)
      .executeTakeFirstOrThrow();
    expect(lead.state).toBe("accepted");
    const kinds = (await obligationsOf(early.offerId)).map((o) => [o.kind, o.state]);
    expect(kinds).toEqual([
      ["accept", "met"],
      ["first_touch", "open"],
      ["outcome", "open"],
    ]);

    const late = await offeredLead("AU-VIC");
    clock(48 * HOUR);
    const refused = await acceptOffer(t.db, late.offerId, late.repActor);
    expect(refused).toEqual({ ok: false, code: "conflict", message: "The time to answer this offer has run out." });
  });

  it("answers not found for another partner's offer", async () => {
    const mine = await offeredLead("AU-QLD");
    const other = await createPartnerTeam(t.db, { territories: ["AU-WA"] });
    clock(HOUR);
    expect(await acceptOffer(t.db, mine.offerId, other.adminActor)).toMatchObject({ ok: false, code: "not_found" });
  });

  it("declining needs a listed reason, then the lead goes to the next partner and never back", async () => {
    const first = await createPartnerTeam(t.db, { territories: ["JP"], name: "Aaa first" });
    const second = await createPartnerTeam(t.db, { territories: ["JP"], name: "Bbb second" });
    clock(0);
    const lead = await createLead(t.db, at(0), { territory: "JP" });
    const routed = await routeLead(t.db, lead.id);
    expect(routed).toMatchObject({ ok: true, result: "offered", partnerId: first.partner.id });
    if (!routed.ok || routed.result !== "offered") return;

    clock(HOUR);
    expect(await declineOffer(t.db, { offerId: routed.offerId, reasonCode: "bogus" }, first.adminActor)).toMatchObject({
      ok: false,
      code: "invalid",
    });
    expect(
      await declineOffer(t.db, { offerId: routed.offerId, reasonCode: "no_capacity" }, first.adminActor),
    ).toMatchObject({ ok: true });
    const offers = await t.db
      .selectFrom("offers")
      .selectAll()
      .where("lead_id", "=", lead.id)
      .orderBy("offered_at")
      .execute();
    expect(offers.map((o) => [o.partner_id, o.state])).toEqual([
      [first.partner.id, "declined"],
      [second.partner.id, "offered"],
    ]);

    // The second partner declines too: nobody is left, the lead waits in the manager's queue.
    clock(2 * HOUR);
    await declineOffer(t.db, { offerId: offers[1].id, reasonCode: "outside_expertise" }, second.adminActor);
    const queued = await t.db.selectFrom("leads").selectAll().where("id", "=", lead.id).executeTakeFirstOrThrow();
    expect(queued.state).toBe("queued");
    expect(queued.queued_reason).toBe("No partner is eligible for this lead.");
  });

  it("two offers of one lead: the second is refused", async () => {
    const a = await createPartnerTeam(t.db, { territories: ["KR"] });
    const b = await createPartnerTeam(t.db, { territories: ["KR"] });
    const { actor } = await createManager(t.db);
    clock(0);
    const lead = await createLead(t.db, at(0), { territory: "KR" });
    expect(await offerLeadManually(t.db, { leadId: lead.id, partnerId: a.partner.id }, actor)).toMatchObject({
      ok: true,
    });
    const second = await offerLeadManually(t.db, { leadId: lead.id, partnerId: b.partner.id }, actor);
    expect(second).toMatchObject({ ok: false, code: "conflict" });
  });

  it("a manual offer overrides territory only with a reason, and never a withhold", async () => {
    const team = await createPartnerTeam(t.db, { territories: ["SG"] });
    const { actor } = await createManager(t.db);
    clock(0);
    const lead = await createLead(t.db, at(0), { territory: "MY" });
    const noReason = await offerLeadManually(t.db, { leadId: lead.id, partnerId: team.partner.id }, actor);
    expect(noReason).toMatchObject({ ok: false, code: "invalid" });
    expect(expectFailure(noReason).message).toMatch(/Give a reason to override/);

    await forceStanding(
      t.db,
      { partnerId: team.partner.id, level: "withheld", reason: "Audit", expiresAt: at(10 * DAY) },
      actor,
    );
    const withheld = await offerLeadManually(
      t.db,
      { leadId: lead.id, partnerId: team.partner.id, reason: "They know the customer" },
      actor,
    );
    expect(withheld).toMatchObject({ ok: false, code: "conflict" });

    const other = await createPartnerTeam(t.db, { territories: ["SG"] });
    const overridden = await offerLeadManually(
      t.db,
      { leadId: lead.id, partnerId: other.partner.id, reason: "They know the customer" },
      actor,
    );
    expect(overridden).toMatchObject({ ok: true });
    const offer = await t.db.selectFrom("offers").selectAll().where("lead_id", "=", lead.id).executeTakeFirstOrThrow();
    expect(offer).toMatchObject({ manual: true, override_reason: "They know the customer" });
  });
});

describe("follow-up obligations", () => {
  it("a late first touch is met_late and counts half", async () => {
    const o = await offeredLead("BR");
    clock(HOUR);
    await acceptOffer(t.db, o.offerId, o.repActor);
    clock(HOUR + 3 * DAY); // first touch was due after 2 days
    await runSweep(t.db, at(HOUR + 3 * DAY));
    expect((await obligationsOf(o.offerId)).find((x) => x.kind === "first_touch")?.state).toBe("missed");
    expect(
      await logActivity(t.db, { offerId: o.offerId, kind: "call", note: "Left a voicemail" }, o.repActor),
    ).toMatchObject({ ok: true });
    const rows = await obligationsOf(o.offerId);
    expect(rows.find((x) => x.kind === "first_touch")?.state).toBe("met_late");
    // The first touch opens update period 1.
    expect(rows.filter((x) => x.kind === "update").map((x) => [x.sequence, x.state, x.due_at])).toEqual([
      [1, "open", at(HOUR + 17 * DAY)],
    ]);

    const score = computeScore(rows.map(obligationView), at(HOUR + 3 * DAY), DEFAULT_POLICY);
    const firstTouch = score.components.find((c) => c.kind === "first_touch");
    expect(firstTouch).toMatchObject({ counted: 1, late: 1, value: 0.5 });
  });

  it("update periods: notes meet nothing, one touch per period counts once, the sweep opens the next period", async () => {
    const o = await offeredLead("BO");
    clock(HOUR);
    await acceptOffer(t.db, o.offerId, o.repActor);
    const updates = async () =>
      (await obligationsOf(o.offerId)).filter((x) => x.kind === "update").map((x) => [x.sequence, x.state, x.due_at]);
    for (let i = 1; i <= 5; i++) {
      clock(HOUR + i * 60_000);
      expect(
        await logActivity(t.db, { offerId: o.offerId, kind: "note", note: `Remark ${i}` }, o.repActor),
      ).toMatchObject({ ok: true });
    }
    expect((await obligationsOf(o.offerId)).map((x) => [x.kind, x.state])).toEqual([
      ["accept", "met"],
      ["first_touch", "open"],
      ["outcome", "open"],
    ]);

    const first = 2 * HOUR; // the first touch: period n runs [first + 14(n−1) days, first + 14n days)
    clock(first);
    await logActivity(t.db, { offerId: o.offerId, kind: "call" }, o.repActor);
    for (let i = 1; i <= 5; i++) {
      clock(first + i * HOUR);
      await logActivity(
        t.db,
        { offerId: o.offerId, kind: i % 2 ? "email" : "stage_change", stage: "contacted" },
        o.repActor,
      );
    }
    expect(await updates()).toEqual([[1, "met", at(first + 14 * DAY)]]);

    await runSweep(t.db, at(first + 14 * DAY - 1));
    expect(await updates()).toEqual([[1, "met", at(first + 14 * DAY)]]);
    await runSweep(t.db, at(first + 14 * DAY)); // period 1 ends: period 2 opens
    expect(await updates()).toEqual([
      [1, "met", at(first + 14 * DAY)],
      [2, "open", at(first + 28 * DAY)],
    ]);
    await runSweep(t.db, at(first + 28 * DAY)); // nothing in period 2: missed, period 3 opens
    expect(await updates()).toEqual([
      [1, "met", at(first + 14 * DAY)],
      [2, "missed", at(first + 28 * DAY)],
      [3, "open", at(first + 42 * DAY)],
    ]);
    clock(first + 30 * DAY);
    await logActivity(t.db, { offerId: o.offerId, kind: "note" }, o.repActor);
    expect((await updates())[1][1]).toBe("missed");
    await logActivity(t.db, { offerId: o.offerId, kind: "meeting" }, o.repActor);
    expect((await updates()).map(([seq, state]) => [seq, state])).toEqual([
      [1, "met"],
      [2, "met_late"],
      [3, "met"],
    ]);

    // Reporting the outcome closes the lead: no period opens after it.
    clock(first + 50 * DAY);
    expect(
      await reportOutcome(t.db, { offerId: o.offerId, outcome: "won", amountCents: 990_000 }, o.repActor),
    ).toMatchObject({ ok: true });
    await runSweep(t.db, at(first + 80 * DAY));
    expect((await updates()).map(([seq, state]) => [seq, state])).toEqual([
      [1, "met"],
      [2, "met_late"],
      [3, "met"],
      [4, "met"],
    ]);
  });

  it("won needs an amount; lost for no response needs 4 touches over 7 days", async () => {
    const o = await offeredLead("AR");
    clock(HOUR);
    await acceptOffer(t.db, o.offerId, o.repActor);
    expect(await reportOutcome(t.db, { offerId: o.offerId, outcome: "won", amountCents: 0 }, o.repActor)).toMatchObject(
      {
        ok: false,
        code: "invalid",
      },
    );
    for (const day of [1, 3, 5]) {
      clock(day * DAY);
      await logActivity(t.db, { offerId: o.offerId, kind: "email" }, o.repActor);
    }
    const tooEarly = await reportOutcome(
      t.db,
      { offerId: o.offerId, outcome: "lost", reasonCode: "no_response" },
      o.repActor,
    );
    expect(tooEarly).toMatchObject({ ok: false, code: "invalid" });
    clock(8 * DAY);
    await logActivity(t.db, { offerId: o.offerId, kind: "note", note: "Tried the switchboard" }, o.repActor);
    const notesAreNotTouches = await reportOutcome(
      t.db,
      { offerId: o.offerId, outcome: "lost", reasonCode: "no_response" },
      o.repActor,
    );
    expect(notesAreNotTouches).toMatchObject({
      ok: false,
      code: "invalid",
      message: expect.stringMatching(/3 touches are logged/),
    });
    await logActivity(t.db, { offerId: o.offerId, kind: "call" }, o.repActor);
    expect(
      await reportOutcome(t.db, { offerId: o.offerId, outcome: "lost", reasonCode: "no_response" }, o.repActor),
    ).toMatchObject({ ok: true });
    const lead = await t.db.selectFrom("leads").select("state").where("id", "=", o.lead.id).executeTakeFirstOrThrow();
    expect(lead.state).toBe("lost");
    const open = (await obligationsOf(o.offerId)).filter((x) => x.state === "open");
    expect(open).toEqual([]);
  });

  it("a recalled offer's open obligations are cancelled and do not count; a recorded breach stays", async () => {
    const o = await offeredLead("CL");
    const { actor } = await createManager(t.db);
    clock(HOUR);
    await acceptOffer(t.db, o.offerId, o.repActor);
    clock(5 * DAY);
    await runSweep(t.db, at(5 * DAY)); // the first touch is now a breach
    expect(await recallLead(t.db, { leadId: o.lead.id, reason: "" }, actor)).toMatchObject({
      ok: false,
      code: "invalid",
    });
    expect(
      await recallLead(t.db, { leadId: o.lead.id, reason: "Customer asked for another partner" }, actor),
    ).toMatchObject({ ok: true });
    const rows = await obligationsOf(o.offerId);
    // The breach already recorded keeps counting; what was still open is cancelled.
    expect(rows.map((x) => [x.kind, x.state])).toEqual([
      ["accept", "met"],
      ["first_touch", "missed"],
      ["outcome", "cancelled"],
    ]);
    const { input } = await standingInput(t.db, o.partner.id, at(5 * DAY));
    expect(input.score.counted).toBe(2); // the accept and the missed first touch
    // The partner no longer holds the lead: nothing of it is overdue any more.
    expect(input.overdue).toEqual([]);
  });

  it("an approved excuse restores the score the breach cost", async () => {
    const o = await offeredLead("PE");
    const { actor } = await createManager(t.db);
    clock(HOUR);
    await acceptOffer(t.db, o.offerId, o.repActor);
    clock(4 * DAY);
    await runSweep(t.db, at(4 * DAY));
    await logActivity(t.db, { offerId: o.offerId, kind: "call" }, o.repActor);
    const before = (await standingInput(t.db, o.partner.id, at(4 * DAY))).input.score;
    expect(before.components.find((c) => c.kind === "first_touch")?.value).toBe(0.5);

    const firstTouch = (await obligationsOf(o.offerId)).find((x) => x.kind === "first_touch")!;
    const requested = await requestExcuse(
      t.db,
      { obligationId: firstTouch.id, reason: "Customer was on holiday" },
      o.adminActor,
    );
    expectOk(requested);
    expect(await requestExcuse(t.db, { obligationId: firstTouch.id, reason: "again" }, o.adminActor)).toMatchObject({
      ok: false,
      code: "conflict",
    });
    expect(await decideExcuse(t.db, { excuseId: requested.excuseId, approve: true }, actor)).toMatchObject({
      ok: true,
      state: "approved",
    });

    const after = (await standingInput(t.db, o.partner.id, at(4 * DAY))).input.score;
    expect(after.components.find((c) => c.kind === "first_touch")?.counted).toBe(0);
    expect(after.score).toBe(100);
    const mail = await t.db
      .selectFrom("email_outbox")
      .select("template")
      .where("template", "=", "excuse_decided")
      .execute();
    expect(mail.length).toBeGreaterThan(0);
  });

  it("a policy change does not rewrite obligations already planned", async () => {
    const o = await offeredLead("CO");
    const { actor } = await createManager(t.db);
    clock(HOUR);
    const edited = await editPolicy(
      t.db,
      {
        rules: {
          acceptWithinMinutes: 24 * 60,
          firstTouchWithinMinutes: 24 * 60,
          updateEveryMinutes: 7 * 24 * 60,
          outcomeWithinMinutes: 60 * 24 * 60,
          noResponseMinTouches: 5,
          noResponseMinSpanMinutes: 10 * 24 * 60,
          reminderAtFraction: 0.5,
          scoreWindowDays: 90,
          scoreWeights: DEFAULT_POLICY.scoreWeights,
        },
        note: "Faster follow-up",
      },
      actor,
    );
    expect(edited).toMatchObject({ ok: true, version: 2 });
    await acceptOffer(t.db, o.offerId, o.repActor);
    const rows = await obligationsOf(o.offerId);
    expect(rows.every((r) => r.policy_version === 1)).toBe(true);
    expect(rows.find((r) => r.kind === "first_touch")?.due_at).toEqual(at(HOUR + 2 * DAY));

    const newer = await offeredLead("EC");
    const offer = await t.db.selectFrom("offers").selectAll().where("id", "=", newer.offerId).executeTakeFirstOrThrow();
    expect(offer.policy_version).toBe(2);
    expect(offer.accept_due_at).toEqual(at(24 * HOUR));
    await editPolicy(t.db, { rules: { ...DEFAULT_RULES, reminderAtFraction: 1.5 }, note: "bad" }, actor).then((r) =>
      expect(r).toMatchObject({ ok: false, code: "invalid" }),
    );
  });

  it("a provisional score alone never withholds", async () => {
    const o = await offeredLead("UY");
    clock(48 * HOUR);
    await runSweep(t.db, at(48 * HOUR)); // the only obligation, the accept, is missed: score 0
    const { input } = await standingInput(t.db, o.partner.id, at(48 * HOUR));
    expect(input.score).toMatchObject({ score: 0, provisional: true });
    const standing = await t.db
      .selectFrom("partner_standing")
      .selectAll()
      .where("partner_id", "=", o.partner.id)
      .executeTakeFirstOrThrow();
    expect(standing.level).toBe("good");
  });
});

const DEFAULT_RULES = {
  acceptWithinMinutes: 2880,
  firstTouchWithinMinutes: 2880,
  updateEveryMinutes: 20160,
  outcomeWithinMinutes: 129600,
  noResponseMinTouches: 4,
  noResponseMinSpanMinutes: 10080,
  reminderAtFraction: 0.75,
  scoreWindowDays: 90,
  scoreWeights: DEFAULT_POLICY.scoreWeights,
};
