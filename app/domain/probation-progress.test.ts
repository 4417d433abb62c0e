import { describe, expect, it } from "vitest";
import { probationProgress, type ProbationObligation } from "./probation-progress";

const t = (iso: string) => new Date(`2026-03-${iso}Z`);
const ob = (over: Partial<ProbationObligation>): ProbationObligation => ({
  id: Math.random().toString(36),
  kind: "first_touch",
  state: "met",
  dueAt: t("10T12:00:00"),
  metAt: t("10T10:00:00"),
  missedAt: null,
  policyVersion: 1,
  ...over,
});

describe("probation progress", () => {
  const since = t("05T00:00:00");
  const now = t("20T00:00:00");

  it("is empty outside probation", () => {
    expect(probationProgress([ob({ state: "missed", missedAt: t("10T00:00:00") })], null, now)).toEqual({
      missedSinceProbation: 0,
      onTimeStreakSinceProbation: 0,
    });
  });

  it("counts on-time obligations in a row since probation began and resets on a late one", () => {
    const list = [
      ob({ metAt: t("06T00:00:00"), dueAt: t("07T00:00:00") }),
      ob({ state: "met_late", metAt: t("08T00:00:00"), dueAt: t("07T12:00:00"), missedAt: null }),
      ob({ metAt: t("09T00:00:00"), dueAt: t("10T00:00:00") }),
      ob({ metAt: t("11T00:00:00"), dueAt: t("12T00:00:00") }),
      ob({ metAt: t("04T00:00:00"), dueAt: t("04T12:00:00") }), // before probation: ignored
    ];
    expect(probationProgress(list, since, now).onTimeStreakSinceProbation).toBe(2);
  });

  it("lets a late one at the same instant break the run, whatever the row order", () => {
    const same = t("09T00:00:00");
    const late = ob({ state: "met_late", metAt: same, dueAt: t("08T00:00:00") });
    const onTime = ob({ metAt: same, dueAt: t("10T00:00:00") });
    expect(probationProgress([late, onTime], since, now).onTimeStreakSinceProbation).toBe(0);
    expect(probationProgress([onTime, late], since, now).onTimeStreakSinceProbation).toBe(0);
  });

  it("counts a breach recorded during probation, also when it was met late afterwards", () => {
    const list = [
      ob({ state: "met_late", dueAt: t("08T00:00:00"), missedAt: t("08T00:01:00"), metAt: t("09T00:00:00") }),
      ob({ state: "missed", kind: "accept", dueAt: t("04T00:00:00"), missedAt: t("04T00:00:00"), metAt: null }),
    ];
    expect(probationProgress(list, since, now).missedSinceProbation).toBe(1);
  });

  it("counts an open obligation that fell due during probation before the sweep marked it", () => {
    const list = [ob({ state: "open", dueAt: t("19T23:59:59"), metAt: null })];
    expect(probationProgress(list, since, now).missedSinceProbation).toBe(1);
    expect(probationProgress(list, since, t("19T23:59:58")).missedSinceProbation).toBe(0);
  });

  it("ignores excused and cancelled obligations", () => {
    const list = [
      ob({ state: "excused", missedAt: t("08T00:00:00"), metAt: null }),
      ob({ state: "cancelled", dueAt: t("08T00:00:00"), metAt: null }),
    ];
    expect(probationProgress(list, since, now)).toEqual({ missedSinceProbation: 0, onTimeStreakSinceProbation: 0 });
  });
});
