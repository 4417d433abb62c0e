import { describe, expect, it } from "vitest";
import { duplicateWindowStart, isPossibleDuplicate, possibleDuplicateOf } from "./intake-dedupe";

const now = new Date("2026-06-01T12:00:00Z");
const day = 24 * 60 * 60 * 1000;
const lead = (
  id: string,
  daysAgo: number,
  keys: Partial<{ contactEmail: string; companyName: string; contactPhone: string }>,
) => ({
  id,
  intakeAt: new Date(now.getTime() - daysAgo * day),
  contactEmail: keys.contactEmail ?? null,
  companyName: keys.companyName ?? "Other Co",
  contactPhone: keys.contactPhone ?? null,
});

describe("possible duplicates", () => {
  const candidate = { contactEmail: "ada@example.com", companyName: "Acme", contactPhone: "+14155550100" };

  it("matches the same email in any case, or the same company and phone", () => {
    expect(
      isPossibleDuplicate(candidate, { contactEmail: "ADA@example.com", companyName: "x", contactPhone: null }),
    ).toBe(true);
    expect(
      isPossibleDuplicate(candidate, { contactEmail: null, companyName: "ACME", contactPhone: "+14155550100" }),
    ).toBe(true);
    expect(
      isPossibleDuplicate(candidate, { contactEmail: null, companyName: "Acme Ltd", contactPhone: "+14155550100" }),
    ).toBe(false);
    expect(isPossibleDuplicate(candidate, { contactEmail: null, companyName: "Acme", contactPhone: null })).toBe(false);
  });

  it("never matches on missing values", () => {
    const bare = { contactEmail: null, companyName: "Acme", contactPhone: null };
    expect(isPossibleDuplicate(bare, { contactEmail: null, companyName: "Acme", contactPhone: null })).toBe(false);
  });

  it("looks back exactly 90 days, inclusive", () => {
    expect(duplicateWindowStart(now)).toEqual(new Date(now.getTime() - 90 * day));
    const edge = {
      id: "a",
      intakeAt: duplicateWindowStart(now),
      contactEmail: "ada@example.com",
      companyName: "x",
      contactPhone: null,
    };
    expect(possibleDuplicateOf(candidate, [edge], now)).toBe("a");
    expect(
      possibleDuplicateOf(candidate, [{ ...edge, intakeAt: new Date(edge.intakeAt.getTime() - 1) }], now),
    ).toBeNull();
  });

  it("links to the earliest recent match", () => {
    const earlier = [
      lead("b", 10, { contactEmail: "ada@example.com" }),
      lead("a", 30, { companyName: "acme", contactPhone: "+14155550100" }),
      lead("z", 120, { contactEmail: "ada@example.com" }),
      lead("c", 40, { contactEmail: "someone@else.com" }),
    ];
    expect(possibleDuplicateOf(candidate, earlier, now)).toBe("a");
  });
});
