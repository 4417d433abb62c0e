import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { DB } from "@db/client";
import { KyselySessionAdapter, readSessionId, startSession, validateSession } from "~/auth/lucia.server";
import { hashPassword } from "~/auth/password.server";
import { pinClock } from "~/clock.server";
import {
  changePassword,
  CLI_ACTOR,
  createUser,
  INVALID_CREDENTIALS,
  setUserDisabled,
  signIn,
  signOut,
} from "~/services/account.server";
import { SIGN_IN_THROTTLE } from "~/security/sign-in-throttle";
import { useTestDatabase } from "../support/test-database";
import { expectOk } from "../support/outcome";

const t = useTestDatabase({ beforeAll, afterAll });
afterEach(() => pinClock(null));

let seq = 0;
const PASSWORD = "correct horse battery";
const HERE = "192.0.2.1";

async function partner(db: DB) {
  return db
    .insertInto("partners")
    .values({ name: `Auth Partner ${++seq}`, contact_email: `p${seq}@auth.test`, territories: ["US"] })
    .returning("id")
    .executeTakeFirstOrThrow();
}

async function user(db: DB, role: "channel_manager" | "partner_rep" = "channel_manager") {
  const partnerId = role === "channel_manager" ? undefined : (await partner(db)).id;
  const result = await createUser(
    db,
    { email: `user${++seq}@auth.test`, role, partnerId, password: PASSWORD },
    CLI_ACTOR,
  );
  expectOk(result);
  return result.user;
}

async function sessionCount(db: DB, userId: string) {
  const rows = await db.selectFrom("sessions").select("id").where("user_id", "=", userId).execute();
  return rows.length;
}

describe("the Kysely session adapter", () => {
  it("round-trips sessions through the seven adapter methods", async () => {
    const u = await user(t.db, "partner_rep");
    const adapter = new KyselySessionAdapter(t.db);
    const expiresAt = new Date(Date.now() + 3600_000);

    await adapter.setSession({ id: "s-one", userId: u.id, expiresAt, attributes: {} });
    await adapter.setSession({ id: "s-two", userId: u.id, expiresAt, attributes: {} });

    const [session, dbUser] = await adapter.getSessionAndUser("s-one");
    expect(session).toEqual({ id: "s-one", userId: u.id, expiresAt, attributes: {} });
    expect(dbUser).toEqual({
      id: u.id,
      attributes: { email: u.email, name: u.name, role: "partner_rep", partnerId: u.partner_id },
    });
    expect(await adapter.getSessionAndUser("missing")).toEqual([null, null]);
    expect((await adapter.getUserSessions(u.id)).map((s) => s.id).sort()).toEqual(["s-one", "s-two"]);

    const later = new Date(expiresAt.getTime() + 86_400_000);
    await adapter.updateSessionExpiration("s-one", later);
    expect((await adapter.getSessionAndUser("s-one"))[0]?.expiresAt).toEqual(later);

    await adapter.deleteSession("s-two");
    expect((await adapter.getUserSessions(u.id)).map((s) => s.id)).toEqual(["s-one"]);

    await adapter.setSession({ id: "s-old", userId: u.id, expiresAt: new Date(Date.now() - 1000), attributes: {} });
    await adapter.deleteExpiredSessions();
    expect((await adapter.getUserSessions(u.id)).map((s) => s.id)).toEqual(["s-one"]);

    await adapter.deleteUserSessions(u.id);
    expect(await adapter.getUserSessions(u.id)).toEqual([]);
  });

  it("validates a session from its cookie and drops an expired one", async () => {
    const u = await user(t.db);
    const { session, setCookie } = await startSession(t.db, u.id);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Path=\//);
    const id = readSessionId(setCookie.split(";")[0]);
    expect(id).toBe(session.id);
    const valid = await validateSession(t.db, id!);
    expect(valid?.user).toMatchObject({ id: u.id, email: u.email, role: "channel_manager", partnerId: null });

    // Malformed or foreign cookies are no session, never an error.
    expect(readSessionId("portal_session=%%%; other=%E0%A4%A")).toBeNull();
    expect(readSessionId("portal_session=")).toBeNull();
    expect(readSessionId("something_else=1")).toBeNull();
    expect(await validateSession(t.db, "x".repeat(5000))).toBeNull();

    await t.db
      .updateTable("sessions")
      .set({ expires_at: new Date(Date.now() - 1) })
      .where("id", "=", id!)
      .execute();
    expect(await validateSession(t.db, id!)).toBeNull();
    expect(await sessionCount(t.db, u.id)).toBe(0);
  });
});

