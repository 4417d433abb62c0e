import { describe, expect, it } from "vitest";
import { parseEnv } from "./env.server";

describe("environment", () => {
  it("has working defaults for the two-command start", () => {
    expect(parseEnv({})).toMatchObject({
      NODE_ENV: "development",
      PORT: 3000,
      DATA_DIR: ".data/pglite",
      APP_URL: "http://localhost:3000",
      SWEEP_INTERVAL_SECONDS: 60,
    });
    const env = parseEnv({ PORT: "4100", DATABASE_URL: "" }); // empty means unset: the embedded database
    expect(env.APP_URL).toBe("http://localhost:4100");
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it.each([
    [{ PORT: "abc" }, "Invalid environment: PORT must be a port number"],
    [{ PORT: "70000" }, "Invalid environment: PORT must be a port number"],
    [{ DATABASE_URL: "mysql://x" }, "Invalid environment: DATABASE_URL must be a postgres:// or postgresql:// URL"],
    [{ SMTP_URL: "http://mail" }, "Invalid environment: SMTP_URL must be an smtp:// or smtps:// URL"],
    [{ SESSION_SECRET: "short" }, "Invalid environment: SESSION_SECRET must be at least 32 characters"],
    [
      { NODE_ENV: "production", APP_URL: "http://portal.example.com" },
      "Invalid environment: APP_URL must be https:// in production (http only on localhost",
    ],
    [
      { SWEEP_INTERVAL_SECONDS: "soon" },
      "Invalid environment: SWEEP_INTERVAL_SECONDS must be a whole number of seconds",
    ],
    [{ DEMO: "maybe" }, "Invalid environment: DEMO must be true or false"],
    [
      { NODE_ENV: "production", TEST_CLOCK: "1" },
      "Invalid environment: TEST_CLOCK must not be set when NODE_ENV=production (it moves the clock)",
    ],
    [{ TRUST_PROXY: "true" }, "Invalid environment: TRUST_PROXY must name the proxies"],
    [{ TRUST_PROXY: "10.0.0.0/8; evil" }, "Invalid environment: TRUST_PROXY must be false, a number of proxy hops"],
  ])("refuses %o with one line naming the variable", (env, message) => {
    expect(() => parseEnv(env)).toThrow(message);
  });

  it("has demo data on and the test routes off unless asked for", () => {
    expect(parseEnv({})).toMatchObject({ DEMO: true, TEST_CLOCK: false });
    expect(parseEnv({ NODE_ENV: "test", TEST_CLOCK: "1", DEMO: "false" })).toMatchObject({
      DEMO: false,
      TEST_CLOCK: true,
    });
    expect(parseEnv({ NODE_ENV: "production", TEST_CLOCK: "0" }).TEST_CLOCK).toBe(false);
  });

  it("reads TRUST_PROXY as off, a hop count or the proxies' addresses", () => {
    expect([undefined, "1", "loopback, 10.0.0.0/8"].map((v) => parseEnv({ TRUST_PROXY: v }).TRUST_PROXY)).toEqual([
      false,
      1,
      "loopback, 10.0.0.0/8",
    ]);
  });

  it("in production takes http only on loopback, and then listens on loopback only", () => {
    // npm start on a laptop (no APP_URL) and the CI smoke (APP_URL http://localhost:PORT).
    for (const APP_URL of [undefined, "http://localhost:3000", "http://127.0.0.1:3000", "http://[::1]:3000"]) {
      expect(parseEnv({ NODE_ENV: "production", APP_URL })).toMatchObject({ HOST: "127.0.0.1" });
    }
    expect(parseEnv({ NODE_ENV: "production", APP_URL: "https://portal.example.com" }).HOST).toBeUndefined();
    expect(parseEnv({ NODE_ENV: "production", APP_URL: "https://portal.example.com", HOST: "0.0.0.0" }).HOST).toBe(
      "0.0.0.0",
    );
    expect(parseEnv({}).HOST).toBeUndefined(); // development listens everywhere, as before
  });

  it.each([
    [{ NODE_ENV: "production", APP_URL: "http://portal.example.com" }],
    [{ NODE_ENV: "production", APP_URL: "http://10.0.0.5:3000" }],
    [{ NODE_ENV: "production", HOST: "0.0.0.0" }],
    [{ NODE_ENV: "production", APP_URL: "http://localhost:3000", HOST: "::" }],
  ])("refuses to start in production without an https APP_URL off loopback: %o", (env) => {
    expect(() => parseEnv(env)).toThrow(/^Invalid environment: APP_URL must be/);
  });

  it("reads the abuse limits with documented defaults and refuses nonsense", () => {
    expect(parseEnv({})).toMatchObject({
      UPLOAD_DIR: ".data/pglite-uploads",
      MAX_RUNNING_IMPORTS: 2,
      SESSION_IDLE_MINUTES: 720,
      SESSION_MAX_HOURS: 168,
      API_RATE_LIMIT_PER_MINUTE: 120,
    });
    expect(parseEnv({ DATA_DIR: "/srv/portal/pglite" }).UPLOAD_DIR).toBe("/srv/portal/pglite-uploads");
    // Two data directories never share an upload folder (each cleanup job knows only its own imports).
    expect(parseEnv({ DATA_DIR: ".data/e2e-1" }).UPLOAD_DIR).not.toBe(
      parseEnv({ DATA_DIR: ".data/e2e-1-empty" }).UPLOAD_DIR,
    );
    expect(() => parseEnv({ MAX_RUNNING_IMPORTS: "0" })).toThrow(
      "Invalid environment: MAX_RUNNING_IMPORTS must be a whole number of imports",
    );
    expect(() => parseEnv({ SESSION_IDLE_MINUTES: "soon" })).toThrow(
      "Invalid environment: SESSION_IDLE_MINUTES must be a whole number of minutes",
    );
    expect(() => parseEnv({ API_RATE_LIMIT_PER_MINUTE: "-1" })).toThrow(
      "Invalid environment: API_RATE_LIMIT_PER_MINUTE must be a whole number of requests",
    );
  });
});
