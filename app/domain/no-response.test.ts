import { describe, it, expect } from "vitest";
import { DEFAULT_POLICY } from "./policy";
import { canReportNoResponse } from "./no-response";

const first = new Date("2025-03-03T09:00:00.000Z");
const sevenDaysLater = new Date("2025-03-10T09:00:00.000Z");
const at = (iso: string) => new Date(iso);

describe("canReportNoResponse (4 touches over at least 7 days)", () => {
  const middle = [at("2025-03-05T09:00:00.000Z"), at("2025-03-07T09:00:00.000Z")];

  it("allows 4 touches spanning exactly 7 days", () => {
    expect(canReportNoResponse([first, ...middle, sevenDaysLater], DEFAULT_POLICY)).toEqual({ ok: true });
  });

  it("refuses 4 touches spanning 7 days less 1 ms, allows 7 days plus 1 ms", () => {
    const short = new Date(sevenDaysLater.getTime() - 1);
    expect(canReportNoResponse([first, ...middle, short], DEFAULT_POLICY)).toEqual({
      ok: false,
      reason:
        "“No response” needs at least 4 logged touches over at least 7 days; the first and last touch are less than 7 days apart.",
    });
    const long = new Date(sevenDaysLater.getTime() + 1);
    expect(canReportNoResponse([first, ...middle, long], DEFAULT_POLICY)).toEqual({ ok: true });
  });

  it("refuses 3 touches however long the span", () => {
    expect(canReportNoResponse([first, middle[0], at("2025-05-01T00:00:00.000Z")], DEFAULT_POLICY)).toEqual({
      ok: false,
      reason: "“No response” needs at least 4 logged touches over at least 7 days; 3 touches are logged so far.",
    });
  });

  it("refuses with no touches, and says so in the singular for one", () => {
    expect(canReportNoResponse([], DEFAULT_POLICY).ok).toBe(false);
    const one = canReportNoResponse([first], DEFAULT_POLICY);
    expect(one.ok === false && one.reason.endsWith("1 touch is logged so far.")).toBe(true);
  });

  it("does not depend on the order touches are given in", () => {
    expect(canReportNoResponse([sevenDaysLater, middle[1], first, middle[0]], DEFAULT_POLICY)).toEqual({ ok: true });
  });

  it("follows the policy in force", () => {
    const lenient = { noResponseMinTouches: 2, noResponseMinSpanMinutes: 60 };
    expect(canReportNoResponse([first, at("2025-03-03T10:00:00.000Z")], lenient)).toEqual({ ok: true });
    expect(canReportNoResponse([first, at("2025-03-03T09:59:00.000Z")], lenient)).toEqual({
      ok: false,
      reason:
        "“No response” needs at least 2 logged touches over at least 1 hour; the first and last touch are less than 1 hour apart.",
    });
  });
});
