import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_MANAGER_EMAIL, seedOnFirstStart } from "~/demo/seed.server";
import { demoNoticeShown, refreshDemoNotice } from "~/services/demo-notice.server";
import { pinClock } from "~/clock.server";
import { useTestDatabase } from "../support/test-database";

const t = useTestDatabase({ beforeAll, afterAll });

describe("demo seed", () => {
  it("starts the embedded default as a living program", async () => {
    pinClock(new Date("2026-11-23T13:37:00Z")); // an hour that is not a multiple of the replay's step
    const signIns = (await seedOnFirstStart(t.db, { database: "pglite", demo: true })) ?? [];
    expect(await seedOnFirstStart(t.db, { database: "pglite", demo: true })).toBeNull(); // only into an empty one
    expect(await refreshDemoNotice(t.db)).toBe(true);
    expect(demoNoticeShown()).toBe(true);
    expect(signIns[0]).toEqual({ email: DEMO_MANAGER_EMAIL, role: "channel_manager" });
    expect(signIns.filter((s) => s.role === "partner_admin")).toHaveLength(6);
    expect(signIns.filter((s) => s.role === "partner_rep")).toHaveLength(12);

    const states = new Set((await t.db.selectFrom("leads").select("state").execute()).map((l) => l.state));
    for (const state of ["nurture", "queued", "offered", "accepted", "won", "lost", "disqualified"])
      expect(states).toContain(state);

    const standing = await t.db
      .selectFrom("partner_standing")
      .innerJoin("partners", "partners.id", "partner_standing.partner_id")
      .select(["partners.name", "partner_standing.level"])
      .where("level", "<>", "good")
      .orderBy("partners.name")
      .execute();
    expect(standing).toEqual([
      { name: "Bavaria IT Partner", level: "withheld" },
      { name: "Lone Star Integrators", level: "warning" },
    ]);
    const pending = await t.db.selectFrom("excuse_requests").select("state").execute();
    expect(pending).toEqual([{ state: "pending" }]);
    const waiting = await t.db.selectFrom("offers").select("id").where("state", "=", "offered").execute();
    expect(waiting.length).toBeGreaterThan(0);
    // Four weeks replayed through the services, each event re-scoring its partner: slow on a busy machine.
  }, 120_000);
});
