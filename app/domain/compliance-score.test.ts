import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { OBLIGATION_KINDS, OBLIGATION_STATES, type ObligationKind, type ObligationState } from "./obligations";
import { computeScore, countsInScore, settledAt, type ScoredObligation } from "./compliance-score";
import { DEFAULT_POLICY } from "./policy";

const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const DAY = 86_400_000;
const now = new Date("2025-06-30T12:00:00.000Z");
const windowStart = new Date(now.getTime() - 90 * DAY); // 2025-04-01T12:00:00.000Z, excluded
const daysAgo = (d: number) => new Date(now.getTime() - d * DAY);
const RULES = DEFAULT_POLICY; // a 90-day window; weights 30/30/20/20

let seq = 0;
function ob(kind: ObligationKind, state: ObligationState, dueAt: Date, metAt: Date | null = null): ScoredObligation {
  if ((state === "met" || state === "met_late") && metAt === null) metAt = dueAt;
  return { id: `o${++seq}`, kind, state, dueAt, metAt, policyVersion: 1 };
}
const component = (r: ReturnType<typeof computeScore>, kind: ObligationKind) =>
  r.components.find((c) => c.kind === kind)!;

describe("a fresh start (countFrom) narrows the window", () => {
  it("counts only what settled after it, and reports it while it is inside the window", () => {
    const from = daysAgo(10);
    const obligations = [
      ob("accept", "missed", daysAgo(20)),
      ob("accept", "missed", from),
      ob("accept", "met", daysAgo(9)),
      ob("first_touch", "met_late", daysAgo(12), new Date(from.getTime() + 1)),
      ob("update", "excused", daysAgo(11)),
    ];
    const r = computeScore(obligations, now, RULES, from);
    expect([r.counted, r.countedFrom, component(r, "accept").missed, component(r, "first_touch").late]).toEqual([
      2,
      from,
      0,
      1,
    ]);
    expect(component(r, "update").excused).toBe(0);
    expect(computeScore(obligations, now, RULES).counted).toBe(4);
  });

  it("is the plain window once the window's start has passed it", () => {
    expect(computeScore([ob("accept", "met", daysAgo(5))], now, RULES, windowStart).countedFrom).toBeNull();
    expect(
      computeScore([ob("accept", "met", daysAgo(5))], now, RULES, new Date(windowStart.getTime() + 1)).countedFrom,
    ).toEqual(new Date(windowStart.getTime() + 1));
  });
});

describe("what counts in the window (now − 90 days, now]", () => {
  it("uses metAt for met obligations and dueAt otherwise", () => {
    const metAt = daysAgo(3);
    expect(settledAt(ob("update", "met", daysAgo(1), metAt))).toEqual(metAt);
    expect(settledAt(ob("update", "met_late", daysAgo(5), metAt))).toEqual(metAt);
    expect(settledAt(ob("update", "missed", daysAgo(5)))).toEqual(daysAgo(5));
    expect(settledAt(ob("update", "open", daysAgo(5)))).toEqual(daysAgo(5));
  });

  it("excludes the window's start instant, includes 1 ms after it", () => {
    expect(countsInScore(ob("accept", "missed", windowStart), now, 90)).toBe(false);
    expect(countsInScore(ob("accept", "missed", new Date(windowStart.getTime() + 1)), now, 90)).toBe(true);
    expect(countsInScore(ob("accept", "met", daysAgo(100), windowStart), now, 90)).toBe(false);
    expect(countsInScore(ob("accept", "met", daysAgo(100), new Date(windowStart.getTime() + 1)), now, 90)).toBe(true);
  });

  it("counts an open obligation from its due instant (a miss), not 1 ms before", () => {
    expect(countsInScore(ob("first_touch", "open", new Date(now.getTime() + 1)), now, 90)).toBe(false);
    expect(countsInScore(ob("first_touch", "open", now), now, 90)).toBe(true);
    expect(countsInScore(ob("first_touch", "open", new Date(now.getTime() - 1)), now, 90)).toBe(true);
  });

  it("counts an obligation met early, before it is due", () => {
    expect(countsInScore(ob("outcome", "met", new Date("2025-08-01T00:00:00.000Z"), daysAgo(1)), now, 90)).toBe(true);
  });

  it("never counts excused or cancelled ones", () => {
    expect(countsInScore(ob("update", "excused", daysAgo(1)), now, 90)).toBe(false);
    expect(countsInScore(ob("update", "cancelled", daysAgo(1)), now, 90)).toBe(false);
  });

  it("follows a custom window length", () => {
    expect(countsInScore(ob("update", "missed", daysAgo(20)), now, 30)).toBe(true);
    expect(countsInScore(ob("update", "missed", daysAgo(30)), now, 30)).toBe(false);
  });
});

