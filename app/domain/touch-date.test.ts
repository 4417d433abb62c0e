import { describe, expect, it } from "vitest";
import { dayInZone, touchTime } from "./touch-date";

const now = new Date("2026-03-10T02:30:00Z"); // 9 March, 22:30 in New York (EDT from 8 March)

describe("the day of a touch", () => {
  it("reads the day in the partner's zone", () => {
    expect(dayInZone(now, "America/New_York")).toBe("2026-03-09");
    expect(dayInZone(now, "Europe/Berlin")).toBe("2026-03-10");
  });

  it("today is now; an earlier day is its last minute in the zone", () => {
    expect(touchTime("2026-03-09", "America/New_York", now)).toEqual({ ok: true, at: now });
    expect(touchTime("2026-03-08", "America/New_York", now)).toEqual({
      ok: true,
      at: new Date("2026-03-09T03:59:00Z"),
    });
    expect(touchTime("2026-03-07", "America/New_York", now)).toEqual({
      ok: true,
      at: new Date("2026-03-08T04:59:00Z"),
    });
    expect(touchTime("2026-03-09", "Europe/Berlin", now)).toEqual({ ok: true, at: new Date("2026-03-09T22:59:00Z") });
  });

  it("refuses a future day and a day that does not exist", () => {
    expect(touchTime("2026-03-10", "America/New_York", now)).toEqual({
      ok: false,
      reason: "The day of a touch cannot be in the future.",
    });
    expect(touchTime("2026-02-30", "UTC", now).ok).toBe(false);
    expect(touchTime("yesterday", "UTC", now).ok).toBe(false);
  });
});
