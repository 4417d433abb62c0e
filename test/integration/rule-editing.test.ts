/** Editing the rules: policy versions, scoring versions with their preview, and the reason lists. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { pinClock } from "~/clock.server";
import type { ScoringConfig } from "~/domain/lead-scoring";
import { policyInForce, reasonChoices, reasonIsListed } from "~/models/policy.server";
import { policyVersions, scoringVersions } from "~/models/rule-versions.server";
import { scoringConfigInForce } from "~/models/scoring-config.server";
import { acceptOffer } from "~/services/offer-decisions.server";
import { editPolicy } from "~/services/policy.server";
import { addReason, renameReason, setReasonActive } from "~/services/reasons.server";
import { routeLead } from "~/services/routing.server";
import { previewScoring, saveScoringVersion } from "~/services/scoring-rules.server";
import { createLead, createManager, createPartnerTeam } from "../support/factories";
import { expectFailure, expectOk } from "../support/outcome";
import { useTestDatabase } from "../support/test-database";

const t = useTestDatabase({ beforeAll, afterAll });
afterEach(() => pinClock(null));

const HOUR = 3_600_000;
const T0 = new Date("2026-03-02T09:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

async function rulesOf() {
  const { version, ...rules } = await policyInForce(t.db);
  return { version, rules };
}

describe("editing the policy", () => {
  it("makes a new version in force; offers made before keep theirs and their deadlines", async () => {
    const { actor } = await createManager(t.db);
    const team = await createPartnerTeam(t.db, { territories: ["PT"] });
    pinClock(at(0));
    const lead = await createLead(t.db, at(0), { territory: "PT" });
    const routed = await routeLead(t.db, lead.id);
    if (!routed.ok || routed.result !== "offered") throw new Error(JSON.stringify(routed));
    pinClock(at(HOUR));
    expectOk(await acceptOffer(t.db, routed.offerId, team.repActor));
    const before = await t.db.selectFrom("obligations").selectAll().where("offer_id", "=", routed.offerId).execute();

    const { version, rules } = await rulesOf();
    pinClock(at(2 * HOUR));
    const edited = await editPolicy(
      t.db,
      { rules: { ...rules, firstTouchWithinMinutes: 24 * 60 }, note: "Call within a day" },
      actor,
    );
    expectOk(edited);
    expect(edited.version).toBe(version + 1);

    const history = await policyVersions(t.db);
    expect(history[0]).toMatchObject({ version: version + 1, inForce: true, note: "Call within a day" });
    expect(history[0].by).toBe(
      (await t.db.selectFrom("users").select("name").where("id", "=", actor.userId!).executeTakeFirstOrThrow()).name,
    );
    expect(history.filter((v) => v.inForce)).toHaveLength(1);

    // The accepted offer's obligations keep the version and the deadlines they were planned with.
    const after = await t.db.selectFrom("obligations").selectAll().where("offer_id", "=", routed.offerId).execute();
    expect(after.map((o) => [o.id, o.policy_version, o.due_at])).toEqual(
      before.map((o) => [o.id, o.policy_version, o.due_at]),
    );
    expect(after.every((o) => o.policy_version === version)).toBe(true);

    // A new offer follows the new version.
    const next = await createLead(t.db, at(2 * HOUR), { territory: "PT" });
    const routedNext = await routeLead(t.db, next.id);
    if (!routedNext.ok || routedNext.result !== "offered") throw new Error(JSON.stringify(routedNext));
    const offer = await t.db
      .selectFrom("offers")
      .selectAll()
      .where("id", "=", routedNext.offerId)
      .executeTakeFirstOrThrow();
    expect(offer.policy_version).toBe(version + 1);
  });

  it("refuses bad rules, a missing note and a version that changes nothing, and changes nothing", async () => {
    const { actor } = await createManager(t.db);
    const { version, rules } = await rulesOf();
    expectFailure(
      await editPolicy(t.db, { rules: { ...rules, acceptWithinMinutes: 0 }, note: "Bad" }, actor),
      "invalid",
    );
    const noNote = expectFailure(
      await editPolicy(t.db, { rules: { ...rules, acceptWithinMinutes: 60 }, note: " " }, actor),
    );
    expect(noNote.fieldErrors?.note).toEqual(["Say why the rules change: partners read it."]);
    const same = expectFailure(await editPolicy(t.db, { rules, note: "Again" }, actor), "invalid");
    expect(same.message).toMatch(/Nothing changed/);
    expect((await rulesOf()).version).toBe(version);
  });
});

describe("editing the scoring", () => {
  /** An open record with these facts (a lead or an inquiry as the rules in force score it), and a closed twin. */
  async function record(facts: { contact_title: string | null; vertical: string | null }, state: "queued" | "won") {
    const lead = await createLead(t.db, at(0), { territory: "US-CA", vertical: facts.vertical, state });
    await t.db.updateTable("leads").set({ contact_title: facts.contact_title }).where("id", "=", lead.id).execute();
  }

  it("previews how many open records change between inquiry and lead, and saving rescores none", async () => {
    const { actor } = await createManager(t.db);
    const current = await scoringConfigInForce(t.db);
    // Defaults: director 20 + software 15 + US 10 = 45, a lead; director + US = 30, an inquiry.
    const baseline = await previewScoring(t.db, current);
    expectOk(baseline);
    expect(baseline.preview).toMatchObject({ leadsToInquiries: 0, inquiriesToLeads: 0 });
    const open = baseline.preview.open;
    await record({ contact_title: "Director of IT", vertical: "software" }, "queued");
    await record({ contact_title: "Director of IT", vertical: null }, "queued");
    await record({ contact_title: "Director of IT", vertical: null }, "won"); // closed: not counted

    const lower: ScoringConfig = { threshold: 30, rules: current.rules };
    const down = await previewScoring(t.db, lower);
    expectOk(down);
    expect(down.preview.open).toBe(open + 2);
    expect(down.preview).toMatchObject({ leadsToInquiries: 0, inquiriesToLeads: 1 });
    const higher: ScoringConfig = { threshold: 46, rules: current.rules };
    const up = await previewScoring(t.db, higher);
    expectOk(up);
    expect(up.preview.leadsToInquiries).toBe(1);
    expect(up.preview.inquiriesToLeads).toBe(0);

    const kinds = await t.db.selectFrom("leads").select(["id", "kind", "score"]).orderBy("id").execute();
    const saved = await saveScoringVersion(t.db, { config: higher, note: "Fewer, better leads" }, actor);
    expectOk(saved);
    expect(saved.version).toBe(current.version + 1);
    expect(await scoringConfigInForce(t.db)).toMatchObject({ version: saved.version, threshold: 46 });
    expect(await t.db.selectFrom("leads").select(["id", "kind", "score"]).orderBy("id").execute()).toEqual(kinds);
    const [latest] = await scoringVersions(t.db);
    expect(latest).toMatchObject({ version: saved.version, inForce: true, note: "Fewer, better leads" });
  });

  it("refuses a bad configuration, a missing note and no change, and changes nothing", async () => {
    const { actor } = await createManager(t.db);
    const current = await scoringConfigInForce(t.db);
    expectFailure(await previewScoring(t.db, { threshold: -1, rules: current.rules }), "invalid");
    expectFailure(
      await saveScoringVersion(t.db, { config: { threshold: -1, rules: current.rules }, note: "x" }, actor),
    );
    const noNote = expectFailure(
      await saveScoringVersion(t.db, { config: { ...current, threshold: 1 }, note: "" }, actor),
    );
    expect(noNote.fieldErrors?.note).toBeDefined();
    const same = expectFailure(await saveScoringVersion(t.db, { config: current, note: "Again" }, actor));
    expect(same.message).toMatch(/Nothing changed/);
    expect((await scoringConfigInForce(t.db)).version).toBe(current.version);
  });
});

