/** The lead page's new use cases: route now, promote an inquiry, correct an outcome. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { pinClock } from "~/clock.server";
import { promoteInquiry } from "~/services/lead-promotion.server";
import { partnerChoices } from "~/services/lead-page.server";
import { reportOutcome } from "~/services/lead-work.server";
import { acceptOffer } from "~/services/offer-decisions.server";
import { correctOutcome } from "~/services/outcome-correction.server";
import { routeLead, routeNow } from "~/services/routing.server";
import { createLead, createManager, createPartnerTeam } from "../support/factories";
import { useTestDatabase } from "../support/test-database";

const t = useTestDatabase({ beforeAll, afterAll });
afterEach(() => pinClock(null));

const HOUR = 3_600_000;
const T0 = new Date("2026-03-02T09:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

const leadRow = (id: string) => t.db.selectFrom("leads").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const auditOf = (id: string, action: string) =>
  t.db.selectFrom("audit_events").selectAll().where("subject_id", "=", id).where("action", "=", action).execute();

/** A lead won by a fresh partner in its own territory: offered, accepted, reported won at 5,000.00. */
async function wonLead(territory: string) {
  const team = await createPartnerTeam(t.db, { territories: [territory] });
  pinClock(at(0));
  const lead = await createLead(t.db, at(0), { territory });
  const routed = await routeLead(t.db, lead.id);
  if (!routed.ok || routed.result !== "offered") throw new Error(JSON.stringify(routed));
  pinClock(at(HOUR));
  expect(await acceptOffer(t.db, routed.offerId, team.repActor)).toMatchObject({ ok: true });
  pinClock(at(2 * HOUR));
  expect(
    await reportOutcome(t.db, { offerId: routed.offerId, outcome: "won", amountCents: 500_000 }, team.repActor),
  ).toMatchObject({ ok: true });
  return { ...team, lead, offerId: routed.offerId };
}

describe("correcting a reported outcome", () => {
  it("changes the outcome and the lead's state, keeps the reason for the partner, and leaves the score alone", async () => {
    const { lead, partner } = await wonLead("NO");
    const { actor } = await createManager(t.db);
    const standingBefore = await t.db
      .selectFrom("partner_standing")
      .selectAll()
      .where("partner_id", "=", partner.id)
      .executeTakeFirst();
    const obligationsBefore = await t.db
      .selectFrom("obligations")
      .select(["id", "state"])
      .where("lead_id", "=", lead.id)
      .orderBy("id")
      .execute();
    pinClock(at(3 * HOUR));

    const corrected = await correctOutcome(
      t.db,
      {
        leadId: lead.id,
        expected: "won",
        outcome: "lost",
        amountCents: null,
        reasonCode: "no_budget",
        reason: "The customer cancelled the order.",
      },
      actor,
    );
    expect(corrected).toEqual({ ok: true, leadId: lead.id });

    expect((await leadRow(lead.id)).state).toBe("lost");
    const outcome = await t.db
      .selectFrom("lead_outcomes")
      .selectAll()
      .where("lead_id", "=", lead.id)
      .executeTakeFirstOrThrow();
    expect([outcome.outcome, outcome.amount_cents, outcome.reason_code]).toEqual(["lost", null, "no_budget"]);
    const [correction] = await t.db
      .selectFrom("outcome_corrections")
      .selectAll()
      .where("lead_id", "=", lead.id)
      .execute();
    expect(correction).toMatchObject({
      from_outcome: "won",
      from_amount_cents: 500_000,
      to_outcome: "lost",
      to_reason_code: "no_budget",
      reason: "The customer cancelled the order.",
      corrected_by_label: actor.label,
      corrected_at: at(3 * HOUR),
    });
    expect(await auditOf(lead.id, "outcome.corrected")).toHaveLength(1);
    const emails = await t.db
      .selectFrom("email_outbox")
      .selectAll()
      .where("template", "=", "outcome_corrected")
      .execute();
    expect(emails.some((e) => (e.data as { leadId: string }).leadId === lead.id)).toBe(true);
    // The partner did report: its obligations and standing are what they were.
    expect(
      await t.db
        .selectFrom("obligations")
        .select(["id", "state"])
        .where("lead_id", "=", lead.id)
        .orderBy("id")
        .execute(),
    ).toEqual(obligationsBefore);
    const standingAfter = await t.db
      .selectFrom("partner_standing")
      .selectAll()
      .where("partner_id", "=", partner.id)
      .executeTakeFirst();
    expect(standingAfter?.score).toBe(standingBefore?.score);
  });

  it("refuses a stale, empty, unlisted or unchanged correction and changes nothing", async () => {
    const { lead } = await wonLead("SE");
    const { actor } = await createManager(t.db);
    pinClock(at(3 * HOUR));
    const base = {
      leadId: lead.id,
      expected: "won" as const,
      outcome: "won" as const,
      amountCents: 600_000,
      reasonCode: null,
      reason: "Amount was wrong.",
    };

    expect(await correctOutcome(t.db, { ...base, reason: "  " }, actor)).toMatchObject({ ok: false, code: "invalid" });
    expect(await correctOutcome(t.db, { ...base, amountCents: 500_000 }, actor)).toMatchObject({
      ok: false,
      code: "invalid",
    });
    expect(
      await correctOutcome(t.db, { ...base, outcome: "lost", amountCents: null, reasonCode: "made_up" }, actor),
    ).toMatchObject({ ok: false, code: "invalid" });
    expect(await correctOutcome(t.db, { ...base, expected: "lost" }, actor)).toMatchObject({
      ok: false,
      code: "conflict",
    });
    expect(await t.db.selectFrom("outcome_corrections").selectAll().where("lead_id", "=", lead.id).execute()).toEqual(
      [],
    );

    expect(await correctOutcome(t.db, base, actor)).toMatchObject({ ok: true });
    const outcome = await t.db
      .selectFrom("lead_outcomes")
      .selectAll()
      .where("lead_id", "=", lead.id)
      .executeTakeFirstOrThrow();
    expect(outcome.amount_cents).toBe(600_000);
    expect((await leadRow(lead.id)).state).toBe("won");
  });

  it("refuses a lead without an outcome as a conflict", async () => {
    const { actor } = await createManager(t.db);
    pinClock(at(0));
    const lead = await createLead(t.db, at(0), { territory: "FI" });
    const refused = await correctOutcome(
      t.db,
      { leadId: lead.id, expected: "won", outcome: "lost", amountCents: null, reasonCode: "no_budget", reason: "x" },
      actor,
    );
    expect(refused).toMatchObject({ ok: false, code: "conflict" });
  });
});

