import { describe, expect, it } from "vitest";
import { timeZones, timeZoneSchema } from "./time-zones";

describe("time zones", () => {
  it("lists IANA zones with UTC first, once", () => {
    expect(timeZones()[0]).toBe("UTC");
    expect(timeZones().filter((z) => z === "UTC")).toHaveLength(1);
    expect(timeZones()).toContain("America/New_York");
  });

  it("accepts a listed zone and refuses anything else", () => {
    expect(timeZoneSchema.safeParse(" Europe/Berlin ").data).toBe("Europe/Berlin");
    expect(timeZoneSchema.safeParse("Mars/Olympus").success).toBe(false);
    expect(timeZoneSchema.safeParse("+02:00").success).toBe(false);
  });
});
