import { describe, expect, it } from "vitest";
import { requireTestRoutes } from "./test-routes.server";

describe("test-only routes", () => {
  it("answer 404 unless TEST_CLOCK=1 was asked for", () => {
    let thrown: unknown;
    try {
      requireTestRoutes({ TEST_CLOCK: false });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(404);
    expect(() => requireTestRoutes({ TEST_CLOCK: true })).not.toThrow();
  });
});
