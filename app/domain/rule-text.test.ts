import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "./policy";
import { policyChanges, ruleSections } from "./rule-text";

describe("ruleSections", () => {
  it("states the policy's own durations and weights", () => {
    const text = ruleSections({ ...DEFAULT_POLICY, firstTouchWithinMinutes: 36 * 60, scoreWindowDays: 60 })
      .flatMap((s) => s.rules)
      .join("\n");
    expect(text).toContain("Log the first touch (a call, an email or a meeting) within 36 hours of accepting.");
    expect(text).toContain("over the last 60 days");
    expect(text).toContain("Weights: acceptance 30, first touch 30, updates 20, outcomes 20.");
    expect(text).toContain("after at least 4 touches spread over 7 days or more");
    expect(text).toContain("Withheld: the score is below 70, or something is overdue by more than 7 days.");
  });
});

describe("policyChanges", () => {
  it("is empty between equal versions", () => {
    expect(policyChanges(DEFAULT_POLICY, { ...DEFAULT_POLICY, version: 2 })).toEqual([]);
  });

  it("names each changed rule with its old and new value", () => {
    const next = {
      ...DEFAULT_POLICY,
      version: 2,
      firstTouchWithinMinutes: 24 * 60,
      scoreWeights: { ...DEFAULT_POLICY.scoreWeights, outcome: 10 },
    };
    expect(policyChanges(DEFAULT_POLICY, next)).toEqual([
      "Time to the first touch: 2 days → 1 day",
      "Weight of outcomes: 20 → 10",
    ]);
  });
});
