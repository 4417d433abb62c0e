import { describe, expect, it } from "vitest";
import { crossOriginRefusal } from "./origin-check";

const app = "https://portal.example.com";
const check = (over: Partial<Parameters<typeof crossOriginRefusal>[0]>) =>
  crossOriginRefusal({ method: "POST", appOrigin: app, host: "portal.example.com", ...over });

describe("crossOriginRefusal", () => {
  it("lets safe methods through whatever their origin", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"]) {
      expect(check({ method, secFetchSite: "cross-site", origin: "https://evil.example" })).toBeNull();
    }
  });

  it("refuses state-changing requests a browser marks cross-site", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE", "post"]) {
      expect(check({ method, secFetchSite: "cross-site" })).not.toBeNull();
    }
  });

  it("refuses an Origin that differs from the portal's", () => {
    expect(check({ origin: "https://evil.example" })).not.toBeNull();
    expect(check({ origin: "https://portal.example.com.evil.example" })).not.toBeNull();
    expect(check({ origin: "https://portal.example.com:8443" })).not.toBeNull();
    expect(check({ origin: "null" })).not.toBeNull();
    expect(check({ origin: "not a url" })).not.toBeNull();
  });

  it("accepts the configured origin and the request's own host", () => {
    expect(check({ origin: app, secFetchSite: "same-origin" })).toBeNull();
    // APP_URL says localhost, the browser came through 127.0.0.1: its own host.
    expect(
      crossOriginRefusal({
        method: "POST",
        appOrigin: "http://localhost:3000",
        host: "127.0.0.1:3000",
        origin: "http://127.0.0.1:3000",
      }),
    ).toBeNull();
    // TLS terminated by a proxy: the host matches.
    expect(check({ origin: "https://portal.example.com", appOrigin: "http://internal:3000" })).toBeNull();
  });

  it("lets requests with neither header pass (curl, machines)", () => {
    expect(check({})).toBeNull();
    expect(check({ secFetchSite: "none" })).toBeNull();
    expect(check({ secFetchSite: "same-origin" })).toBeNull();
  });

  it("does not trust a host match when Sec-Fetch-Site says cross-site", () => {
    expect(check({ origin: app, secFetchSite: "cross-site" })).not.toBeNull();
  });
});