describe("computeScore", () => {
  it("is 100 and provisional when nothing counts", () => {
    const r = computeScore([ob("update", "open", new Date("2025-07-10T00:00:00.000Z"))], now, RULES);
    expect(r.score).toBe(100);
    expect(r.provisional).toBe(true);
    expect(r.counted).toBe(0);
    expect(r.components.every((c) => c.value === null && c.counted === 0 && c.effectiveWeight === 0)).toBe(true);
    expect(r.reweighting).toBe("Nothing counts yet in the window: the score starts at 100.");
  });

  it("weights acceptance 30, first touch 30, updates 20, outcomes 20", () => {
    const r = computeScore(
      [
        ob("accept", "met", daysAgo(10)),
        ob("accept", "missed", daysAgo(10)), // acceptance 0.5
        ob("first_touch", "met", daysAgo(9)), // first touch 1
        ob("update", "met_late", daysAgo(8)), // updates 0.5
        ob("outcome", "missed", daysAgo(7)), // outcomes 0
      ],
      now,
      RULES,
    );
    // (30·0.5 + 30·1 + 20·0.5 + 20·0) / 100 = 55
    expect(r.score).toBe(55);
    expect(r.counted).toBe(5);
    expect(r.provisional).toBe(false);
    const row = { excused: 0 };
    expect(r.components).toEqual([
      {
        ...row,
        kind: "accept",
        label: "Acceptance",
        weight: 30,
        effectiveWeight: 30,
        counted: 2,
        onTime: 1,
        late: 0,
        missed: 1,
        value: 0.5,
        points: 15,
      },
      {
        ...row,
        kind: "first_touch",
        label: "First touch",
        weight: 30,
        effectiveWeight: 30,
        counted: 1,
        onTime: 1,
        late: 0,
        missed: 0,
        value: 1,
        points: 30,
      },
      {
        ...row,
        kind: "update",
        label: "Updates",
        weight: 20,
        effectiveWeight: 20,
        counted: 1,
        onTime: 0,
        late: 1,
        missed: 0,
        value: 0.5,
        points: 10,
      },
      {
        ...row,
        kind: "outcome",
        label: "Outcomes",
        weight: 20,
        effectiveWeight: 20,
        counted: 1,
        onTime: 0,
        late: 0,
        missed: 1,
        value: 0,
        points: 0,
      },
    ]);
    expect(r.reweighting).toBeNull();
  });

  it("shares the weight of a component with nothing counted among the others, and says so", () => {
    // Only acceptance (1.0, weight 30) and updates (0, weight 20): they carry 60 and 40.
    const r = computeScore([ob("accept", "met", daysAgo(1)), ob("update", "missed", daysAgo(1))], now, RULES);
    expect(r.score).toBe(60);
    expect(component(r, "accept")).toMatchObject({ weight: 30, effectiveWeight: 60, points: 60 });
    expect(component(r, "update")).toMatchObject({ weight: 20, effectiveWeight: 40, points: 0 });
    expect(component(r, "first_touch")).toMatchObject({ value: null, weight: 30, effectiveWeight: 0, points: 0 });
    expect(component(r, "outcome").value).toBeNull();
    expect(r.reweighting).toBe(
      "Nothing counted yet for First touch and Outcomes: their weights are shared among Acceptance and Updates in proportion to their weights.",
    );
  });

  it("reads the weights and the window from the policy, not from constants", () => {
    const history = [
      ob("accept", "met", daysAgo(1)),
      ob("outcome", "missed", daysAgo(1)),
      ob("outcome", "missed", daysAgo(40)),
    ];
    // Default weights (30 and 20) over 90 days: 30 / 50 = 60.
    expect(computeScore(history, now, RULES).score).toBe(60);
    // Outcomes weigh 70: 30 / 100.
    const heavy = { scoreWindowDays: 90, scoreWeights: { accept: 30, first_touch: 0, update: 0, outcome: 70 } };
    expect(computeScore(history, now, heavy).score).toBe(30);
    // A 30-day window leaves the old miss out.
    const short = computeScore(history, now, { ...RULES, scoreWindowDays: 30 });
    expect(short).toMatchObject({ windowDays: 30, counted: 2 });
    expect(component(short, "outcome").counted).toBe(1);
  });

  it("shows excused obligations of the window beside the counted ones", () => {
    const r = computeScore(
      [ob("update", "met", daysAgo(1)), ob("update", "excused", daysAgo(2)), ob("update", "excused", daysAgo(95))],
      now,
      RULES,
    );
    expect(component(r, "update")).toMatchObject({ counted: 1, onTime: 1, excused: 1 });
  });

  it("counts a past-due open obligation as a miss", () => {
    const r = computeScore([ob("first_touch", "open", now), ob("first_touch", "met", daysAgo(2))], now, RULES);
    expect(component(r, "first_touch")).toMatchObject({ counted: 2, onTime: 1, missed: 1, value: 0.5 });
    expect(r.score).toBe(50);
  });

  it("ignores excused and cancelled obligations entirely", () => {
    const r = computeScore(
      [ob("accept", "met", daysAgo(1)), ob("accept", "excused", daysAgo(1)), ob("accept", "cancelled", daysAgo(1))],
      now,
      RULES,
    );
    expect(r.score).toBe(100);
    expect(r.counted).toBe(1);
  });

  it("is provisional with 4 counted obligations and not with 5", () => {
    const four = [1, 2, 3, 4].map((d) => ob("update", "met", daysAgo(d)));
    expect(computeScore(four, now, RULES).provisional).toBe(true);
    expect(computeScore([...four, ob("update", "met", daysAgo(5))], now, RULES).provisional).toBe(false);
  });

  it("lets a miss fall out of the window 90 days after its due", () => {
    const history = [ob("accept", "met", daysAgo(1)), ob("accept", "missed", windowStart)];
    expect(computeScore(history, now, RULES).score).toBe(100);
    expect(computeScore(history, new Date(now.getTime() - 1), RULES).score).toBe(50);
  });

  it("rounds an exact half up (79.5 → 80)", () => {
    // updates 0.75 (weight 20) and first touch 0.825 (weight 30): (15 + 24.75) / 50 = 79.5
    const updates = [ob("update", "met", daysAgo(1)), ob("update", "met_late", daysAgo(1))]; // 0.75
    const touches = [
      ...Array.from({ length: 13 }, () => ob("first_touch", "met", daysAgo(2))),
      ...Array.from({ length: 7 }, () => ob("first_touch", "met_late", daysAgo(2))),
    ]; // (13 + 3.5) / 20 = 0.825
    expect(computeScore([...updates, ...touches], now, RULES).score).toBe(80);
  });

  it("stays an integer in 0–100 and never drops when a miss becomes a meet (property)", () => {
    const anyObligation = fc.record({
      kind: fc.constantFrom(...OBLIGATION_KINDS),
      state: fc.constantFrom(...OBLIGATION_STATES),
      dueOffsetMs: fc.integer({ min: -120 * DAY, max: 10 * DAY }),
      metOffsetMs: fc.integer({ min: -120 * DAY, max: 0 }),
    });
    fc.assert(
      fc.property(fc.array(anyObligation, { maxLength: 30 }), fc.nat(), (rows, pick) => {
        const obligations = rows.map((r, i): ScoredObligation => ({
          id: String(i),
          kind: r.kind,
          state: r.state,
          dueAt: new Date(now.getTime() + r.dueOffsetMs),
          metAt: r.state === "met" || r.state === "met_late" ? new Date(now.getTime() + r.metOffsetMs) : null,
          policyVersion: 1,
        }));
        const before = computeScore(obligations, now, RULES);
        expect(Number.isInteger(before.score)).toBe(true);
        expect(before.score).toBeGreaterThanOrEqual(0);
        expect(before.score).toBeLessThanOrEqual(100);
        for (const c of before.components) expect(c.onTime + c.late + c.missed).toBe(c.counted);
        if (before.counted > 0) {
          expect(before.components.reduce((sum, c) => sum + c.effectiveWeight, 0)).toBeCloseTo(100, 9);
          expect(Math.round(before.components.reduce((sum, c) => sum + c.points, 0) + 1e-9)).toBe(before.score);
        }

        const missed = obligations.filter((o) => o.state === "missed" && countsInScore(o, now, 90));
        if (missed.length === 0) return;
        const target = missed[pick % missed.length];
        // Met late at the same instant it settled, so it stays in the window.
        const improved = obligations.map((o) =>
          o === target ? { ...o, state: "met_late" as const, metAt: o.dueAt } : o,
        );
        expect(computeScore(improved, now, RULES).score).toBeGreaterThanOrEqual(before.score);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
