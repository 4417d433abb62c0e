import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { pinClock } from "~/clock.server";
import { listPossibleDuplicates } from "~/models/duplicates.server";
import { decideDuplicate } from "~/services/duplicates.server";
import { routeLead } from "~/services/routing.server";
import { createLead, createManager, createPartnerTeam } from "../support/factories";
import { useTestDatabase } from "../support/test-database";
import { expectFailure } from "../support/outcome";

const t = useTestDatabase({ beforeAll, afterAll });
afterEach(() => pinClock(null));
const T0 = new Date("2026-05-11T09:00:00Z");

/** An earlier lead and a later one flagged as its possible duplicate, waiting for routing. */
async function flaggedPair(territory: string) {
  const earlier = await createLead(t.db, T0, { territory, contact_email: `buyer-${territory}@customer.test` });
  const later = await createLead(t.db, new Date(T0.getTime() + 3_600_000), { territory });
  await t.db
    .updateTable("leads")
    .set({ duplicate_of: earlier.id, duplicate_status: "possible" })
    .where("id", "=", later.id)
    .execute();
  await t.db.insertInto("routing_jobs").values({ lead_id: later.id, trigger: "intake", enqueued_at: T0 }).execute();
  return { earlier, later };
}

describe("possible duplicates", () => {
  it("lists them with the earlier lead, and keep settles the flag once", async () => {
    const { actor } = await createManager(t.db);
    const { earlier, later } = await flaggedPair("NL");
    pinClock(T0);
    const listed = await listPossibleDuplicates(t.db);
    expect(listed.find((d) => d.id === later.id)?.earlier.id).toBe(earlier.id);

    expect(await decideDuplicate(t.db, { leadId: later.id, decision: "keep" }, actor)).toEqual({
      ok: true,
      leadId: later.id,
    });
    const kept = await t.db
      .selectFrom("leads")
      .select(["duplicate_status", "state"])
      .where("id", "=", later.id)
      .executeTakeFirstOrThrow();
    expect(kept).toEqual({ duplicate_status: "kept", state: "routing" });
    expect(await decideDuplicate(t.db, { leadId: later.id, decision: "merge" }, actor)).toMatchObject({
      ok: false,
      code: "conflict",
    });
  });

  it("merge takes the lead out of routing for good", async () => {
    const { actor } = await createManager(t.db);
    const { later } = await flaggedPair("LU");
    pinClock(T0);
    expect(await decideDuplicate(t.db, { leadId: later.id, decision: "merge" }, actor)).toMatchObject({ ok: true });
    const merged = await t.db
      .selectFrom("leads")
      .select(["duplicate_status", "state"])
      .where("id", "=", later.id)
      .executeTakeFirstOrThrow();
    expect(merged).toEqual({ duplicate_status: "merged", state: "merged" });
    expect(await t.db.selectFrom("routing_jobs").select("lead_id").where("lead_id", "=", later.id).execute()).toEqual(
      [],
    );
    expect(await routeLead(t.db, later.id)).toMatchObject({ ok: false, code: "conflict" });
  });

  it("does not merge a lead a partner holds, and changes nothing", async () => {
    const { actor } = await createManager(t.db);
    await createPartnerTeam(t.db, { territories: ["DK-84"] });
    const { later } = await flaggedPair("DK-84");
    pinClock(T0);
    expect(await routeLead(t.db, later.id)).toMatchObject({ ok: true, result: "offered" });
    const refused = await decideDuplicate(t.db, { leadId: later.id, decision: "merge" }, actor);
    expect(refused).toMatchObject({ ok: false, code: "conflict" });
    expect(expectFailure(refused).message).toMatch(/Recall it from the partner first/);
    const lead = await t.db
      .selectFrom("leads")
      .select(["duplicate_status", "state"])
      .where("id", "=", later.id)
      .executeTakeFirstOrThrow();
    expect(lead).toEqual({ duplicate_status: "possible", state: "offered" });
  });
});
