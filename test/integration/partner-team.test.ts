import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startSession, validateSession } from "~/auth/lucia.server";
import { pinClock } from "~/clock.server";
import { evaluateCandidates } from "~/domain/routing";
import type { CompanySettingsForm } from "~/domain/company-settings";
import { routingCandidates } from "~/models/routing.server";
import {
  disableRep,
  inviteRep,
  reassignOpenLeads,
  saveCompanySettings,
  teamOverview,
} from "~/services/partner-team.server";
import { editPartner } from "~/services/partners.server";
import { processRoutingJobs } from "~/services/routing.server";
import { partnerFieldsSchema } from "~/domain/partner-fields";
import { createTestAcceptedOffer, createTestOffer } from "~/services/test-world.server";
import { createLead, createManager, createPartnerTeam, createUser } from "../support/factories";
import { expectFailure, expectOk } from "../support/outcome";
import { useTestDatabase } from "../support/test-database";

const t = useTestDatabase({ beforeAll, afterAll });
afterEach(() => pinClock(null));

const T0 = new Date("2026-06-01T10:00:00Z");

/** A partner with an admin and two reps; `rep` holds an open offer and an accepted lead, and one ended offer. */
async function teamWithLeads(territory = "US") {
  const team = await createPartnerTeam(t.db, { territories: [territory] });
  const other = await createUser(t.db, "partner_rep", team.partner.id);
  const offered = await createTestOffer(t.db, team.partner.id, { territory });
  const accepted = await createTestAcceptedOffer(t.db, team.partner.id, { territory });
  const ended = await createTestOffer(t.db, team.partner.id, { territory });
  expectOk(offered);
  expectOk(accepted);
  expectOk(ended);
  await t.db
    .updateTable("offers")
    .set({ rep_id: team.rep.id })
    .where("id", "in", [offered.offerId, accepted.offerId, ended.offerId])
    .execute();
  await t.db.updateTable("offers").set({ state: "declined" }).where("id", "=", ended.offerId).execute();
  return { ...team, other, offerIds: [offered.offerId, accepted.offerId], endedId: ended.offerId };
}

const repOf = async (offerId: string) =>
  (await t.db.selectFrom("offers").select("rep_id").where("id", "=", offerId).executeTakeFirstOrThrow()).rep_id;
const isDisabled = async (userId: string) =>
  (await t.db.selectFrom("users").select("disabled").where("id", "=", userId).executeTakeFirstOrThrow()).disabled;

const settings = (over: Partial<CompanySettingsForm> = {}): CompanySettingsForm => ({
  capacity: 5,
  time_zone: "UTC",
  paused_until: "",
  pause_note: "",
  ...over,
});

describe("partner team: who may", () => {
  it("a rep, and a channel manager, may do none of an admin's team actions", async () => {
    const { repActor, other, offerIds } = await teamWithLeads();
    const { actor: manager } = await createManager(t.db);
    for (const actor of [repActor, manager]) {
      expectFailure(await teamOverview(t.db, actor), "forbidden");
      expectFailure(await inviteRep(t.db, "new.rep@partner.test", actor), "forbidden");
      expectFailure(
        await reassignOpenLeads(t.db, { fromUserId: repActor.userId!, to: { userId: other.id } }, actor),
        "forbidden",
      );
      expectFailure(await disableRep(t.db, { userId: other.id, handTo: null }, actor), "forbidden");
      expectFailure(await saveCompanySettings(t.db, settings(), actor), "forbidden");
    }
    expect(await isDisabled(other.id)).toBe(false);
    expect(await repOf(offerIds[0])).toBe(repActor.userId);
  });

  it("an admin sees and changes only its own company: another partner's people answer like missing ones", async () => {
    const mine = await teamWithLeads();
    const theirs = await teamWithLeads();
    const overview = await teamOverview(t.db, mine.adminActor);
    expectOk(overview);
    expect(overview.team.map((m) => m.id).sort()).toEqual([mine.admin.id, mine.rep.id, mine.other.id].sort());
    expect(overview.settings.id).toBe(mine.partner.id);

    const missing = "00000000-0000-4000-8000-000000000000";
    for (const userId of [theirs.rep.id, missing]) {
      expect(
        expectFailure(await disableRep(t.db, { userId, handTo: "nobody" }, mine.adminActor), "not_found").message,
      ).toBe("There is no such member of your team.");
      expectFailure(
        await reassignOpenLeads(t.db, { fromUserId: userId, to: { userId: mine.other.id } }, mine.adminActor),
        "not_found",
      );
      // Nor may their leads go to another partner's person.
      expectFailure(
        await reassignOpenLeads(t.db, { fromUserId: mine.rep.id, to: { userId } }, mine.adminActor),
        "not_found",
      );
    }
    expect(await isDisabled(theirs.rep.id)).toBe(false);
    expect(await repOf(theirs.offerIds[0])).toBe(theirs.rep.id);
    expect(await repOf(mine.offerIds[0])).toBe(mine.rep.id);

    // Settings land on the admin's own company only.
    expectOk(await saveCompanySettings(t.db, settings({ capacity: 3 }), mine.adminActor));
    const capacities = await t.db
      .selectFrom("partners")
      .select(["id", "capacity"])
      .where("id", "in", [mine.partner.id, theirs.partner.id])
      .execute();
    expect(Object.fromEntries(capacities.map((p) => [p.id, p.capacity]))).toEqual({
      [mine.partner.id]: 3,
      [theirs.partner.id]: 10,
    });
  });

  it("an admin invites a rep of its own company", async () => {
    const { partner, adminActor } = await createPartnerTeam(t.db);
    const made = await inviteRep(t.db, "Fresh.Rep@partner.test", adminActor);
    expectOk(made);
    const invitation = await t.db
      .selectFrom("invitations")
      .select(["role", "partner_id", "email"])
      .where("id", "=", made.invitationId)
      .executeTakeFirstOrThrow();
    expect(invitation).toEqual({ role: "partner_rep", partner_id: partner.id, email: "fresh.rep@partner.test" });
  });
});

