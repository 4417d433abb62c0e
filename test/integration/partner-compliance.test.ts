import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { pinClock } from "~/clock.server";
import { runSweep } from "~/jobs/sweep.server";
import { partnerCompliance } from "~/services/compliance.server";
import { requestExcuse } from "~/services/excuses.server";
import { acceptOffer } from "~/services/offer-decisions.server";
import { routeLead } from "~/services/routing.server";
import { createLead, createPartnerTeam } from "../support/factories";
import { useTestDatabase } from "../support/test-database";

const t = useTestDatabase({ beforeAll, afterAll });
afterEach(() => pinClock(null));

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = new Date("2026-03-02T09:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

async function routed(territory: string, ms: number, company?: string) {
  pinClock(at(ms));
  const lead = await createLead(t.db, at(ms), { territory, company_name: company });
  const result = await routeLead(t.db, lead.id);
  if (!result.ok) throw new Error(JSON.stringify(result));
  return { lead, result };
}

describe("partner compliance view", () => {
  it("counts the leads of its territories that went to others while it was withheld or paused, never the others'", async () => {
    const slow = await createPartnerTeam(t.db, { territories: ["IS"] });
    const other = await createPartnerTeam(t.db, { territories: ["IS", "FO"] });
    await t.db
      .insertInto("partner_standing")
      .values({ partner_id: slow.partner.id, level: "withheld", since: at(0), reason: "test", computed_at: at(0) })
      .execute();
    await routed("IS", 0);
    await routed("IS", HOUR);
    await routed("FO", 2 * HOUR); // not its territory: never its loss
    await t.db.deleteFrom("partner_standing").where("partner_id", "=", slow.partner.id).execute();
    await t.db
      .updateTable("partners")
      .set({ paused_until: at(10 * DAY) })
      .where("id", "=", slow.partner.id)
      .execute();
    await routed("IS", 3 * HOUR);

    pinClock(at(4 * HOUR));
    const view = await partnerCompliance(t.db, { partnerId: slow.partner.id, repId: null });
    expect(view!.missed).toEqual({ total: 3, byReason: { withheld: 2, paused: 1, capacity: 0, probation_cap: 0 } });
    const winner = await partnerCompliance(t.db, { partnerId: other.partner.id, repId: null });
    expect(winner!.missed.total).toBe(0);
  });

  it("lists breaches with their lead, the steps back naming the lead, and a rep's own score", async () => {
    const team = await createPartnerTeam(t.db, { territories: ["GL"] });
    const { result } = await routed("GL", 0, "Nuuk Fisheries");
    if (result.result !== "offered") throw new Error("not offered");
    await t.db.updateTable("offers").set({ rep_id: team.rep.id }).where("id", "=", result.offerId).execute();
    pinClock(at(HOUR));
    expect(await acceptOffer(t.db, result.offerId, team.repActor)).toMatchObject({ ok: true });
    // The first touch (due after 2 days) is missed; the sweep records it and warns.
    pinClock(at(3 * DAY));
    await runSweep(t.db, at(3 * DAY));

    const view = (await partnerCompliance(t.db, { partnerId: team.partner.id, repId: team.rep.id }))!;
    expect(view.standing.level).toBe("warning");
    expect(view.breaches.map((b) => [b.kind, b.state, b.company, b.canAskExcuse])).toEqual([
      ["first_touch", "missed", "Nuuk Fisheries", true],
    ]);
    expect(view.steps[0]).toEqual({
      text: "Log a first touch on Nuuk Fisheries (overdue)",
      leads: [{ leadId: expect.any(String), company: "Nuuk Fisheries" }],
    });
    expect(view.score.components.find((c) => c.kind === "first_touch")).toMatchObject({ counted: 1, missed: 1 });
    expect(view.repScore?.components.find((c) => c.kind === "first_touch")).toMatchObject({ counted: 1, missed: 1 });

    expect(
      await requestExcuse(t.db, { obligationId: view.breaches[0]!.id, reason: "Customer on holiday" }, team.adminActor),
    ).toMatchObject({ ok: true });
    const after = (await partnerCompliance(t.db, { partnerId: team.partner.id, repId: null }))!;
    expect(after.breaches[0]).toMatchObject({ canAskExcuse: false, excuse: { state: "pending" } });
    expect(after.excuses.map((e) => [e.company_name, e.state, e.reason])).toEqual([
      ["Nuuk Fisheries", "pending", "Customer on holiday"],
    ]);
    expect(after.repScore).toBeNull();

    // Another partner asking to excuse this breach finds nothing, as for a missing one.
    const stranger = await createPartnerTeam(t.db, { territories: ["AQ"] });
    expect(
      await requestExcuse(t.db, { obligationId: view.breaches[0]!.id, reason: "x" }, stranger.adminActor),
    ).toMatchObject({ ok: false, code: "not_found" });
    expect((await partnerCompliance(t.db, { partnerId: stranger.partner.id, repId: null }))!.breaches).toEqual([]);
  });
});
