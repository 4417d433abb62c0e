import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce, securityHeaders } from "./headers";

describe("createNonce", () => {
  it("makes a new base64 value of 128 bits each time", () => {
    const a = createNonce();
    const b = createNonce();
    expect(a).not.toBe(b);
    expect(Buffer.from(a, "base64")).toHaveLength(16);
  });
});

describe("contentSecurityPolicy", () => {
  const nonce = createNonce();
  const directives = Object.fromEntries(
    contentSecurityPolicy(nonce)
      .split("; ")
      .map((d) => {
        const [name, ...values] = d.split(" ");
        return [name, values.join(" ")];
      }),
  );

  it("allows scripts only from our origin and with the response's nonce", () => {
    expect(directives["script-src"]).toBe(`'self' 'nonce-${nonce}'`);
    expect(directives["script-src"]).not.toContain("unsafe");
  });

  it("has every required directive", () => {
    expect(directives).toMatchObject({
      "default-src": "'self'",
      "style-src": "'self'",
      "img-src": "'self' data:",
      "frame-ancestors": "'none'",
      "base-uri": "'self'",
      "form-action": "'self'",
      "object-src": "'none'",
    });
  });

  it("refuses a nonce that could break out of the header", () => {
    expect(() => contentSecurityPolicy("abc'; script-src *")).toThrow(/nonce/);
    expect(() => contentSecurityPolicy("")).toThrow(/nonce/);
  });
});

describe("securityHeaders", () => {
  it("sets the fixed headers and the policy with the nonce", () => {
    const h = securityHeaders("AAAAAAAAAAAAAAAAAAAAAA==", { https: false });
    expect(h["X-Content-Type-Options"]).toBe("nosniff");
    expect(h["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    expect(h["X-Frame-Options"]).toBe("DENY");
    expect(h["Content-Security-Policy"]).toContain("'nonce-AAAAAAAAAAAAAAAAAAAAAA=='");
    expect(h["Strict-Transport-Security"]).toBeUndefined();
  });

  it("adds HSTS only on https", () => {
    expect(securityHeaders(createNonce(), { https: true })["Strict-Transport-Security"]).toMatch(/max-age=/);
  });
});
