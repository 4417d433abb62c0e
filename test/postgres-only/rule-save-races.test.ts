/** Saves of the rules at once (ADR 019): one version per change, consecutive numbers, one in force, no 500. */
import { afterAll, beforeAll, expect, it } from "vitest";
import { policyInForce } from "~/models/policy.server";
import { scoringConfigInForce } from "~/models/scoring-config.server";
import { editPolicy } from "~/services/policy.server";
import { saveScoringVersion } from "~/services/scoring-rules.server";
import { createManager } from "../support/factories";
import { useTestDatabase } from "../support/test-database";

const t = useTestDatabase({ beforeAll, afterAll });
const NOTHING_CHANGED = /^Nothing changed/;

async function versions(table: "policies" | "scoring_configs") {
  return t.db.selectFrom(table).select(["version", "in_force"]).orderBy("version").execute();
}

it("identical policy saves at once (2–8) make exactly one version; the others are told nothing changed", async () => {
  const { actor } = await createManager(t.db);
  for (let n = 2; n <= 8; n++) {
    const { version, ...rules } = await policyInForce(t.db);
    const before = await versions("policies");
    const results = await Promise.all(
      Array.from({ length: n }, () =>
        editPolicy(t.db, { rules: { ...rules, acceptWithinMinutes: rules.acceptWithinMinutes + 1 }, note: "x" }, actor),
      ),
    );
    expect(results.filter((r) => r.ok)).toEqual([{ ok: true, version: version + 1 }]);
    for (const r of results.filter((r) => !r.ok))
      expect(r).toMatchObject({ code: "invalid", message: NOTHING_CHANGED });
    const after = await versions("policies");
    expect(after).toHaveLength(before.length + 1);
    expect(after.filter((v) => v.in_force)).toEqual([{ version: version + 1, in_force: true }]);
  }
}, 60_000);

it("different policy saves at once get consecutive versions, exactly one in force", async () => {
  const { actor } = await createManager(t.db);
  const { version, ...rules } = await policyInForce(t.db);
  const results = await Promise.all(
    Array.from({ length: 8 }, (_, i) =>
      editPolicy(t.db, { rules: { ...rules, acceptWithinMinutes: 1_000 + i }, note: `v${i}` }, actor),
    ),
  );
  const made = results.map((r) => (r.ok ? r.version : -1)).sort((a, b) => a - b);
  expect(made).toEqual(Array.from({ length: 8 }, (_, i) => version + 1 + i));
  expect((await versions("policies")).filter((v) => v.in_force)).toEqual([{ version: version + 8, in_force: true }]);
}, 60_000);

it("identical and different scoring saves at once: one version per change, consecutive, one in force", async () => {
  const { actor } = await createManager(t.db);
  for (let n = 2; n <= 8; n++) {
    const current = await scoringConfigInForce(t.db);
    const before = await versions("scoring_configs");
    const config = { ...current, threshold: current.threshold + 1 };
    const results = await Promise.all(
      Array.from({ length: n }, () => saveScoringVersion(t.db, { config, note: "x" }, actor)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((r) => !r.ok))
      expect(r).toMatchObject({ code: "invalid", message: NOTHING_CHANGED });
    expect(await versions("scoring_configs")).toHaveLength(before.length + 1);
  }
  const current = await scoringConfigInForce(t.db);
  const top = Math.max(...(await versions("scoring_configs")).map((v) => v.version));
  const results = await Promise.all(
    Array.from({ length: 8 }, (_, i) =>
      saveScoringVersion(t.db, { config: { ...current, threshold: current.threshold + 10 + i }, note: `v${i}` }, actor),
    ),
  );
  expect(results.map((r) => (r.ok ? r.version : -1)).sort((a, b) => a - b)).toEqual(
    Array.from({ length: 8 }, (_, i) => top + 1 + i),
  );
  expect((await versions("scoring_configs")).filter((v) => v.in_force)).toEqual([{ version: top + 8, in_force: true }]);
}, 60_000);
