import { describe, it, expect } from "vitest";
import type { ScoreResult } from "./compliance-score";
import {
  PROBATION_OPEN_CAP,
  REINSTATE_AT_SCORE,
  WARN_BELOW_SCORE,
  WITHHOLD_BELOW_SCORE,
  WITHHOLD_OVERDUE_DAYS,
  PROBATION_ON_TIME_STREAK,
  nextStanding,
  scoreCountsFrom,
  wayBack,
  type StandingInput,
  type StandingLevel,
} from "./enforcement";

const DAY = 86_400_000;
const now = new Date("2025-06-30T12:00:00.000Z");
const since = new Date("2025-06-01T00:00:00.000Z");
const ago = (ms: number) => new Date(now.getTime() - ms);
const sevenDaysAgo = ago(7 * DAY);

function score(value: number, provisional = false): ScoreResult {
  return {
    score: value,
    provisional,
    counted: provisional ? 3 : 20,
    windowDays: 90,
    countedFrom: null,
    components: [],
    reweighting: null,
  };
}

function input(level: StandingLevel, patch: Partial<StandingInput> = {}): StandingInput {
  return {
    current: { level, since },
    score: score(95),
    overdue: [],
    missedSinceProbation: 0,
    onTimeStreakSinceProbation: 0,
    override: null,
    ...patch,
  };
}

const levelOf = (i: StandingInput, at = now) => nextStanding(i, at).level;

describe("thresholds", () => {
  it("are the documented numbers", () => {
    expect([WARN_BELOW_SCORE, WITHHOLD_BELOW_SCORE, REINSTATE_AT_SCORE]).toEqual([80, 70, 75]);
    expect([WITHHOLD_OVERDUE_DAYS, PROBATION_ON_TIME_STREAK, PROBATION_OPEN_CAP]).toEqual([7, 5, 2]);
  });
});

describe.each(["good", "warning"] as const)("from %s", (from) => {
  it("is good with a score of 80 and nothing overdue", () => {
    expect(nextStanding(input(from, { score: score(80) }), now)).toEqual({
      level: "good",
      reason: "Every deadline is kept and nothing is overdue.",
      changed: from !== "good",
    });
  });

  it("warns at 79, withholds at 69, not at 70", () => {
    expect(nextStanding(input(from, { score: score(79) }), now)).toEqual({
      level: "warning",
      reason: "The compliance score is 79, below 80.",
      changed: from !== "warning",
    });
    expect(levelOf(input(from, { score: score(70) }))).toBe("warning");
    expect(nextStanding(input(from, { score: score(69) }), now)).toEqual({
      level: "withheld",
      reason: "The compliance score is 69, below 70.",
      changed: true,
    });
  });

  it("warns on any overdue item, withholds only past 7 days overdue (7 days + 1 ms)", () => {
    expect(nextStanding(input(from, { overdue: [{ dueAt: now }] }), now)).toEqual({
      level: "warning",
      reason: "1 item is overdue.",
      changed: from !== "warning",
    });
    expect(levelOf(input(from, { overdue: [{ dueAt: new Date(sevenDaysAgo.getTime() + 1) }] }))).toBe("warning");
    expect(levelOf(input(from, { overdue: [{ dueAt: sevenDaysAgo }] }))).toBe("warning");
    expect(
      nextStanding(input(from, { overdue: [{ dueAt: new Date(sevenDaysAgo.getTime() - 1) }, { dueAt: now }] }), now),
    ).toEqual({
      level: "withheld",
      reason: "1 item is overdue by more than 7 days.",
      changed: true,
    });
  });

  it("never warns or withholds on a provisional score alone", () => {
    expect(levelOf(input(from, { score: score(10, true) }))).toBe("good");
  });

  it("still acts on overdue items with a provisional score", () => {
    expect(levelOf(input(from, { score: score(100, true), overdue: [{ dueAt: ago(DAY) }] }))).toBe("warning");
    expect(levelOf(input(from, { score: score(100, true), overdue: [{ dueAt: ago(8 * DAY) }] }))).toBe("withheld");
  });
});

describe("from withheld", () => {
  it("stays withheld while anything is overdue", () => {
    expect(nextStanding(input("withheld", { overdue: [{ dueAt: ago(DAY) }, { dueAt: ago(2 * DAY) }] }), now)).toEqual({
      level: "withheld",
      reason: "2 items are still overdue.",
      changed: false,
    });
  });

  it("moves to probation as soon as nothing is overdue, whatever the score", () => {
    expect(nextStanding(input("withheld", { score: score(40) }), now)).toEqual({
      level: "probation",
      reason: "Nothing is overdue any more: new leads resume on probation.",
      changed: true,
    });
  });
});

describe("from probation", () => {
  it("is withheld again on any miss since probation began", () => {
    expect(nextStanding(input("probation", { missedSinceProbation: 1, score: score(100) }), now)).toEqual({
      level: "withheld",
      reason: "A deadline was missed on probation (1 since it began).",
      changed: true,
    });
  });

  it("is withheld again on an item overdue by more than 7 days, not at exactly 7 days", () => {
    expect(levelOf(input("probation", { score: score(60), overdue: [{ dueAt: sevenDaysAgo }] }))).toBe("probation");
    expect(
      levelOf(input("probation", { score: score(60), overdue: [{ dueAt: new Date(sevenDaysAgo.getTime() - 1) }] })),
    ).toBe("withheld");
  });

  it("returns to good at a non-provisional score of 75, not 74", () => {
    expect(nextStanding(input("probation", { score: score(75) }), now)).toEqual({
      level: "good",
      reason: "The compliance score is 75, back at 75 or more.",
      changed: true,
    });
    expect(nextStanding(input("probation", { score: score(74) }), now)).toEqual({
      level: "probation",
      reason: "On probation until the score is 75 or 5 deadlines in a row are kept.",
      changed: false,
    });
    expect(levelOf(input("probation", { score: score(90, true) }))).toBe("probation");
  });

  it("returns to good after 5 on-time obligations in a row, not 4", () => {
    expect(levelOf(input("probation", { score: score(50), onTimeStreakSinceProbation: 4 }))).toBe("probation");
    expect(nextStanding(input("probation", { score: score(50), onTimeStreakSinceProbation: 5 }), now)).toEqual({
      level: "good",
      reason: "5 deadlines in a row were kept on probation.",
      changed: true,
    });
  });

  it("does not return to good while something is overdue", () => {
    const overdue = [{ dueAt: ago(DAY) }];
    expect(levelOf(input("probation", { score: score(95), onTimeStreakSinceProbation: 9, overdue }))).toBe("probation");
  });
});

