import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { pinClock } from "~/clock.server";
import { isOfferExpired } from "~/domain/lead-state";
import { isDueForMiss } from "~/domain/obligations";
import { runSweep } from "~/jobs/sweep.server";
import { logActivity } from "~/services/lead-work.server";
import { acceptOffer } from "~/services/offer-decisions.server";
import { routeLead } from "~/services/routing.server";
import { createLead, createPartnerTeam } from "../support/factories";
import { useTestDatabase } from "../support/test-database";

/** The sweep's SQL and the pure rules must agree at due − 1 ms, due and due + 1 ms. */
const t = useTestDatabase({ beforeAll, afterAll });
afterEach(() => pinClock(null));

const T0 = new Date("2026-05-04T10:00:00.000Z");
const HOUR = 3_600_000;
const OFFSETS = [-1, 0, 1];

async function routedOffer(territory: string) {
  const team = await createPartnerTeam(t.db, { territories: [territory] });
  pinClock(T0);
  const lead = await createLead(t.db, T0, { territory });
  const routed = await routeLead(t.db, lead.id);
  if (!routed.ok || routed.result !== "offered") throw new Error("not offered");
  const offer = await t.db.selectFrom("offers").selectAll().where("id", "=", routed.offerId).executeTakeFirstOrThrow();
  return { ...team, offer };
}

describe("sweep SQL agrees with the pure rules at the deadline", () => {
  it.each(OFFSETS)("offer expiry at due %s ms", async (offset) => {
    const { offer } = await routedOffer(`IN-${offset + 2}`);
    const asOf = new Date(offer.accept_due_at.getTime() + offset);
    await runSweep(t.db, asOf);
    const after = await t.db.selectFrom("offers").select("state").where("id", "=", offer.id).executeTakeFirstOrThrow();
    expect(after.state === "expired").toBe(isOfferExpired(offer.accept_due_at, asOf));
    expect(after.state).toBe(offset < 0 ? "offered" : "expired");
  });

  it.each(OFFSETS)("first touch marked missed at due %s ms", async (offset) => {
    const { offer, repActor } = await routedOffer(`ID-${offset + 2}`);
    pinClock(new Date(T0.getTime() + HOUR));
    await acceptOffer(t.db, offer.id, repActor);
    const firstTouch = await t.db
      .selectFrom("obligations")
      .selectAll()
      .where("offer_id", "=", offer.id)
      .where("kind", "=", "first_touch")
      .executeTakeFirstOrThrow();
    const asOf = new Date(firstTouch.due_at.getTime() + offset);
    const expected = isDueForMiss({ state: "open", dueAt: firstTouch.due_at }, asOf);
    await runSweep(t.db, asOf);
    const after = await t.db
      .selectFrom("obligations")
      .select(["state", "missed_at"])
      .where("id", "=", firstTouch.id)
      .executeTakeFirstOrThrow();
    expect(after.state === "missed").toBe(expected);
    expect(after.state).toBe(offset < 0 ? "open" : "missed");
  });

  it.each(OFFSETS)(
    "a first touch at due %s ms is on time exactly when the sweep would not call it missed",
    async (offset) => {
      const { offer, repActor } = await routedOffer(`IS-${offset + 2}`);
      pinClock(new Date(T0.getTime() + HOUR));
      await acceptOffer(t.db, offer.id, repActor);
      const firstTouch = await t.db
        .selectFrom("obligations")
        .selectAll()
        .where("offer_id", "=", offer.id)
        .where("kind", "=", "first_touch")
        .executeTakeFirstOrThrow();
      const at = new Date(firstTouch.due_at.getTime() + offset);
      pinClock(at);
      expect(await logActivity(t.db, { offerId: offer.id, kind: "call" }, repActor)).toMatchObject({ ok: true });
      const after = await t.db
        .selectFrom("obligations")
        .select("state")
        .where("id", "=", firstTouch.id)
        .executeTakeFirstOrThrow();
      expect(after.state === "met_late").toBe(isDueForMiss({ state: "open", dueAt: firstTouch.due_at }, at));
      expect(after.state).toBe(offset < 0 ? "met" : "met_late");
    },
  );

  it("is idempotent: a second sweep at the same instant records nothing new", async () => {
    const { offer } = await routedOffer("TH");
    const asOf = offer.accept_due_at;
    const first = await runSweep(t.db, asOf);
    const second = await runSweep(t.db, asOf);
    expect(first.expiredOffers).toBeGreaterThanOrEqual(1);
    expect(second).toMatchObject({ expiredOffers: 0, missedObligations: 0 });
    const breaches = await t.db
      .selectFrom("email_outbox")
      .select("unique_key")
      .where("template", "=", "breach")
      .execute();
    expect(new Set(breaches.map((b) => b.unique_key)).size).toBe(breaches.length);
  });
});
