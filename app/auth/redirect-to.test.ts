import { describe, expect, it } from "vitest";
import { loginPathFor, safeRedirectPath } from "./redirect-to";

describe("safeRedirectPath", () => {
  it("keeps paths on this site", () => {
    expect(safeRedirectPath("/manager", "/")).toBe("/manager");
    expect(safeRedirectPath("/partner/leads?page=2#top", "/")).toBe("/partner/leads?page=2#top");
  });

  it("refuses everything that could leave the site", () => {
    for (const bad of [
      "https://evil.example",
      "//evil.example/x",
      "/\\evil.example",
      "\\\\evil.example",
      "javascript:alert(1)",
      "manager",
      "/ma\nnager",
      "/\t/evil.example",
      "",
      undefined,
      null,
      42,
      "/" + "a".repeat(3000),
    ]) {
      expect(safeRedirectPath(bad, "/home")).toBe("/home");
    }
  });

  it("never bounces back to sign-in or sign-out", () => {
    expect(safeRedirectPath("/login?redirectTo=/x", "/home")).toBe("/home");
    expect(safeRedirectPath("/logout", "/home")).toBe("/home");
  });
});

describe("loginPathFor", () => {
  it("remembers where the visitor was going", () => {
    expect(loginPathFor(new Request("http://x/manager/leads?q=a"))).toBe(
      "/login?redirectTo=%2Fmanager%2Fleads%3Fq%3Da",
    );
    expect(loginPathFor(new Request("http://x/"))).toBe("/login");
  });
});
