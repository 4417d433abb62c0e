/**
 * Action links from email (ADR 021): issued as an email is written, stored only hashed; opening
 * one changes nothing; redeeming acts once, as its user, through the same use cases as the pages; a used, expired, foreign or moot link is refused
 * and changes nothing.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { now, pinClock } from "~/clock.server";
import { ACTION_LINK_MESSAGES, TOUCH_LINK_DAYS } from "~/domain/action-links";
import { setDisabled } from "~/models/user.server";
import { hashSecretToken } from "~/security/secret-token.server";
import { issueActionLink } from "~/services/action-link-issue.server";
import { actionLinkForToken, redeemActionLink, WRONG_ACTION_MESSAGE } from "~/services/action-links.server";
import { offerLeadManually, recallLead } from "~/services/assignment.server";
import { acceptOffer } from "~/services/offer-decisions.server";
import { createLead, createManager, createPartnerTeam, createUser } from "../support/factories";
import { expectFailure, expectOk } from "../support/outcome";
import { useTestDatabase } from "../support/test-database";

const t = useTestDatabase({ beforeAll, afterAll });
afterEach(() => pinClock(null));

const T0 = new Date("2026-06-01T09:00:00Z");
const MINUTE = 60_000;
const DAY = 86_400_000;
const tokenOf = (path: string) => path.replace("/action/", "");

async function offerTo(partnerId: string) {
  const { actor } = await createManager(t.db);
  const lead = await createLead(t.db, T0, { state: "queued" });
  const offered = await offerLeadManually(t.db, { leadId: lead.id, partnerId, reason: "test" }, actor);
  expectOk(offered);
  const offer = await t.db.selectFrom("offers").selectAll().where("id", "=", offered.offerId).executeTakeFirstOrThrow();
  return { lead, offer, manager: actor };
}

/** The accept link the mail sender would issue the user for the offer, now. */
async function acceptPathFor(offerId: string, userId: string): Promise<string> {
  const issued = await issueActionLink(t.db, { userId, action: "accept_offer", offerId, now: now() });
  expectOk(issued);
  return issued.path;
}

const offerState = async (offerId: string) =>
  (await t.db.selectFrom("offers").select("state").where("id", "=", offerId).executeTakeFirstOrThrow()).state;

const linkRow = (token: string) =>
  t.db.selectFrom("action_links").selectAll().where("token_hash", "=", hashSecretToken(token)).executeTakeFirst();

