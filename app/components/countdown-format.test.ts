import { describe, expect, it } from "vitest";
import { describeTimeLeft, formatInZone } from "./countdown-format";

const now = new Date("2025-01-14T12:00:00Z");
const plus = (ms: number) => new Date(now.getTime() + ms);
const MIN = 60_000;
const H = 60 * MIN;

describe("describeTimeLeft", () => {
  it("rounds down to the two largest units", () => {
    expect(describeTimeLeft(plus(2 * 24 * H + 4 * H + 59 * MIN), now)).toEqual({
      text: "2 d 4 h left",
      tone: "neutral",
      overdue: false,
    });
    expect(describeTimeLeft(plus(3 * H + 5 * MIN), now)).toMatchObject({ text: "3 h 5 min left", tone: "warning" });
    expect(describeTimeLeft(plus(30_000), now).text).toBe("1 min left");
  });

  it("is overdue at the due instant and after", () => {
    expect(describeTimeLeft(now, now)).toEqual({ text: "due now", tone: "danger", overdue: true });
    expect(describeTimeLeft(plus(-3 * H), now)).toMatchObject({ text: "overdue by 3 h", overdue: true });
    expect(describeTimeLeft(plus(1), now).overdue).toBe(false);
  });
});

describe("formatInZone", () => {
  it("shows the time in the named zone", () => {
    const r = formatInZone(now, "America/Los_Angeles");
    expect(r.zone).toBe("America/Los_Angeles");
    expect(r.text).toContain("04:00");
    expect(r.text).toMatch(/Tue/);
  });

  it("falls back to UTC for an unknown zone", () => {
    expect(formatInZone(now, "Mars/Olympus")).toMatchObject({ zone: "UTC" });
  });
});
