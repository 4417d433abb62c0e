import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { pinClock } from "~/clock.server";
import { validateSession } from "~/auth/lucia.server";
import {
  acceptInvitation,
  createInvitation,
  INVITATION_MESSAGES,
  invitationForToken,
} from "~/services/invitations.server";
import { disableUser, saveProfile } from "~/services/people.server";
import { createPartner as createPartnerWithForm, editPartner } from "~/services/partners.server";
import { partnerFieldsSchema } from "~/domain/partner-fields";
import { dispatchToRep, offerLeadManually } from "~/services/assignment.server";
import { actorFor, createLead, createPartnerTeam, createUser } from "../support/factories";
import { useTestDatabase } from "../support/test-database";

const t = useTestDatabase({ beforeAll, afterAll });
afterEach(() => pinClock(null));

const T0 = new Date("2026-03-02T10:00:00Z");
const DAY = 86_400_000;
const PASSWORD = "a long enough passphrase";

async function manager() {
  return actorFor(await createUser(t.db, "channel_manager"));
}

describe("invitations", () => {
  it("a manager invites a partner admin: the token is stored only hashed, accepting creates the user and a session", async () => {
    const { partner } = await createPartnerTeam(t.db); // on the real clock: sessions start on it
    const made = await createInvitation(
      t.db,
      { email: " New.Admin@Partner.test ", role: "partner_admin", partnerId: partner.id },
      await manager(),
    );
    if (!made.ok) throw new Error(made.message);
    const stored = await t.db
      .selectFrom("invitations")
      .selectAll()
      .where("id", "=", made.invitationId)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(made.token);
    expect(stored).toMatchObject({
      email: "new.admin@partner.test",
      role: "partner_admin",
      partner_id: partner.id,
      used_at: null,
    });
    expect(stored.expires_at.getTime() - stored.created_at.getTime()).toBe(7 * DAY);
    expect(await invitationForToken(t.db, made.token)).toMatchObject({
      state: "open",
      email: "new.admin@partner.test",
      company: partner.name,
    });

    const accepted = await acceptInvitation(t.db, { token: made.token, name: " Ada Admin ", password: PASSWORD });
    if (!accepted.ok) throw new Error(accepted.message);
    expect(accepted.user).toMatchObject({
      email: "new.admin@partner.test",
      name: "Ada Admin",
      role: "partner_admin",
      partner_id: partner.id,
    });
    const sessionId = /portal_session=([^;]+)/.exec(accepted.setCookie)?.[1];
    expect((await validateSession(t.db, sessionId!))?.user.id).toBe(accepted.user.id);
    expect(await invitationForToken(t.db, made.token)).toEqual({ state: "used" });
  });

  it("works once: a second acceptance is refused and creates nobody", async () => {
    pinClock(T0);
    const made = await createInvitation(
      t.db,
      { email: "twice@vendor.test", role: "channel_manager", partnerId: null },
      await manager(),
    );
    if (!made.ok) throw new Error(made.message);
    expect((await acceptInvitation(t.db, { token: made.token, name: "First", password: PASSWORD })).ok).toBe(true);
    expect(await acceptInvitation(t.db, { token: made.token, name: "Second", password: PASSWORD })).toMatchObject({
      ok: false,
      message: INVITATION_MESSAGES.used,
    });
    const users = await t.db.selectFrom("users").select("name").where("email", "=", "twice@vendor.test").execute();
    expect(users).toEqual([{ name: "First" }]);
  });

  it("expires: the last instant before expiry works, expiry itself does not", async () => {
    pinClock(T0);
    const actor = await manager();
    const a = await createInvitation(
      t.db,
      { email: "late-a@vendor.test", role: "channel_manager", partnerId: null },
      actor,
    );
    const b = await createInvitation(
      t.db,
      { email: "late-b@vendor.test", role: "channel_manager", partnerId: null },
      actor,
    );
    if (!a.ok || !b.ok) throw new Error("invitation failed");
    pinClock(new Date(T0.getTime() + 7 * DAY - 1));
    expect((await acceptInvitation(t.db, { token: a.token, name: "A", password: PASSWORD })).ok).toBe(true);
    pinClock(new Date(T0.getTime() + 7 * DAY));
    expect(await invitationForToken(t.db, b.token)).toEqual({ state: "expired" });
    expect(await acceptInvitation(t.db, { token: b.token, name: "B", password: PASSWORD })).toMatchObject({
      ok: false,
      message: INVITATION_MESSAGES.expired,
    });
    expect(await invitationForToken(t.db, "not-a-token")).toEqual({ state: "unknown" });
  });

  it("refuses bad input and changes nothing: weak password, unknown role mix, taken email, foreign team", async () => {
    pinClock(T0);
    const actor = await manager();
    const { partner, admin } = await createPartnerTeam(t.db);
    const other = await createPartnerTeam(t.db);
    const before = await t.db.selectFrom("invitations").select("id").execute();
    expect(
      await createInvitation(t.db, { email: "x@vendor.test", role: "channel_manager", partnerId: partner.id }, actor),
    ).toMatchObject({ ok: false, code: "forbidden" });
    expect(
      await createInvitation(t.db, { email: "x@vendor.test", role: "partner_rep", partnerId: null }, actor),
    ).toMatchObject({ ok: false, code: "forbidden" });
    expect(
      await createInvitation(t.db, { email: admin.email, role: "partner_rep", partnerId: partner.id }, actor),
    ).toMatchObject({ ok: false, code: "conflict" });
    expect(
      await createInvitation(t.db, { email: "nope", role: "partner_rep", partnerId: partner.id }, actor),
    ).toMatchObject({ ok: false, code: "invalid" });
    // A partner admin invites into its own company only, and never a channel manager.
    const adminActor = actorFor(admin);
    expect(
      await createInvitation(
        t.db,
        { email: "rep@x.test", role: "partner_rep", partnerId: other.partner.id },
        adminActor,
      ),
    ).toMatchObject({ ok: false, code: "forbidden" });
    expect(
      await createInvitation(t.db, { email: "boss@x.test", role: "channel_manager", partnerId: null }, adminActor),
    ).toMatchObject({ ok: false, code: "forbidden" });
    expect(await t.db.selectFrom("invitations").select("id").execute()).toHaveLength(before.length);
    const ok = await createInvitation(
      t.db,
      { email: "rep@x.test", role: "partner_rep", partnerId: partner.id },
      adminActor,
    );
    if (!ok.ok) throw new Error(ok.message);
    expect(await acceptInvitation(t.db, { token: ok.token, name: "Rep", password: "short" })).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { password: ["Use at least 10 characters."] },
    });
    expect(await invitationForToken(t.db, ok.token)).toMatchObject({ state: "open" });
  });
});