describe("partner team: open leads", () => {
  it("reassigns every live offer a rep holds (waiting and accepted), not the ended ones", async () => {
    const { rep, other, adminActor, offerIds, endedId } = await teamWithLeads();
    const moved = await reassignOpenLeads(t.db, { fromUserId: rep.id, to: { userId: other.id } }, adminActor);
    expectOk(moved);
    expect(moved).toMatchObject({ moved: 2, fromName: rep.name, toName: other.name });
    for (const id of offerIds) expect(await repOf(id)).toBe(other.id);
    expect(await repOf(endedId)).toBe(rep.id);
    const emails = await t.db
      .selectFrom("email_outbox")
      .select("recipient")
      .where("template", "=", "offer_dispatched")
      .where("recipient", "=", other.email)
      .execute();
    expect(emails).toHaveLength(2);
    // Nothing left to move is a plain refusal.
    expect(
      expectFailure(
        await reassignOpenLeads(t.db, { fromUserId: rep.id, to: { userId: other.id } }, adminActor),
        "conflict",
      ).message,
    ).toBe(`${rep.name} holds no open leads.`);
  });

  it("never to the same person, nor to a disabled one", async () => {
    const { rep, other, adminActor, offerIds } = await teamWithLeads();
    expectFailure(await reassignOpenLeads(t.db, { fromUserId: rep.id, to: { userId: rep.id } }, adminActor), "invalid");
    expectOk(await disableRep(t.db, { userId: other.id, handTo: null }, adminActor));
    const refused = expectFailure(
      await reassignOpenLeads(t.db, { fromUserId: rep.id, to: { userId: other.id } }, adminActor),
      "invalid",
    );
    expect(refused.fieldErrors?.handTo).toEqual(["Choose another active member of your team to take the leads."]);
    expect(await repOf(offerIds[0])).toBe(rep.id);
  });

  it("disabling a rep with open leads needs someone to take them; then both happen at once", async () => {
    const { rep, other, adminActor, offerIds } = await teamWithLeads();
    const { session } = await startSession(t.db, rep.id);

    const refused = expectFailure(await disableRep(t.db, { userId: rep.id, handTo: null }, adminActor), "invalid");
    expect(refused.fieldErrors?.handTo?.[0]).toContain("2 open leads");
    expect(await isDisabled(rep.id)).toBe(false);
    expect(await repOf(offerIds[0])).toBe(rep.id);

    const done = await disableRep(t.db, { userId: rep.id, handTo: { userId: other.id } }, adminActor);
    expectOk(done);
    expect(done).toMatchObject({ moved: 2, toName: other.name });
    expect(await isDisabled(rep.id)).toBe(true);
    expect(await validateSession(t.db, session.id)).toBeNull();
    for (const id of offerIds) expect(await repOf(id)).toBe(other.id);
  });

  it("a rep's leads may go back to the shared inbox (nobody) as it is disabled; an admin is not disabled here", async () => {
    const { admin, rep, adminActor, offerIds } = await teamWithLeads();
    expectOk(await disableRep(t.db, { userId: rep.id, handTo: "nobody" }, adminActor));
    for (const id of offerIds) expect(await repOf(id)).toBeNull();
    expectFailure(await disableRep(t.db, { userId: rep.id, handTo: null }, adminActor), "conflict");
    const otherAdmin = await createUser(t.db, "partner_admin", admin.partner_id);
    expectFailure(await disableRep(t.db, { userId: otherAdmin.id, handTo: null }, adminActor), "conflict");
    expect(await isDisabled(otherAdmin.id)).toBe(false);
  });

  it("the team lists each member's open leads", async () => {
    const { rep, other, adminActor } = await teamWithLeads();
    const overview = await teamOverview(t.db, adminActor);
    expectOk(overview);
    const leads = Object.fromEntries(overview.team.map((m) => [m.id, m.openLeads]));
    expect(leads[rep.id]).toBe(2);
    expect(leads[other.id]).toBe(0);
  });
});