describe("action links from email", () => {
  it("each admin gets an accept link of its own, stored only as a hash (never in the outbox); opening it changes nothing", async () => {
    pinClock(T0);
    const team = await createPartnerTeam(t.db);
    const second = await createUser(t.db, "partner_admin", team.partner.id);
    const { lead, offer } = await offerTo(team.partner.id);
    const path = await acceptPathFor(offer.id, team.admin.id);
    const otherPath = await acceptPathFor(offer.id, second.id);
    expect(path).toMatch(/^\/action\/[A-Za-z0-9_-]{43}$/);
    expect(otherPath).not.toBe(path);

    const token = tokenOf(path);
    // The offer's emails name their recipients' accounts; the sender issues the links.
    const outbox = await t.db
      .selectFrom("email_outbox")
      .select(["recipient", "data"])
      .where("unique_key", "like", `offer_new:${offer.id}:%`)
      .execute();
    expect(outbox.map((row) => row.recipient).sort()).toEqual([team.admin.email, second.email].sort());
    for (const row of outbox) {
      const data: unknown = typeof row.data === "string" ? JSON.parse(row.data) : row.data;
      expect(JSON.stringify(data)).not.toContain("/action/");
      expect(data).toMatchObject({ userId: expect.any(String) });
    }
    const stored = await t.db.selectFrom("action_links").selectAll().where("offer_id", "=", offer.id).execute();
    expect(stored).toHaveLength(2);
    for (const row of stored) {
      expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(row)).not.toContain(token);
    }
    expect(await linkRow(token)).toMatchObject({
      user_id: team.admin.id,
      action: "accept_offer",
      expires_at: offer.accept_due_at,
      used_at: null,
    });

    const view = await actionLinkForToken(t.db, token);
    expect(view).toMatchObject({
      state: "open",
      action: "accept_offer",
      userName: team.admin.name,
      subject: { company: lead.company_name, territory: "US-CA", score: 60 },
    });
    // The page shows no contact: a forwarded link must not reveal the person.
    expect(JSON.stringify(view)).not.toContain(lead.contact_email!);
    expect(JSON.stringify(view)).not.toContain(lead.contact_name);
    expect(await offerState(offer.id)).toBe("offered");
    expect((await linkRow(token))?.used_at).toBeNull();
  });

  it("redeeming accepts as the link's user, marks the link used, and works only once", async () => {
    pinClock(T0);
    const team = await createPartnerTeam(t.db);
    const { lead, offer } = await offerTo(team.partner.id);
    const token = tokenOf(await acceptPathFor(offer.id, team.admin.id));
    pinClock(new Date(T0.getTime() + 5 * MINUTE));

    const redeemed = await redeemActionLink(t.db, { token, action: "accept_offer" });
    expect(redeemed).toEqual({
      ok: true,
      action: "accept_offer",
      leadId: lead.id,
      company: lead.company_name,
      userId: team.admin.id,
    });
    const accepted = await t.db.selectFrom("offers").selectAll().where("id", "=", offer.id).executeTakeFirstOrThrow();
    expect(accepted).toMatchObject({ state: "accepted", decided_by: team.admin.id });
    expect((await linkRow(token))?.used_at).toEqual(new Date(T0.getTime() + 5 * MINUTE));
    const audit = await t.db
      .selectFrom("audit_events")
      .select(["action", "actor_label"])
      .where("subject_id", "=", lead.id)
      .where("action", "in", ["offer.accepted", "action_link.used"])
      .orderBy("action")
      .execute();
    expect(audit).toEqual([
      { action: "action_link.used", actor_label: team.admin.email },
      { action: "offer.accepted", actor_label: team.admin.email },
    ]);

    const again = expectFailure(await redeemActionLink(t.db, { token, action: "accept_offer" }), "conflict");
    expect(again.message).toBe(ACTION_LINK_MESSAGES.used);
    expect(await actionLinkForToken(t.db, token)).toEqual({ state: "used", message: ACTION_LINK_MESSAGES.used });
  });

  it("an accept link expires with the offer's deadline: refused at due ≤ now, honoured just before", async () => {
    pinClock(T0);
    const team = await createPartnerTeam(t.db);
    const late = await offerTo(team.partner.id);
    const onTime = await offerTo(team.partner.id);
    const lateToken = tokenOf(await acceptPathFor(late.offer.id, team.admin.id));
    const onTimeToken = tokenOf(await acceptPathFor(onTime.offer.id, team.admin.id));
    expect(late.offer.accept_due_at.getTime()).toBe(onTime.offer.accept_due_at.getTime());
    const due = late.offer.accept_due_at;

    pinClock(due);
    expect(await actionLinkForToken(t.db, lateToken)).toEqual({
      state: "expired",
      message: ACTION_LINK_MESSAGES.expiredAccept,
    });
    const refused = expectFailure(
      await redeemActionLink(t.db, { token: lateToken, action: "accept_offer" }),
      "conflict",
    );
    expect(refused.message).toBe(ACTION_LINK_MESSAGES.expiredAccept);
    expect(await offerState(late.offer.id)).toBe("offered");
    expect((await linkRow(lateToken))?.used_at).toBeNull();

    pinClock(new Date(due.getTime() - 1));
    expectOk(await redeemActionLink(t.db, { token: onTimeToken, action: "accept_offer" }));
    expect(await offerState(onTime.offer.id)).toBe("accepted");
  });

  it("a form for another action than the link's is refused and leaves the link unused", async () => {
    pinClock(T0);
    const team = await createPartnerTeam(t.db);
    const { offer } = await offerTo(team.partner.id);
    const token = tokenOf(await acceptPathFor(offer.id, team.admin.id));
    const wrong = expectFailure(await redeemActionLink(t.db, { token, action: "log_touch" }), "invalid");
    expect(wrong.message).toBe(WRONG_ACTION_MESSAGE);
    expect((await linkRow(token))?.used_at).toBeNull();
    expect(await offerState(offer.id)).toBe("offered");
    expectOk(await redeemActionLink(t.db, { token, action: "accept_offer" }));
  });

  it("a disabled user's link, or one for an offer no longer open, explains itself and changes nothing", async () => {
    pinClock(T0);
    const team = await createPartnerTeam(t.db);
    const second = await createUser(t.db, "partner_admin", team.partner.id);
    const { offer } = await offerTo(team.partner.id);
    const disabledToken = tokenOf(await acceptPathFor(offer.id, second.id));
    const token = tokenOf(await acceptPathFor(offer.id, team.admin.id));

    await setDisabled(t.db, second.id, true);
    expect(await actionLinkForToken(t.db, disabledToken)).toEqual({
      state: "unavailable",
      message: ACTION_LINK_MESSAGES.notYours,
    });
    expectFailure(await redeemActionLink(t.db, { token: disabledToken, action: "accept_offer" }), "conflict");
    expect(await offerState(offer.id)).toBe("offered");

    // The rep accepted it in the portal meanwhile: the admin's link has nothing left to do.
    expectOk(await acceptOffer(t.db, offer.id, team.repActor));
    const view = await actionLinkForToken(t.db, token);
    expect(view).toMatchObject({ state: "unavailable", message: expect.stringContaining("already accepted") });
    const refused = expectFailure(await redeemActionLink(t.db, { token, action: "accept_offer" }), "conflict");
    expect(refused.message).toContain("already accepted");
    const decided = await t.db.selectFrom("offers").selectAll().where("id", "=", offer.id).executeTakeFirstOrThrow();
    expect(decided.decided_by).toBe(team.rep.id);
  });

  it("an unknown token is refused as not found", async () => {
    expect(await actionLinkForToken(t.db, "not-a-token")).toEqual({
      state: "unknown",
      message: ACTION_LINK_MESSAGES.unknown,
    });
    expectFailure(await redeemActionLink(t.db, { token: "not-a-token", action: "accept_offer" }), "not_found");
  });

  it("a touch link logs the kind chosen, now, as its user (meeting the first touch), and lasts a few days", async () => {
    pinClock(T0);
    const team = await createPartnerTeam(t.db);
    const { lead, offer } = await offerTo(team.partner.id);
    expectFailure(
      await issueActionLink(t.db, { userId: team.rep.id, action: "log_touch", offerId: offer.id, now: T0 }),
      "conflict",
    );
    expectOk(await acceptOffer(t.db, offer.id, team.repActor));
    const issued = await issueActionLink(t.db, {
      userId: team.rep.id,
      action: "log_touch",
      offerId: offer.id,
      now: T0,
    });
    expectOk(issued);
    expect(issued.expiresAt).toEqual(new Date(T0.getTime() + TOUCH_LINK_DAYS * DAY));
    const token = tokenOf(issued.path);
    expect(await actionLinkForToken(t.db, token)).toMatchObject({ state: "open", action: "log_touch" });

    const at = new Date(T0.getTime() + 30 * MINUTE);
    pinClock(at);
    expectOk(await redeemActionLink(t.db, { token, action: "log_touch", touchKind: "email" }));
    const touches = await t.db
      .selectFrom("activities")
      .select(["kind", "user_id", "at"])
      .where("offer_id", "=", offer.id)
      .execute();
    expect(touches).toEqual([{ kind: "email", user_id: team.rep.id, at }]);
    const firstTouch = await t.db
      .selectFrom("obligations")
      .select("state")
      .where("offer_id", "=", offer.id)
      .where("kind", "=", "first_touch")
      .executeTakeFirstOrThrow();
    expect(firstTouch.state).toBe("met");
    expect(lead.id).toBe(offer.lead_id);
    expectFailure(await redeemActionLink(t.db, { token, action: "log_touch" }), "conflict");
  });

  it("a touch link expires after its days, and stops when the lead is recalled", async () => {
    pinClock(T0);
    const team = await createPartnerTeam(t.db);
    const first = await offerTo(team.partner.id);
    const second = await offerTo(team.partner.id);
    for (const o of [first, second]) expectOk(await acceptOffer(t.db, o.offer.id, team.adminActor));
    const issue = async (offerId: string) => {
      const issued = await issueActionLink(t.db, { userId: team.admin.id, action: "log_touch", offerId, now: T0 });
      expectOk(issued);
      return tokenOf(issued.path);
    };
    const expiring = await issue(first.offer.id);
    const recalled = await issue(second.offer.id);

    pinClock(new Date(T0.getTime() + TOUCH_LINK_DAYS * DAY));
    expect(await actionLinkForToken(t.db, expiring)).toMatchObject({ state: "expired" });
    expectFailure(await redeemActionLink(t.db, { token: expiring, action: "log_touch" }), "conflict");

    pinClock(new Date(T0.getTime() + DAY));
    expectOk(await recallLead(t.db, { leadId: second.lead.id, reason: "test" }, second.manager));
    expect(await actionLinkForToken(t.db, recalled)).toMatchObject({
      state: "unavailable",
      message: expect.stringContaining("recalled"),
    });
    expectFailure(await redeemActionLink(t.db, { token: recalled, action: "log_touch" }), "conflict");
    const logged = await t.db
      .selectFrom("activities")
      .select("id")
      .where("offer_id", "in", [first.offer.id, second.offer.id])
      .execute();
    expect(logged).toEqual([]);
  });

  it("links are issued only to the offer's partner users who may act on it, while it is open", async () => {
    pinClock(T0);
    const team = await createPartnerTeam(t.db);
    const other = await createPartnerTeam(t.db);
    const { offer, manager } = await offerTo(team.partner.id);
    const issue = (userId: string, now = T0) =>
      issueActionLink(t.db, { userId, action: "accept_offer", offerId: offer.id, now });
    expectFailure(await issue(other.admin.id), "conflict");
    expectFailure(await issue(manager.userId!), "conflict");
    expectFailure(await issue(team.rep.id, offer.accept_due_at), "conflict");
    expectFailure(
      await issueActionLink(t.db, {
        userId: team.rep.id,
        action: "accept_offer",
        offerId: "00000000-0000-4000-8000-000000000000",
        now: T0,
      }),
      "not_found",
    );
    const issued = await issue(team.rep.id);
    expectOk(issued);
    expect(issued.expiresAt).toEqual(offer.accept_due_at);
  });
});