describe("people", () => {
  it("a manager cannot disable themself, nor the last active manager; another manager can be disabled", async () => {
    // Fresh world: only managers made here are active.
    await t.db.updateTable("users").set({ disabled: true }).where("role", "=", "channel_manager").execute();
    const me = await manager();
    expect(await disableUser(t.db, { userId: me.userId!, scope: { partnerId: null } }, me)).toMatchObject({
      ok: false,
      message: "You cannot disable your own account.",
    });
    const other = await manager();
    expect(await disableUser(t.db, { userId: other.userId!, scope: { partnerId: null } }, me)).toMatchObject({
      ok: true,
    });
    // `other` is disabled now; `me` is the last one, so `other`'s stale actor cannot disable `me`.
    expect(await disableUser(t.db, { userId: me.userId!, scope: { partnerId: null } }, other)).toMatchObject({
      ok: false,
      code: "conflict",
    });
  });

  it("a partner user is disabled only through its own partner's scope", async () => {
    const a = await createPartnerTeam(t.db);
    const b = await createPartnerTeam(t.db);
    const m = await manager();
    expect(await disableUser(t.db, { userId: a.rep.id, scope: { partnerId: b.partner.id } }, m)).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect(await disableUser(t.db, { userId: a.rep.id, scope: { partnerId: a.partner.id } }, m)).toMatchObject({
      ok: true,
    });
    expect(
      (await t.db.selectFrom("users").select("disabled").where("id", "=", a.rep.id).executeTakeFirstOrThrow()).disabled,
    ).toBe(true);
  });

  it("a manager's disable hands the person's open leads back to the partner's shared inbox (ADR 020)", async () => {
    const team = await createPartnerTeam(t.db);
    const m = await manager();
    const lead = await createLead(t.db, new Date());
    const offered = await offerLeadManually(t.db, { leadId: lead.id, partnerId: team.partner.id }, m);
    if (!offered.ok) throw new Error(offered.message);
    expect(await dispatchToRep(t.db, { offerId: offered.offerId, repId: team.rep.id }, team.adminActor)).toMatchObject({
      ok: true,
    });
    expect(await disableUser(t.db, { userId: team.rep.id, scope: { partnerId: team.partner.id } }, m)).toEqual({
      ok: true,
      name: team.rep.name,
      moved: 1,
    });
    const offer = await t.db
      .selectFrom("offers")
      .select(["rep_id", "state"])
      .where("id", "=", offered.offerId)
      .executeTakeFirstOrThrow();
    expect(offer).toEqual({ rep_id: null, state: "offered" });
    const audit = await t.db
      .selectFrom("audit_events")
      .select("details")
      .where("action", "=", "offer.dispatched")
      .where("subject_id", "=", lead.id)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ offerId: offered.offerId, repId: null, from: team.rep.id });
  });

  it("saves a profile's name and time zone", async () => {
    const m = await manager();
    expect(await saveProfile(t.db, m.userId!, { name: "Renamed", time_zone: "Asia/Tokyo" }, m)).toMatchObject({
      ok: true,
    });
    expect(
      await t.db
        .selectFrom("users")
        .select(["name", "time_zone"])
        .where("id", "=", m.userId!)
        .executeTakeFirstOrThrow(),
    ).toEqual({ name: "Renamed", time_zone: "Asia/Tokyo" });
  });
});

