import { describe, expect, it } from "vitest";
import { summariseBulk } from "./bulk-summary";

describe("summariseBulk", () => {
  it("counts each result once, in the order first met", () => {
    expect(summariseBulk(["routed", "back in the queue: No partner is eligible.", "routed", "routed"])).toBe(
      "3 routed; 1 back in the queue: No partner is eligible.",
    );
  });

  it("says so when nothing was selected", () => {
    expect(summariseBulk([])).toBe("No lead was selected.");
  });
});
