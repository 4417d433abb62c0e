import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { pinClock } from "~/clock.server";
import { runSweep } from "~/jobs/sweep.server";
import { dispatchToRep, recallLead } from "~/services/assignment.server";
import { decideExcuse, requestExcuse } from "~/services/excuses.server";
import { logActivity } from "~/services/lead-work.server";
import { acceptOffer } from "~/services/offer-decisions.server";
import { routeLead } from "~/services/routing.server";
import { clearStandingOverride, forceStanding } from "~/services/standing.server";
import { actorFor, createLead, createManager, createPartnerTeam, createUser } from "../support/factories";
import { useTestDatabase } from "../support/test-database";
import { expectOk } from "../support/outcome";

const t = useTestDatabase({ beforeAll, afterAll });
afterEach(() => pinClock(null));

const HOUR = 3_600_000;
const T0 = new Date("2026-04-06T09:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

async function offered(territory: string) {
  const team = await createPartnerTeam(t.db, { territories: [territory] });
  pinClock(T0);
  const lead = await createLead(t.db, T0, { territory });
  const routed = await routeLead(t.db, lead.id);
  if (!routed.ok || routed.result !== "offered") throw new Error("not offered");
  return { ...team, lead, offerId: routed.offerId };
}

describe("assignment", () => {
  it("reassigns with a reason: the old offer is recalled, the new partner gets it, overrides recorded", async () => {
    const first = await offered("NG");
    const second = await createPartnerTeam(t.db, { territories: ["GH"] });
    const { actor } = await createManager(t.db);
    pinClock(at(HOUR));
    const refused = await recallLead(
      t.db,
      {
        leadId: first.lead.id,
        reason: "Customer prefers a local partner",
        reassignTo: { partnerId: second.partner.id },
      },
      actor,
    );
    expect(refused).toMatchObject({ ok: false, code: "invalid" }); // territory override needs its own reason
    expect(
      (await t.db.selectFrom("offers").select("state").where("id", "=", first.offerId).executeTakeFirstOrThrow()).state,
    ).toBe("offered");

    const done = await recallLead(
      t.db,
      {
        leadId: first.lead.id,
        reason: "Customer prefers a local partner",
        reassignTo: { partnerId: second.partner.id, reason: "Office in Lagos" },
      },
      actor,
    );
    expect(done).toMatchObject({ ok: true });
    const offers = await t.db
      .selectFrom("offers")
      .selectAll()
      .where("lead_id", "=", first.lead.id)
      .orderBy("offered_at")
      .execute();
    expect(offers.map((o) => [o.partner_id, o.state])).toEqual([
      [first.partner.id, "recalled"],
      [second.partner.id, "offered"],
    ]);
    expect(offers.find((o) => o.partner_id === second.partner.id)?.override_reason).toBe("Office in Lagos");
    const accept = await t.db
      .selectFrom("obligations")
      .select("state")
      .where("offer_id", "=", first.offerId)
      .executeTakeFirstOrThrow();
    expect(accept.state).toBe("cancelled");
  });

  it("dispatches to a rep of the same partner only; another rep then cannot touch the lead", async () => {
    const o = await offered("KE");
    const otherRep = await createUser(t.db, "partner_rep", o.partner.id);
    const stranger = await createPartnerTeam(t.db, { territories: ["TZ"] });
    pinClock(at(HOUR));
    expect(await dispatchToRep(t.db, { offerId: o.offerId, repId: stranger.rep.id }, o.adminActor)).toMatchObject({
      ok: false,
      code: "invalid",
    });
    expect(await dispatchToRep(t.db, { offerId: o.offerId, repId: o.rep.id }, stranger.adminActor)).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect(await dispatchToRep(t.db, { offerId: o.offerId, repId: o.rep.id }, o.adminActor)).toMatchObject({
      ok: true,
    });
    expect(await acceptOffer(t.db, o.offerId, actorFor(otherRep))).toMatchObject({ ok: false, code: "not_found" });
    expect(await acceptOffer(t.db, o.offerId, o.repActor)).toMatchObject({ ok: true });
    const mail = await t.db
      .selectFrom("email_outbox")
      .select("recipient")
      .where("template", "=", "offer_dispatched")
      .execute();
    expect(mail.map((m) => m.recipient)).toContain(o.rep.email);
  });

  it("a stage change meets the running update period but never the first touch", async () => {
    const o = await offered("UG");
    pinClock(at(HOUR));
    await acceptOffer(t.db, o.offerId, o.repActor);
    expect(
      await logActivity(t.db, { offerId: o.offerId, kind: "stage_change", stage: "nonsense" }, o.repActor),
    ).toMatchObject({ ok: false, code: "invalid" });
    expect(
      await logActivity(t.db, { offerId: o.offerId, kind: "stage_change", stage: "proposal" }, o.repActor),
    ).toMatchObject({ ok: true });
    const states = async () =>
      (
        await t.db
          .selectFrom("obligations")
          .select(["kind", "state", "sequence"])
          .where("offer_id", "=", o.offerId)
          .orderBy("kind")
          .orderBy("sequence")
          .execute()
      ).map((r) => `${r.kind}:${r.sequence}:${r.state}`);
    // Before the first touch there is no update period to meet.
    expect(await states()).toEqual(["accept:1:met", "first_touch:1:open", "outcome:1:open"]);
    pinClock(at(2 * HOUR));
    await logActivity(t.db, { offerId: o.offerId, kind: "call" }, o.repActor);
    pinClock(at(3 * HOUR));
    await logActivity(t.db, { offerId: o.offerId, kind: "stage_change", stage: "negotiation" }, o.repActor);
    expect(await states()).toEqual(["accept:1:met", "first_touch:1:met", "outcome:1:open", "update:1:met"]);
    const lead = await t.db.selectFrom("leads").select("stage").where("id", "=", o.lead.id).executeTakeFirstOrThrow();
    expect(lead.stage).toBe("negotiation");
  });
});

describe("standing overrides and excuses", () => {
  it("a forced withhold wins until cleared, then the automatic rules apply (probation)", async () => {
    const o = await offered("ZA");
    const { actor } = await createManager(t.db);
    pinClock(at(HOUR));
    expect(
      await forceStanding(
        t.db,
        { partnerId: o.partner.id, level: "withheld", reason: "", expiresAt: at(99 * HOUR) },
        actor,
      ),
    ).toMatchObject({ ok: false });
    expect(
      await forceStanding(
        t.db,
        { partnerId: o.partner.id, level: "withheld", reason: "Data audit", expiresAt: at(0) },
        actor,
      ),
    ).toMatchObject({
      ok: false,
      message: "The override must expire in the future.",
    });
    expect(
      await forceStanding(
        t.db,
        { partnerId: o.partner.id, level: "withheld", reason: "Data audit", expiresAt: at(99 * HOUR) },
        actor,
      ),
    ).toMatchObject({ ok: true, level: "withheld" });
    const lead = await createLead(t.db, at(HOUR), { territory: "ZA" });
    expect(await routeLead(t.db, lead.id)).toMatchObject({ ok: true, result: "queued" });
    // The withheld partner keeps full access to what it already holds.
    expect(await acceptOffer(t.db, o.offerId, o.repActor)).toMatchObject({ ok: true });
    // Lifting it is like leaving any withhold with nothing overdue: probation first.
    expect(await clearStandingOverride(t.db, o.partner.id, actor)).toMatchObject({ ok: true, level: "probation" });
  });

  it("a rejected excuse leaves the breach counted", async () => {
    const o = await offered("EG");
    const { actor } = await createManager(t.db);
    pinClock(at(48 * HOUR));
    await runSweep(t.db, at(48 * HOUR));
    const accept = await t.db
      .selectFrom("obligations")
      .select(["id", "state"])
      .where("offer_id", "=", o.offerId)
      .executeTakeFirstOrThrow();
    expect(accept.state).toBe("missed");
    const requested = await requestExcuse(
      t.db,
      { obligationId: accept.id, reason: "Email went to spam" },
      o.adminActor,
    );
    expectOk(requested);
    expect(
      await decideExcuse(t.db, { excuseId: requested.excuseId, approve: false, note: "Check your filters" }, actor),
    ).toMatchObject({ ok: true, state: "rejected" });
    expect(await decideExcuse(t.db, { excuseId: requested.excuseId, approve: true }, actor)).toMatchObject({
      ok: false,
      code: "conflict",
    });
    const after = await t.db
      .selectFrom("obligations")
      .select("state")
      .where("id", "=", accept.id)
      .executeTakeFirstOrThrow();
    expect(after.state).toBe("missed");
  });
});
