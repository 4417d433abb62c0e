/**
 * The partner's lead lists: open leads the most urgent first (every lead with something overdue
 * before any other), closed leads newest outcome first a page at a time, both scoped to the
 * user (another partner's leads, or another rep's, are absent); the lead page's manual-offer reason.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { pinClock } from "~/clock.server";
import { closedLeads, findPartnerLead, openLeadsWithDeadlines } from "~/models/partner-leads.server";
import { offerScopeOf } from "~/services/actor";
import { dispatchToRep, offerLeadManually } from "~/services/assignment.server";
import { logActivity, reportOutcome } from "~/services/lead-work.server";
import { acceptOffer } from "~/services/offer-decisions.server";
import { correctOutcome } from "~/services/outcome-correction.server";
import { createLead, createManager, createPartnerTeam, createUser } from "../support/factories";
import { expectOk } from "../support/outcome";
import { useTestDatabase } from "../support/test-database";

const t = useTestDatabase({ beforeAll, afterAll });
afterEach(() => pinClock(null));
const T0 = new Date("2026-05-04T09:00:00Z");
const HOUR = 3_600_000;
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);

type Team = Awaited<ReturnType<typeof createPartnerTeam>>;

/** A lead offered by hand (with the reason) and accepted by the team's admin, at the clock's time. */
async function accepted(team: Team, company: string, reason = "Close to the customer") {
  const { actor } = await createManager(t.db);
  const lead = await createLead(t.db, T0, { state: "queued", company_name: company });
  const offered = await offerLeadManually(t.db, { leadId: lead.id, partnerId: team.partner.id, reason }, actor);
  expectOk(offered);
  expectOk(await acceptOffer(t.db, offered.offerId, team.adminActor));
  return { lead, offerId: offered.offerId };
}

describe("the partner's open leads", () => {
  it("lists every lead with something overdue first, whatever its age, then by the next deadline", async () => {
    pinClock(T0);
    const team = await createPartnerTeam(t.db);
    const touched = await accepted(team, "Touched first");
    pinClock(at(1));
    expectOk(await logActivity(t.db, { offerId: touched.offerId, kind: "call" }, team.adminActor));
    pinClock(at(24));
    const late = await accepted(team, "Untouched");
    pinClock(at(30));
    const fresh = await accepted(team, "Fresh");

    // 74 h: the untouched lead's first touch (due at 72 h) is overdue; the fresh one is due at 78 h;
    // the touched one's next deadline is its first update period, two weeks on.
    pinClock(at(74));
    const rows = await openLeadsWithDeadlines(t.db, offerScopeOf(team.adminActor));
    expect(rows.map((r) => r.company)).toEqual(["Untouched", "Fresh", "Touched first"]);
    expect(rows[0]).toMatchObject({ firstTouch: { state: "open", dueAt: at(72) }, update: undefined });
    expect(rows[2]).toMatchObject({ firstTouch: undefined, update: { kind: "update", sequence: 1 } });
    expect(rows.map((r) => r.offerId)).toEqual([late.offerId, fresh.offerId, touched.offerId]);
  });
});

describe("the partner's closed leads", () => {
  it("lists the outcomes newest first, as corrected, a page at a time, and only the user's own", async () => {
    pinClock(T0);
    const team = await createPartnerTeam(t.db);
    const other = await createPartnerTeam(t.db);
    const leads = [];
    for (const name of ["One", "Two", "Three"]) leads.push(await accepted(team, name));
    const foreign = await accepted(other, "Foreign");
    const stillOpen = await accepted(team, "Still open");
    const otherRep = await createUser(t.db, "partner_rep", team.partner.id);
    expectOk(await dispatchToRep(t.db, { offerId: leads[2]!.offerId, repId: otherRep.id }, team.adminActor));
    for (const [i, l] of leads.entries()) {
      pinClock(at(1 + i));
      expectOk(
        await reportOutcome(
          t.db,
          i === 0
            ? { offerId: l.offerId, outcome: "won", amountCents: 1_250_050 }
            : { offerId: l.offerId, outcome: "lost", reasonCode: "no_budget" },
          team.adminActor,
        ),
      );
    }
    pinClock(at(5));
    expectOk(
      await reportOutcome(t.db, { offerId: foreign.offerId, outcome: "won", amountCents: 100 }, other.adminActor),
    );
    const { actor: manager } = await createManager(t.db);
    expectOk(
      await correctOutcome(
        t.db,
        {
          leadId: leads[0]!.lead.id,
          expected: "won",
          outcome: "won",
          amountCents: 990_000,
          reasonCode: null,
          reason: "The signed order says 9,900.",
        },
        manager,
      ),
    );

    const scope = offerScopeOf(team.adminActor);
    const first = await closedLeads(t.db, scope, 2);
    expect(first.map((r) => [r.company, r.outcome, r.reason])).toEqual([
      ["Three", "lost", "No budget"],
      ["Two", "lost", "No budget"],
    ]);
    const last = first[1]!;
    const rest = await closedLeads(t.db, scope, 2, { reportedAt: last.reportedAt, offerId: last.offerId });
    expect(rest).toMatchObject([{ company: "One", outcome: "won", amountCents: 990_000, reportedAt: at(1) }]);
    const all = await closedLeads(t.db, scope, 10);
    expect(all.map((r) => r.offerId)).not.toContain(foreign.offerId);
    expect(all.map((r) => r.offerId)).not.toContain(stillOpen.offerId);
    // A rep does not see the lead dispatched to another rep.
    expect((await closedLeads(t.db, offerScopeOf(team.repActor), 10)).map((r) => r.company)).toEqual(["Two", "One"]);
  });
});

describe("the partner's lead page", () => {
  it("carries a manager's reason for a manual offer, and nothing for the router's", async () => {
    pinClock(T0);
    const team = await createPartnerTeam(t.db);
    const { lead } = await accepted(team, "By hand", "Territory override: they asked for this partner");
    expect(await findPartnerLead(t.db, lead.id, offerScopeOf(team.adminActor))).toMatchObject({
      offerReason: "Territory override: they asked for this partner",
    });
    await t.db.updateTable("offers").set({ manual: false }).where("lead_id", "=", lead.id).execute();
    expect(await findPartnerLead(t.db, lead.id, offerScopeOf(team.adminActor))).toMatchObject({ offerReason: null });
  });
});