describe("session limits (defaults: 12 h idle, 7 days after sign-in)", () => {
  const HOUR = 3600_000;
  const T0 = new Date("2026-03-02T08:00:00Z");
  // lucia reads Date.now(): move the system time, nothing else.
  const at = (ms: number) => vi.setSystemTime(new Date(T0.getTime() + ms));
  beforeAll(() => vi.useFakeTimers({ toFake: ["Date"] }));
  afterAll(() => vi.useRealTimers());

  it("ends a session left unused for the idle time; one in use is kept", async () => {
    const u = await user(t.db);
    at(0);
    const idle = (await startSession(t.db, u.id)).session.id;
    const used = (await startSession(t.db, u.id)).session.id;
    at(11 * HOUR);
    expect(await validateSession(t.db, used)).not.toBeNull(); // past half: moved on to 23 h
    at(12 * HOUR + 1000);
    expect(await validateSession(t.db, idle)).toBeNull();
    expect(await validateSession(t.db, used)).not.toBeNull();
    at(23 * HOUR + 12 * HOUR + 1000); // 12 h after the last extension, untouched since
    expect(await validateSession(t.db, used)).toBeNull();
    expect(await sessionCount(t.db, u.id)).toBe(0);
  });

  it("ends even a busy session 7 days after sign-in", async () => {
    const u = await user(t.db);
    at(0);
    const id = (await startSession(t.db, u.id)).session.id;
    for (let h = 6; h < 168; h += 6) {
      at(h * HOUR);
      expect(await validateSession(t.db, id), `hour ${h}`).not.toBeNull();
    }
    at(167 * HOUR + 59 * 60_000);
    expect(await validateSession(t.db, id)).not.toBeNull();
    at(168 * HOUR);
    expect(await validateSession(t.db, id)).toBeNull();
  });
});