describe("editing the reason lists", () => {
  it("adds, renames, retires and restores a reason; never two of the same; never the last one retired", async () => {
    const { actor } = await createManager(t.db);
    const added = await addReason(t.db, "lost", "Budget frozen", actor);
    expectOk(added);
    expect(added.code).toBe("budget_frozen");
    expect(await reasonIsListed(t.db, "lost", "budget_frozen")).toBe(true);
    expectFailure(await addReason(t.db, "lost", "budget frozen", actor), "invalid");

    expectOk(await renameReason(t.db, "lost", "budget_frozen", "Budget frozen this year", actor));
    expect((await reasonChoices(t.db, "lost")).find((r) => r.value === "budget_frozen")?.label).toBe(
      "Budget frozen this year",
    );
    expectFailure(await renameReason(t.db, "lost", "budget_frozen", "Price", actor), "invalid");
    expectFailure(await renameReason(t.db, "lost", "no_such_code", "Anything", actor), "not_found");

    expectOk(await setReasonActive(t.db, "lost", "budget_frozen", false, actor));
    expect(await reasonIsListed(t.db, "lost", "budget_frozen")).toBe(false);
    expect((await reasonChoices(t.db, "lost")).map((r) => r.value)).not.toContain("budget_frozen");
    const again = expectFailure(await addReason(t.db, "lost", "Budget frozen this year", actor), "invalid");
    expect(again.message).toMatch(/retired: restore it instead/);
    expectOk(await setReasonActive(t.db, "lost", "budget_frozen", true, actor));
    expect(await reasonIsListed(t.db, "lost", "budget_frozen")).toBe(true);

    // The last reason a list offers stays: partners must always have one to choose.
    const decline = await reasonChoices(t.db, "decline");
    for (const r of decline.slice(1)) expectOk(await setReasonActive(t.db, "decline", r.value, false, actor));
    expectFailure(await setReasonActive(t.db, "decline", decline[0].value, false, actor), "conflict");
    expect(await reasonChoices(t.db, "decline")).toHaveLength(1);
    for (const r of decline.slice(1)) expectOk(await setReasonActive(t.db, "decline", r.value, true, actor));
    // Nothing was deleted: every code is still there.
    const codes = await t.db.selectFrom("reason_codes").select("code").where("list", "=", "decline").execute();
    expect(codes).toHaveLength(decline.length);
  });
});