describe("partner team: company settings", () => {
  it("saves capacity, a pause to the start of a day in the company's zone with its note, and the zone", async () => {
    pinClock(T0);
    const { partner, adminActor } = await createPartnerTeam(t.db);
    expectOk(
      await saveCompanySettings(
        t.db,
        settings({ capacity: 4, time_zone: "Asia/Tokyo", paused_until: "2026-06-10", pause_note: " Team offsite " }),
        adminActor,
      ),
    );
    const row = await t.db
      .selectFrom("partners")
      .select(["capacity", "time_zone", "paused_until", "pause_note"])
      .where("id", "=", partner.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      capacity: 4,
      time_zone: "Asia/Tokyo",
      paused_until: new Date("2026-06-09T15:00:00Z"), // 10 June 00:00 in Tokyo
      pause_note: "Team offsite",
    });
    // Ending the pause drops its note too.
    expectOk(await saveCompanySettings(t.db, settings({ time_zone: "Asia/Tokyo" }), adminActor));
    expect(
      await t.db
        .selectFrom("partners")
        .select(["paused_until", "pause_note"])
        .where("id", "=", partner.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ paused_until: null, pause_note: null });
  });

  it("a manager's edit keeps the company's pause note with the same pause and drops it with another", async () => {
    pinClock(T0);
    const { partner, adminActor } = await createPartnerTeam(t.db, { territories: ["US"] });
    const { actor: managerActor } = await createManager(t.db);
    expectOk(
      await saveCompanySettings(t.db, settings({ paused_until: "2026-06-10", pause_note: "Offsite" }), adminActor),
    );
    const managerEdit = (pausedUntil: string) =>
      editPartner(
        t.db,
        partner.id,
        partnerFieldsSchema.parse({
          name: partner.name,
          contact_email: "channel@example.com",
          territories: "US",
          capacity: "5",
          time_zone: "UTC",
          paused_until: pausedUntil,
          active: "on",
        }),
        managerActor,
      );
    const note = async () =>
      (await t.db.selectFrom("partners").select("pause_note").where("id", "=", partner.id).executeTakeFirstOrThrow())
        .pause_note;
    expectOk(await managerEdit("2026-06-10"));
    expect(await note()).toBe("Offsite");
    expectOk(await managerEdit("2026-06-20"));
    expect(await note()).toBeNull();
  });

  it("refuses a pause that has already ended and a note without a pause, changing nothing", async () => {
    pinClock(T0);
    const { partner, adminActor } = await createPartnerTeam(t.db);
    const past = expectFailure(
      await saveCompanySettings(t.db, settings({ capacity: 1, paused_until: "2026-06-01" }), adminActor),
      "invalid",
    );
    expect(past.fieldErrors?.paused_until?.[0]).toMatch(/after today/);
    const note = expectFailure(
      await saveCompanySettings(t.db, settings({ capacity: 1, pause_note: "Away" }), adminActor),
      "invalid",
    );
    expect(note.fieldErrors?.pause_note?.[0]).toMatch(/goes with a pause/);
    const row = await t.db
      .selectFrom("partners")
      .select("capacity")
      .where("id", "=", partner.id)
      .executeTakeFirstOrThrow();
    expect(row.capacity).toBe(10);
  });

  it("the router respects the pause until its end, and offers again from that instant", async () => {
    pinClock(T0);
    const { partner, adminActor } = await createPartnerTeam(t.db, { territories: ["IS"] });
    expectOk(
      await saveCompanySettings(
        t.db,
        settings({ time_zone: "Atlantic/Reykjavik", paused_until: "2026-06-03" }),
        adminActor,
      ),
    );
    const end = new Date("2026-06-03T00:00:00Z"); // Reykjavik is UTC all year
    const lead = await createLead(t.db, T0, { territory: "IS" });
    const judge = async (at: Date) =>
      evaluateCandidates(lead, await routingCandidates(t.db, lead.id), at).candidates.find(
        (c) => c.partnerId === partner.id,
      );
    expect((await judge(new Date(end.getTime() - 1)))?.excludedFor.map((e) => e.code)).toEqual(["paused"]);
    expect((await judge(end))?.excludedFor).toEqual([]);

    // Through the routing worker: queued while paused, offered once the pause is over.
    await t.db.insertInto("routing_jobs").values({ lead_id: lead.id, trigger: "intake", enqueued_at: T0 }).execute();
    expect(await processRoutingJobs(t.db)).toBe(1);
    const state = async () =>
      (await t.db.selectFrom("leads").select("state").where("id", "=", lead.id).executeTakeFirstOrThrow()).state;
    expect(await state()).toBe("queued");
    pinClock(end);
    const later = await createLead(t.db, end, { territory: "IS" });
    await t.db.insertInto("routing_jobs").values({ lead_id: later.id, trigger: "intake", enqueued_at: end }).execute();
    expect(await processRoutingJobs(t.db)).toBe(1);
    const offer = await t.db
      .selectFrom("offers")
      .select("partner_id")
      .where("lead_id", "=", later.id)
      .executeTakeFirstOrThrow();
    expect(offer.partner_id).toBe(partner.id);
  });
});