describe("sign-in", () => {
  it("signs in with the right password, records the attempt and an audit event", async () => {
    const u = await user(t.db);
    const result = await signIn(t.db, {
      clientAddress: HERE,
      email: `  ${u.email.toUpperCase()} `,
      password: PASSWORD,
    });
    expectOk(result);
    expect(await validateSession(t.db, result.session.id)).not.toBeNull();
    const audit = await t.db.selectFrom("audit_events").selectAll().where("subject_id", "=", u.id).execute();
    expect(audit.map((a) => a.action)).toEqual(["user.created", "user.signed_in"]);

    await signOut(t.db, { sessionId: result.session.id, user: u });
    expect(await validateSession(t.db, result.session.id)).toBeNull();
    const actions = await t.db.selectFrom("audit_events").select("action").where("subject_id", "=", u.id).execute();
    expect(actions.map((a) => a.action)).toContain("user.signed_out");
  });

  it("ends the session the browser already had", async () => {
    const u = await user(t.db);
    const first = await signIn(t.db, { clientAddress: HERE, email: u.email, password: PASSWORD });
    expectOk(first);
    const second = await signIn(t.db, {
      clientAddress: HERE,
      email: u.email,
      password: PASSWORD,
      previousSessionId: first.session.id,
    });
    expectOk(second);
    expect(await validateSession(t.db, first.session.id)).toBeNull();
    expect(await validateSession(t.db, second.session.id)).not.toBeNull();
  });

  it("refuses a wrong password and an unknown email with the same message", async () => {
    const u = await user(t.db);
    expect(await signIn(t.db, { clientAddress: HERE, email: u.email, password: "wrong password" })).toEqual({
      ok: false,
      code: "invalid",
      message: INVALID_CREDENTIALS,
    });
    expect(await signIn(t.db, { clientAddress: HERE, email: "nobody@auth.test", password: PASSWORD })).toMatchObject({
      ok: false,
      message: INVALID_CREDENTIALS,
    });
  });

  it("verifies at most 5 of 20 parallel wrong guesses: each is recorded before the hash is checked", async () => {
    const u = await user(t.db);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        signIn(t.db, { clientAddress: HERE, email: u.email, password: `wrong-${i}` }),
      ),
    );
    // Each counts every attempt already recorded, its later neighbours included: a burst may
    // get fewer than 5 verified, never more.
    const verified = results.filter((r) => !r.ok && r.code === "invalid").length;
    expect(verified).toBeLessThanOrEqual(SIGN_IN_THROTTLE.pair.free);
    expect(results.filter((r) => !r.ok && r.code === "throttled")).toHaveLength(20 - verified);
  });

  it("slows a stranger hammering an account while the owner signs in from another address", async () => {
    const u = await user(t.db);
    const t0 = new Date("2030-03-01T10:00:00Z");
    for (let i = 0; i < 30; i++) {
      pinClock(new Date(t0.getTime() + i * 1000));
      await signIn(t.db, { clientAddress: "198.51.100.66", email: u.email, password: `guess-${i}` });
    }
    pinClock(new Date(t0.getTime() + 31_000));
    expect(await signIn(t.db, { clientAddress: "198.51.100.66", email: u.email, password: PASSWORD })).toMatchObject({
      code: "throttled",
    });
    expect((await signIn(t.db, { clientAddress: "203.0.113.5", email: u.email, password: PASSWORD })).ok).toBe(true);
  });

  it("asks for growing gaps after 5 failures instead of a lock, and refused attempts lengthen them", async () => {
    const u = await user(t.db);
    const t0 = new Date("2030-03-02T10:00:00Z");
    const at = (ms: number) => pinClock(new Date(t0.getTime() + ms));
    for (let i = 0; i < 5; i++) {
      at(i * 1000);
      expect(await signIn(t.db, { clientAddress: HERE, email: u.email, password: "nope" })).toMatchObject({
        code: "invalid",
      });
    }
    at(4000 + 29_999);
    const refused = await signIn(t.db, { clientAddress: HERE, email: u.email, password: PASSWORD });
    expect(refused).toMatchObject({ ok: false, code: "throttled" });
    // The 7th attempt in the window (the refused one counts) waits 1 minute after the 6th.
    at(4000 + 29_999 + 60_000);
    expect((await signIn(t.db, { clientAddress: HERE, email: u.email, password: PASSWORD })).ok).toBe(true);
  });

  it("slows one address trying many accounts (password spraying)", async () => {
    const t0 = new Date("2030-03-03T10:00:00Z");
    pinClock(t0);
    const sprayer = "198.51.100.99";
    for (let i = 0; i < SIGN_IN_THROTTLE.address.free; i++) {
      expect(
        await signIn(t.db, { clientAddress: sprayer, email: `nobody${i}@spray.test`, password: "Summer2030!" }),
      ).toMatchObject({ code: "invalid" });
    }
    expect(
      await signIn(t.db, { clientAddress: sprayer, email: "one-more@spray.test", password: "Summer2030!" }),
    ).toMatchObject({ code: "throttled" });
    const u = await user(t.db);
    expect((await signIn(t.db, { clientAddress: HERE, email: u.email, password: PASSWORD })).ok).toBe(true);
  });

  it("counts failures per email, and a success clears them", async () => {
    const u = await user(t.db);
    const other = await user(t.db);
    const t0 = new Date("2030-04-01T10:00:00Z");
    pinClock(t0);
    for (let i = 0; i < 4; i++) await signIn(t.db, { clientAddress: HERE, email: u.email, password: "nope" });
    expect((await signIn(t.db, { clientAddress: HERE, email: u.email, password: PASSWORD })).ok).toBe(true);
    for (let i = 0; i < 4; i++) await signIn(t.db, { clientAddress: HERE, email: u.email, password: "nope" });
    // 8 failures in the window, but only 4 since the last success.
    expect((await signIn(t.db, { clientAddress: HERE, email: u.email, password: PASSWORD })).ok).toBe(true);
    expect((await signIn(t.db, { clientAddress: HERE, email: other.email, password: PASSWORD })).ok).toBe(true);
  });

  it("refuses a disabled user, whose sessions are gone", async () => {
    const u = await user(t.db, "partner_rep");
    const first = await signIn(t.db, { clientAddress: HERE, email: u.email, password: PASSWORD });
    const second = await signIn(t.db, { clientAddress: HERE, email: u.email, password: PASSWORD });
    if (!first.ok || !second.ok) throw new Error("sign-in failed");

    expect(await setUserDisabled(t.db, { userId: u.id, disabled: true }, CLI_ACTOR)).toBe(true);
    expect(await sessionCount(t.db, u.id)).toBe(0);
    expect(await validateSession(t.db, first.session.id)).toBeNull();
    expect(await signIn(t.db, { clientAddress: HERE, email: u.email, password: PASSWORD })).toMatchObject({
      ok: false,
      code: "forbidden",
    });

    // Even a session row that survived (written behind our back) does not validate.
    await t.db
      .insertInto("sessions")
      .values({ id: "stray", user_id: u.id, expires_at: new Date(Date.now() + 3600_000) })
      .execute();
    expect(await validateSession(t.db, "stray")).toBeNull();
    expect(await sessionCount(t.db, u.id)).toBe(0);

    await setUserDisabled(t.db, { userId: u.id, disabled: false }, CLI_ACTOR);
    expect((await signIn(t.db, { clientAddress: HERE, email: u.email, password: PASSWORD })).ok).toBe(true);
  });
});

