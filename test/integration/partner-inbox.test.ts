/**
 * What the partner's pages read: the inbox never carries the contact (name, email, phone) of
 * an offer not yet accepted, and every read is scoped (another partner's records, or a record
 * dispatched to another rep, are simply absent).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { pinClock } from "~/clock.server";
import { inboxOffers } from "~/models/inbox.server";
import { findPartnerLead, openLeads } from "~/models/partner-leads.server";
import { offerScopeOf } from "~/services/actor";
import { dispatchToRep, offerLeadManually } from "~/services/assignment.server";
import { logActivity } from "~/services/lead-work.server";
import { acceptOffer } from "~/services/offer-decisions.server";
import { createLead, createManager, createPartnerTeam, createUser, actorFor } from "../support/factories";
import { useTestDatabase } from "../support/test-database";

const t = useTestDatabase({ beforeAll, afterAll });
afterEach(() => pinClock(null));
const T0 = new Date("2026-05-04T09:00:00Z");

async function offerTo(partnerId: string) {
  const { actor } = await createManager(t.db);
  const lead = await createLead(t.db, T0, { state: "queued" });
  await t.db.updateTable("leads").set({ contact_phone: "+1 555 0100" }).where("id", "=", lead.id).execute();
  const offered = await offerLeadManually(t.db, { leadId: lead.id, partnerId, reason: "test" }, actor);
  if (!offered.ok) throw new Error(JSON.stringify(offered));
  return { lead, offerId: offered.offerId };
}

describe("partner inbox and leads reads", () => {
  it("the inbox shows the lead's facts and never its contact; contacts come with acceptance", async () => {
    pinClock(T0);
    const team = await createPartnerTeam(t.db);
    const { lead, offerId } = await offerTo(team.partner.id);
    const inbox = await inboxOffers(t.db, offerScopeOf(team.repActor));
    expect(inbox.map((o) => o.offerId)).toEqual([offerId]);
    expect(inbox[0]).toMatchObject({ company: lead.company_name, territory: "US-CA", vertical: "software", score: 60 });
    const sent = JSON.stringify(inbox);
    for (const secret of [lead.contact_name, lead.contact_email!, "+1 555 0100"]) expect(sent).not.toContain(secret);
    expect(await findPartnerLead(t.db, lead.id, offerScopeOf(team.repActor))).toBeUndefined();

    expect((await acceptOffer(t.db, offerId, team.repActor)).ok).toBe(true);
    expect(await inboxOffers(t.db, offerScopeOf(team.repActor))).toEqual([]);
    expect(await findPartnerLead(t.db, lead.id, offerScopeOf(team.repActor))).toMatchObject({
      contactName: lead.contact_name,
      contactEmail: lead.contact_email,
      contactPhone: "+1 555 0100",
    });
  });

  it("another partner's offers and leads are absent; a rep does not see what went to another rep", async () => {
    pinClock(T0);
    const mine = await createPartnerTeam(t.db);
    const other = await createPartnerTeam(t.db);
    const second = actorFor(await createUser(t.db, "partner_rep", mine.partner.id));
    const foreign = await offerTo(other.partner.id);
    const toSecond = await offerTo(mine.partner.id);
    expect((await dispatchToRep(t.db, { offerId: toSecond.offerId, repId: second.userId }, mine.adminActor)).ok).toBe(
      true,
    );

    expect((await inboxOffers(t.db, offerScopeOf(mine.adminActor))).map((o) => o.offerId)).toEqual([toSecond.offerId]);
    expect(await inboxOffers(t.db, offerScopeOf(mine.repActor))).toEqual([]);
    expect((await inboxOffers(t.db, offerScopeOf(second))).map((o) => o.offerId)).toEqual([toSecond.offerId]);

    expect((await acceptOffer(t.db, foreign.offerId, other.adminActor)).ok).toBe(true);
    expect(await findPartnerLead(t.db, foreign.lead.id, offerScopeOf(mine.adminActor))).toBeUndefined();
    expect(await openLeads(t.db, offerScopeOf(mine.adminActor))).toEqual([]);
    expect((await acceptOffer(t.db, foreign.offerId, mine.adminActor)).ok).toBe(false);
  });

  it("a touch's day may be earlier than now but not in the future nor before acceptance", async () => {
    pinClock(T0);
    const team = await createPartnerTeam(t.db);
    const { offerId } = await offerTo(team.partner.id);
    pinClock(new Date(T0.getTime() + 3_600_000));
    expect((await acceptOffer(t.db, offerId, team.repActor)).ok).toBe(true);
    pinClock(new Date(T0.getTime() + 30 * 3_600_000));
    const touch = (occurredAt: Date) => logActivity(t.db, { offerId, kind: "call", occurredAt }, team.repActor);
    expect(await touch(new Date(T0.getTime() + 31 * 3_600_000))).toMatchObject({ ok: false, code: "invalid" });
    expect(await touch(T0)).toMatchObject({ ok: false, code: "invalid" });
    expect((await touch(new Date(T0.getTime() + 2 * 3_600_000))).ok).toBe(true);
    const row = await t.db
      .selectFrom("activities")
      .select("at")
      .where("offer_id", "=", offerId)
      .executeTakeFirstOrThrow();
    expect(row.at).toEqual(new Date(T0.getTime() + 2 * 3_600_000));
  });
});
