import { describe, it, expect } from "vitest";
import { DEFAULT_POLICY, addMinutes, describeMinutes, reminderAt, validatePolicy } from "./policy";

const t0 = new Date("2025-03-03T09:00:00.000Z");

describe("DEFAULT_POLICY", () => {
  it("holds the defaults of the rule table", () => {
    expect(DEFAULT_POLICY).toEqual({
      version: 1,
      acceptWithinMinutes: 2880, // 48 hours
      firstTouchWithinMinutes: 2880, // 2 days
      updateEveryMinutes: 20160, // 14 days
      outcomeWithinMinutes: 129600, // 90 days
      noResponseMinTouches: 4,
      noResponseMinSpanMinutes: 10080, // 7 days
      reminderAtFraction: 0.75,
      scoreWindowDays: 90,
      scoreWeights: { accept: 30, first_touch: 30, update: 20, outcome: 20 },
    });
    expect(validatePolicy(DEFAULT_POLICY)).toEqual([]);
  });
});

describe("addMinutes", () => {
  it("adds calendar minutes in UTC, across a daylight-saving change", () => {
    expect(addMinutes(t0, 90).toISOString()).toBe("2025-03-03T10:30:00.000Z");
    // US clocks move on 2025-03-09; UTC arithmetic does not care.
    expect(addMinutes(new Date("2025-03-08T12:00:00.000Z"), 2880).toISOString()).toBe("2025-03-10T12:00:00.000Z");
    expect(addMinutes(t0, -60).toISOString()).toBe("2025-03-03T08:00:00.000Z");
  });

  it("does not change its argument", () => {
    const d = new Date(t0);
    addMinutes(d, 5);
    expect(d.getTime()).toBe(t0.getTime());
  });
});

describe("reminderAt", () => {
  it("is when 75% of the window has passed", () => {
    const due = addMinutes(t0, 48 * 60);
    expect(reminderAt(t0, due, DEFAULT_POLICY).toISOString()).toBe("2025-03-04T21:00:00.000Z"); // 36 h in
  });

  it("rounds up to the next millisecond, never reminding early", () => {
    const due = new Date(t0.getTime() + 3); // 75% of 3 ms = 2.25 ms
    expect(reminderAt(t0, due, { reminderAtFraction: 0.75 }).getTime()).toBe(t0.getTime() + 3);
  });

  it("follows the policy's fraction", () => {
    const due = addMinutes(t0, 100);
    expect(reminderAt(t0, due, { reminderAtFraction: 0.5 }).toISOString()).toBe(addMinutes(t0, 50).toISOString());
  });
});

describe("describeMinutes", () => {
  it("reads in the largest whole unit", () => {
    expect(describeMinutes(2880)).toBe("2 days");
    expect(describeMinutes(1440)).toBe("1 day");
    expect(describeMinutes(36 * 60)).toBe("36 hours");
    expect(describeMinutes(60)).toBe("1 hour");
    expect(describeMinutes(90)).toBe("90 minutes");
    expect(describeMinutes(1)).toBe("1 minute");
  });
});

describe("validatePolicy", () => {
  it("names each field that is not a positive whole number", () => {
    const problems = validatePolicy({
      ...DEFAULT_POLICY,
      acceptWithinMinutes: 0,
      firstTouchWithinMinutes: -5,
      updateEveryMinutes: 1.5,
      outcomeWithinMinutes: Number.NaN,
      noResponseMinSpanMinutes: "7 days",
      noResponseMinTouches: 0,
      version: 0,
    });
    expect(problems).toEqual([
      "The policy version must be a whole number above 0.",
      "The time to accept or decline an offer must be a whole number of minutes above 0.",
      "The time to the first touch must be a whole number of minutes above 0.",
      "The time between status updates must be a whole number of minutes above 0.",
      "The time to report the outcome must be a whole number of minutes above 0.",
      "The span of touches before “no response” must be a whole number of minutes above 0.",
      "The number of touches before “no response” must be a whole number above 0.",
    ]);
  });

  it("accepts 1 as the smallest valid duration", () => {
    expect(validatePolicy({ ...DEFAULT_POLICY, acceptWithinMinutes: 1, noResponseMinTouches: 1 })).toEqual([]);
  });

  it("requires the reminder fraction strictly between 0 and 1", () => {
    const msg = "The reminder point must be a fraction between 0 and 1 (for example 0.75).";
    for (const bad of [0, 1, -0.1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, "0.75", undefined]) {
      expect(validatePolicy({ ...DEFAULT_POLICY, reminderAtFraction: bad })).toEqual([msg]);
    }
    for (const good of [0.001, 0.5, 0.999]) {
      expect(validatePolicy({ ...DEFAULT_POLICY, reminderAtFraction: good })).toEqual([]);
    }
  });

  it("needs a window of whole days and whole weights, at least one above 0", () => {
    const weights = "Each score weight must be a whole number, 0 or more, and at least one above 0.";
    expect(validatePolicy({ ...DEFAULT_POLICY, scoreWindowDays: 0 })).toEqual([
      "The score's window must be a whole number of days above 0.",
    ]);
    expect(
      validatePolicy({ ...DEFAULT_POLICY, scoreWeights: { accept: 0, first_touch: 0, update: 0, outcome: 0 } }),
    ).toEqual([weights]);
    expect(
      validatePolicy({ ...DEFAULT_POLICY, scoreWeights: { accept: -1, first_touch: 30, update: 20, outcome: 20 } }),
    ).toEqual([weights]);
    expect(validatePolicy({ ...DEFAULT_POLICY, scoreWeights: { accept: 30, first_touch: 30, update: 20 } })).toEqual([
      weights,
    ]);
    expect(
      validatePolicy({ ...DEFAULT_POLICY, scoreWeights: { accept: 1, first_touch: 0, update: 0, outcome: 0 } }),
    ).toEqual([]);
  });

  it("reports every missing field of an empty object", () => {
    expect(validatePolicy({})).toHaveLength(10);
  });
});