describe("password change", () => {
  it("ends the other sessions and gives this one a new id", async () => {
    const u = await user(t.db);
    const here = await signIn(t.db, { clientAddress: HERE, email: u.email, password: PASSWORD });
    const phone = await signIn(t.db, { clientAddress: HERE, email: u.email, password: PASSWORD });
    if (!here.ok || !phone.ok) throw new Error("sign-in failed");

    const result = await changePassword(t.db, {
      clientAddress: HERE,
      userId: u.id,
      currentSessionId: here.session.id,
      currentPassword: PASSWORD,
      newPassword: "a much better passphrase",
    });
    expect(result).toMatchObject({ ok: true, endedSessions: 1 });
    // This browser stays signed in under a new session id; the old id is worthless.
    expect(await validateSession(t.db, here.session.id)).toBeNull();
    expectOk(result);
    expect(await validateSession(t.db, readSessionId(result.setCookie.split(";")[0])!)).not.toBeNull();
    expect(await validateSession(t.db, phone.session.id)).toBeNull();
    expect((await signIn(t.db, { clientAddress: HERE, email: u.email, password: PASSWORD })).ok).toBe(false);
    expect((await signIn(t.db, { clientAddress: HERE, email: u.email, password: "a much better passphrase" })).ok).toBe(
      true,
    );
    const actions = await t.db.selectFrom("audit_events").select("action").where("subject_id", "=", u.id).execute();
    expect(actions.map((a) => a.action)).toContain("user.password_changed");
  });

  it("throttles guesses of the current password like sign-ins", async () => {
    const u = await user(t.db);
    const s = await signIn(t.db, { clientAddress: HERE, email: u.email, password: PASSWORD });
    expectOk(s);
    const guess = (i: number) =>
      changePassword(t.db, {
        userId: u.id,
        currentSessionId: s.session.id,
        clientAddress: HERE,
        currentPassword: `guess-${i}`,
        newPassword: "long enough password",
      });
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => guess(i)));
    const throttled = results.filter((r) => !r.ok && r.code === "throttled");
    expect(throttled.length).toBeGreaterThanOrEqual(10 - SIGN_IN_THROTTLE.pair.free);
  });

  it("needs the current password and a new one of at least 10 characters", async () => {
    const u = await user(t.db);
    const s = await signIn(t.db, { clientAddress: HERE, email: u.email, password: PASSWORD });
    expectOk(s);
    const base = { userId: u.id, currentSessionId: s.session.id, clientAddress: HERE };
    expect(
      await changePassword(t.db, { ...base, currentPassword: "wrong", newPassword: "long enough password" }),
    ).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { currentPassword: ["This is not your current password."] },
    });
    expect(await changePassword(t.db, { ...base, currentPassword: PASSWORD, newPassword: "short" })).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { newPassword: ["Use at least 10 characters."] },
    });
    expect(await changePassword(t.db, { ...base, currentPassword: PASSWORD, newPassword: PASSWORD })).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { newPassword: [expect.stringMatching(/different/)] },
    });
  });
});

