import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedOnFirstStart } from "~/demo/seed.server";
import { changePassword } from "~/services/account.server";
import { DEMO_PASSWORD, DEMO_PASSWORD_HASH, demoNoticeShown, refreshDemoNotice } from "~/services/demo-notice.server";
import { createFirstManager, setupIsOpen } from "~/services/first-run.server";
import { expectOk } from "../support/outcome";
import { useTestDatabase } from "../support/test-database";

const t = useTestDatabase({ beforeAll, afterAll });
const userCount = async () => (await t.db.selectFrom("users").select("id").execute()).length;

describe("first start", () => {
  it("puts no demo data into PostgreSQL, nor into an embedded directory started empty", async () => {
    expect(await seedOnFirstStart(t.db, { database: "postgres", demo: true })).toBeNull();
    expect(await seedOnFirstStart(t.db, { database: "pglite", demo: false })).toBeNull();
    expect(await userCount()).toBe(0);
    expect(await t.db.selectFrom("partners").select("id").execute()).toEqual([]);
  });
});

describe("first-run setup", () => {
  it("refuses bad input with field errors and creates nobody", async () => {
    const result = await createFirstManager(t.db, { name: "Ana Lima", email: "not an email", password: "short" });
    expect(result).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { email: [expect.any(String)], password: [expect.any(String)] },
    });
    expect(await userCount()).toBe(0);
    expect(await setupIsOpen(t.db)).toBe(true);
  });

  it("creates exactly one channel manager when several people submit at once, then never again", async () => {
    const attempts = await Promise.all(
      ["ana", "ben", "cleo", "dev", "eve"].map((who) =>
        createFirstManager(t.db, { name: who, email: `${who}@vendor.test`, password: "a long enough password" }),
      ),
    );
    const created = attempts.filter((r) => r.ok);
    expect(created).toHaveLength(1);
    expect(attempts.filter((r) => !r.ok && r.code === "conflict")).toHaveLength(4);
    const winner = created[0];
    expectOk(winner);
    expect(winner.user.role).toBe("channel_manager");
    expect(winner.setCookie).toMatch(/^portal_session=/);
    expect(await t.db.selectFrom("sessions").select("user_id").execute()).toEqual([{ user_id: winner.user.id }]);

    expect(await setupIsOpen(t.db)).toBe(false);
    const later = await createFirstManager(t.db, {
      name: "Late",
      email: "late@vendor.test",
      password: "a long enough password",
    });
    expect(later).toMatchObject({ ok: false, code: "conflict" });
    expect(await userCount()).toBe(1);
  });
});

describe("demo notice", () => {
  it("shows while an enabled user still has the public demo password, and goes with its change", async () => {
    expect(await refreshDemoNotice(t.db)).toBe(false); // the manager above chose a password
    const demoUser = await t.db
      .insertInto("users")
      .values({ email: "rep1@demo.test", name: "Demo Rep", role: "channel_manager", password_hash: DEMO_PASSWORD_HASH })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(await refreshDemoNotice(t.db)).toBe(true);
    expect(demoNoticeShown()).toBe(true);

    const changed = await changePassword(t.db, {
      userId: demoUser.id,
      currentSessionId: "none",
      currentPassword: DEMO_PASSWORD,
      newPassword: "my own private words",
      clientAddress: "192.0.2.1",
    });
    expect(changed.ok).toBe(true);
    expect(demoNoticeShown()).toBe(false);
  });
});
