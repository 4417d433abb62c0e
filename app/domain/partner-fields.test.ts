import { describe, expect, it } from "vitest";
import { dayInZone, partnerFieldsSchema, startOfDayInZone } from "./partner-fields";

const valid = {
  name: " Acme ",
  contact_email: "Channel@Acme.test",
  territories: "US, US-CA,US",
  verticals: "software",
  capacity: "12",
  time_zone: "America/New_York",
};

describe("partner fields", () => {
  it("reads the form: trimmed, codes split and deduplicated, capacity a number", () => {
    const parsed = partnerFieldsSchema.parse(valid);
    expect(parsed).toMatchObject({
      name: "Acme",
      contact_email: "channel@acme.test",
      territories: ["US", "US-CA"],
      verticals: ["software"],
      capacity: 12,
      paused_until: "",
    });
  });

  it("names each bad field", () => {
    const result = partnerFieldsSchema.safeParse({
      ...valid,
      territories: "usa",
      capacity: "-1",
      time_zone: "Nowhere",
      paused_until: "31/12/2026",
    });
    const fields = result.error?.issues.map((i) => i.path[0]).sort();
    expect(fields).toEqual(["capacity", "paused_until", "territories", "time_zone"]);
    expect(partnerFieldsSchema.safeParse({ ...valid, territories: " " }).error?.issues[0].message).toMatch(
      /at least one territory/,
    );
  });

  it("a pause ends at midnight of the partner's own zone, across daylight saving", () => {
    expect(startOfDayInZone("2026-07-01", "America/New_York").toISOString()).toBe("2026-07-01T04:00:00.000Z");
    expect(startOfDayInZone("2026-01-15", "America/New_York").toISOString()).toBe("2026-01-15T05:00:00.000Z");
    expect(startOfDayInZone("2026-03-01", "Asia/Kolkata").toISOString()).toBe("2026-02-28T18:30:00.000Z");
    expect(dayInZone(new Date("2026-07-01T04:00:00Z"), "America/New_York")).toBe("2026-07-01");
  });
});