describe("partners", () => {
  const form = (over: Record<string, string> = {}) =>
    partnerFieldsSchema.parse({
      name: `Acme ${Math.random()}`,
      contact_email: "c@acme.test",
      territories: "US-NY",
      verticals: "",
      capacity: "4",
      time_zone: "America/New_York",
      active: "on",
      ...over,
    });

  it("creates and edits a partner; a name clash or an unknown vertical is a field error", async () => {
    pinClock(T0);
    const m = await manager();
    const created = await createPartnerWithForm(
      t.db,
      form({ name: "Unique Partner One", paused_until: "2026-03-10" }),
      m,
    );
    if (!created.ok) throw new Error(created.message);
    const row = await t.db
      .selectFrom("partners")
      .selectAll()
      .where("id", "=", created.partnerId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ territories: ["US-NY"], capacity: 4, time_zone: "America/New_York", active: true });
    expect(row.paused_until).toEqual(new Date("2026-03-10T04:00:00Z"));
    expect(await createPartnerWithForm(t.db, form({ name: "unique partner one" }), m)).toMatchObject({
      ok: false,
      fieldErrors: { name: ["Another partner already has this name."] },
    });
    expect(
      await editPartner(
        t.db,
        created.partnerId,
        form({ name: "Unique Partner One", verticals: "no-such-vertical" }),
        m,
      ),
    ).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { verticals: [expect.stringContaining("no-such-vertical")] },
    });
    expect(
      await editPartner(t.db, created.partnerId, form({ name: "Unique Partner One", capacity: "9", active: "" }), m),
    ).toMatchObject({ ok: true });
    expect(
      await t.db
        .selectFrom("partners")
        .select(["capacity", "active"])
        .where("id", "=", created.partnerId)
        .executeTakeFirstOrThrow(),
    ).toEqual({ capacity: 9, active: false });
  });
});