describe("createUser", () => {
  it("validates email, role, partner and password with clear messages", async () => {
    const p = await partner(t.db);
    const attempt = (input: Parameters<typeof createUser>[1]) => createUser(t.db, input, CLI_ACTOR);
    expect(await attempt({ email: "not-an-email", role: "channel_manager", password: PASSWORD })).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { email: [expect.stringMatching(/valid email/)] },
    });
    expect(await attempt({ email: "a@auth.test", role: "boss", password: PASSWORD })).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { role: [expect.stringMatching(/channel_manager, partner_admin, partner_rep/)] },
    });
    expect(await attempt({ email: "a@auth.test", role: "channel_manager", password: "123456789" })).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { password: ["Use at least 10 characters."] },
    });
    expect(await attempt({ email: "a@auth.test", role: "partner_rep", password: PASSWORD })).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { partnerId: [expect.stringMatching(/needs the partner/)] },
    });
    expect(
      await attempt({ email: "a@auth.test", role: "channel_manager", partnerId: p.id, password: PASSWORD }),
    ).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { partnerId: [expect.stringMatching(/vendor/)] },
    });
    expect(
      await attempt({
        email: "a@auth.test",
        role: "partner_rep",
        partnerId: "00000000-0000-0000-0000-000000000000",
        password: PASSWORD,
      }),
    ).toMatchObject({ ok: false, code: "invalid", fieldErrors: { partnerId: ["No partner has this id."] } });
  });

  it("refuses a duplicate email whatever its case, and stores an argon2id hash", async () => {
    const p = await partner(t.db);
    const created = await createUser(
      t.db,
      { email: "Dup@Auth.test", role: "partner_admin", partnerId: p.id, password: PASSWORD },
      CLI_ACTOR,
    );
    expectOk(created);
    expect(created.user.email).toBe("dup@auth.test");
    expect(created.user.name).toBe("Dup");
    expect(created.user.password_hash).toMatch(/^\$argon2id\$/);
    expect(
      await createUser(t.db, { email: "DUP@auth.test", role: "channel_manager", password: PASSWORD }, CLI_ACTOR),
    ).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { email: ["A user with this email already exists."] },
    });
    const audit = await t.db
      .selectFrom("audit_events")
      .selectAll()
      .where("subject_id", "=", created.user.id)
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: "user.created", actor_label: "cli:create-user" });
  });

  it("hashes with argon2id", async () => {
    expect(await hashPassword("anything at all")).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});
