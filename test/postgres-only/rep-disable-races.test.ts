/**
 * ADR 020 under real concurrency: whatever puts a live offer on a rep (the admin's dispatch, the
 * rep's own accept, a move of another member's leads) racing the rep's disable, no live offer is
 * left with a disabled person, and nothing deadlocks.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { dispatchToRep, offerLeadManually } from "~/services/assignment.server";
import { acceptOffer } from "~/services/offer-decisions.server";
import { disableRep, reassignOpenLeads } from "~/services/partner-team.server";
import { actorFor, createLead, createManager, createPartnerTeam, createUser } from "../support/factories";
import { useTestDatabase } from "../support/test-database";

const t = useTestDatabase({ beforeAll, afterAll });
const PAIRS = 40;

async function offerTo(partnerId: string) {
  const { actor } = await createManager(t.db);
  const lead = await createLead(t.db, new Date());
  const made = await offerLeadManually(t.db, { leadId: lead.id, partnerId }, actor);
  if (!made.ok) throw new Error(made.message);
  return made.offerId;
}

async function liveOffersOfDisabled(partnerId: string) {
  return t.db
    .selectFrom("offers")
    .innerJoin("users", "users.id", "offers.rep_id")
    .select(["offers.id", "users.id as repId"])
    .where("offers.partner_id", "=", partnerId)
    .where("offers.state", "in", ["offered", "accepted"])
    .where("users.disabled", "=", true)
    .execute();
}

it(`dispatch, accept and move racing a disable leave no live offer with a disabled rep (${PAIRS} each)`, async () => {
  const team = await createPartnerTeam(t.db, { capacity: 10_000 });
  const pid = team.partner.id;
  const other = await createUser(t.db, "partner_rep", pid);
  for (let i = 0; i < PAIRS; i++) {
    const rep = await createUser(t.db, "partner_rep", pid);
    const [dispatched, accepted, moved] = [await offerTo(pid), await offerTo(pid), await offerTo(pid)];
    expectOkay(await dispatchToRep(t.db, { offerId: moved, repId: other.id }, team.adminActor));
    await Promise.all([
      dispatchToRep(t.db, { offerId: dispatched, repId: rep.id }, team.adminActor),
      acceptOffer(t.db, accepted, actorFor(rep)),
      reassignOpenLeads(t.db, { fromUserId: other.id, to: { userId: rep.id } }, team.adminActor),
      disableRep(t.db, { userId: rep.id, handTo: i % 2 === 0 ? null : { userId: team.admin.id } }, team.adminActor),
    ]);
    // A refused disable (it held leads by then and no taker was chosen) is retried with a taker.
    await disableRep(t.db, { userId: rep.id, handTo: "nobody" }, team.adminActor);
    expect(await liveOffersOfDisabled(pid)).toEqual([]);
  }
}, 180_000);

function expectOkay(r: { ok: boolean }) {
  expect(r.ok).toBe(true);
}