describe("promoting an inquiry and routing now", () => {
  it("promotes an inquiry to a lead and routes it to the eligible partner", async () => {
    const { partner } = await createPartnerTeam(t.db, { territories: ["IS"] });
    const { actor } = await createManager(t.db);
    pinClock(at(0));
    const lead = await createLead(t.db, at(0), { territory: "IS", state: "nurture" });
    await t.db.updateTable("leads").set({ kind: "inquiry" }).where("id", "=", lead.id).execute();

    expect(await promoteInquiry(t.db, lead.id, "Asked for a demo by phone.", actor)).toMatchObject({ ok: true });
    const after = await leadRow(lead.id);
    expect([after.kind, after.state]).toEqual(["lead", "offered"]);
    const offer = await t.db.selectFrom("offers").selectAll().where("lead_id", "=", lead.id).executeTakeFirstOrThrow();
    expect(offer.partner_id).toBe(partner.id);
    expect((await auditOf(lead.id, "lead.promoted"))[0]?.details).toMatchObject({
      reason: "Asked for a demo by phone.",
    });
    expect(await promoteInquiry(t.db, lead.id, "", actor)).toMatchObject({ ok: false, code: "conflict" });
  });

  it("routes a queued lead now once a partner can take it, and refuses a lead a partner holds", async () => {
    const { actor } = await createManager(t.db);
    pinClock(at(0));
    const lead = await createLead(t.db, at(0), { territory: "EE", state: "queued" });
    // Nobody covers EE yet: back to the queue, with the decision recorded.
    expect(await routeNow(t.db, lead.id, actor)).toMatchObject({ ok: true, result: "queued" });
    expect((await leadRow(lead.id)).state).toBe("queued");

    const { partner } = await createPartnerTeam(t.db, { territories: ["EE"] });
    const choices = await partnerChoices(t.db, await leadRow(lead.id));
    expect(choices.find((c) => c.partnerId === partner.id)).toMatchObject({ eligible: true, offerable: true, rank: 1 });
    expect(await routeNow(t.db, lead.id, actor)).toMatchObject({ ok: true, result: "offered", partnerId: partner.id });
    expect(await routeNow(t.db, lead.id, actor)).toMatchObject({ ok: false, code: "conflict" });
    const decisions = await t.db
      .selectFrom("routing_decisions")
      .select(["result", "actor_label"])
      .where("lead_id", "=", lead.id)
      .orderBy("decided_at")
      .execute();
    expect(decisions).toEqual([
      { result: "queued", actor_label: actor.label },
      { result: "offered", actor_label: actor.label },
    ]);
  });

  it("shows a withheld partner as not offerable, with the routing rules' reason", async () => {
    pinClock(at(0));
    const { partner } = await createPartnerTeam(t.db, { territories: ["LV"] });
    await t.db
      .insertInto("partner_standing")
      .values({ partner_id: partner.id, level: "withheld", since: at(0), reason: "test", computed_at: at(0) })
      .onConflict((oc) => oc.column("partner_id").doUpdateSet({ level: "withheld" }))
      .execute();
    const lead = await createLead(t.db, at(0), { territory: "LT", state: "queued" });
    const choice = (await partnerChoices(t.db, lead)).find((c) => c.partnerId === partner.id)!;
    expect(choice.offerable).toBe(false);
    expect(choice.excludedFor.map((e) => e.code)).toEqual(["withheld", "territory"]);
  });
});