describe("manager override", () => {
  const override = { level: "withheld" as const, expiresAt: now, reason: "Disputed deal registrations" };

  it("wins until 1 ms before it expires", () => {
    expect(nextStanding(input("good", { override }), new Date(now.getTime() - 1))).toEqual({
      level: "withheld",
      reason: "Withheld by a channel manager until 2025-06-30T12:00:00.000Z: Disputed deal registrations",
      changed: true,
    });
  });

  it("no longer applies at its expiry instant", () => {
    expect(levelOf(input("good", { override }), now)).toBe("good");
    expect(levelOf(input("good", { override }), new Date(now.getTime() + 1))).toBe("good");
  });

  it("can force a reinstatement over the rules", () => {
    const reinstate = {
      level: "good" as const,
      expiresAt: new Date("2025-07-31T00:00:00.000Z"),
      reason: "Agreed recovery plan",
    };
    const r = nextStanding(input("withheld", { override: reinstate, overdue: [{ dueAt: ago(30 * DAY) }] }), now);
    expect(r).toEqual({
      level: "good",
      reason: "Reinstated by a channel manager until 2025-07-31T00:00:00.000Z: Agreed recovery plan",
      changed: true,
    });
  });
});

describe("wayBack", () => {
  it("is empty in good standing", () => {
    expect(wayBack(input("good"), now)).toEqual([]);
  });

  it("lists the overdue work by kind, then the score to reach", () => {
    const overdue = [
      { dueAt: ago(DAY), kind: "first_touch" as const },
      { dueAt: ago(2 * DAY), kind: "first_touch" as const },
      { dueAt: ago(DAY), kind: "update" as const },
      { dueAt: ago(DAY), kind: "outcome" as const },
      { dueAt: ago(DAY) },
    ];
    expect(wayBack(input("warning", { overdue, score: score(76) }), now)).toEqual([
      "Log a first touch on 2 overdue leads",
      "Log a touch or a stage change on 1 lead with an overdue status update",
      "Report the outcome of 1 lead past the outcome deadline",
      "Clear 1 overdue item",
      "Keep upcoming deadlines to raise your score from 76 to 80",
    ]);
  });

  it("tells a withheld partner that clearing the overdue items brings probation", () => {
    expect(wayBack(input("good", { overdue: [{ dueAt: ago(10 * DAY), kind: "update" }] }), now)).toEqual([
      "Log a touch or a stage change on 1 lead with an overdue status update",
      "Once nothing is overdue, new leads resume on probation (at most 2 open at a time)",
    ]);
  });

  it("counts down the on-time streak on probation", () => {
    expect(wayBack(input("probation", { score: score(60), onTimeStreakSinceProbation: 2 }), now)).toEqual([
      "Keep every deadline for 3 more obligations in a row, or raise your score to 75",
      "Meanwhile you receive at most 2 open leads at a time, after partners in good standing",
    ]);
    expect(wayBack(input("probation", { score: score(60), onTimeStreakSinceProbation: 4 }), now)[0]).toBe(
      "Keep every deadline for 1 more obligation in a row, or raise your score to 75",
    );
  });

  it("names a manager's withhold and its expiry", () => {
    const override = { level: "withheld" as const, expiresAt: new Date("2025-07-15T00:00:00.000Z"), reason: "Audit" };
    expect(wayBack(input("good", { override }), now)).toEqual([
      "A channel manager has withheld new leads until 2025-07-15T00:00:00.000Z: Audit",
    ]);
  });
});

describe("the way back from probation is a fresh start for the score", () => {
  const probationSince = ago(10 * DAY);
  const previous = ago(200 * DAY);
  const held = { scoreFrom: previous, probationSince };

  it("starts counting from the probation's beginning when the streak earns good standing back", () => {
    expect(scoreCountsFrom(input("probation", { score: score(60), onTimeStreakSinceProbation: 5 }), now, held)).toBe(
      probationSince,
    );
    expect(
      scoreCountsFrom(input("probation", { score: score(60, true), onTimeStreakSinceProbation: 5 }), now, held),
    ).toBe(probationSince);
  });

  it("keeps the last fresh start otherwise: back by the score, still on probation, any other level, a manager's reinstatement", () => {
    expect(scoreCountsFrom(input("probation", { score: score(75), onTimeStreakSinceProbation: 5 }), now, held)).toBe(
      previous,
    );
    expect(scoreCountsFrom(input("probation", { score: score(60), onTimeStreakSinceProbation: 4 }), now, held)).toBe(
      previous,
    );
    expect(scoreCountsFrom(input("warning", { score: score(95) }), now, held)).toBe(previous);
    const override = { level: "good" as const, expiresAt: new Date(now.getTime() + DAY), reason: "Trusted" };
    expect(scoreCountsFrom(input("probation", { score: score(60), override }), now, held)).toBe(previous);
  });
});
