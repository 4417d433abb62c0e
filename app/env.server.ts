import { z } from "zod";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);
const wholeNumber = (what: string) =>
  z.coerce
    .number({ error: `must be a whole number of ${what}` })
    .int(`must be a whole number of ${what}`)
    .min(1, `must be a whole number of ${what}`);

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .optional(),
    DATA_DIR: z.string().min(1).default(".data/pglite"),
    PORT: z.coerce
      .number({ error: "must be a port number" })
      .int("must be a port number")
      .min(1)
      .max(65535)
      .default(3000),
    SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/[^\s]+$/, "must be an smtp:// or smtps:// URL")
      .optional(),
    APP_URL: z.url("must be an absolute http(s) URL").optional(),
    /** The address the server listens on; all interfaces unless an http APP_URL keeps it on loopback. */
    HOST: z.string().min(1).optional(),
    /** CSV uploads wait here (a 0700 folder); beside the embedded database by default. */
    UPLOAD_DIR: z.string().min(1).optional(),
    /** CSV imports running at once over all instances; a further one waits its turn. */
    MAX_RUNNING_IMPORTS: wholeNumber("imports").default(2),
    /** A session unused this long ends (see SECURITY.md for the half-period granularity). */
    SESSION_IDLE_MINUTES: wholeNumber("minutes").default(720),
    /** A session ends this long after sign-in, however busy. */
    SESSION_MAX_HOURS: wholeNumber("hours").default(168),
    /** Requests per API key per minute (a fixed window in the database). */
    API_RATE_LIMIT_PER_MINUTE: wholeNumber("requests").default(120),
    TRUST_PROXY: z
      .string()
      .regex(
        /^(false|\d+|[\w.:/]+(\s*,\s*[\w.:/]+)*)$/,
        "must be false, a number of proxy hops, or a comma-separated list of proxy addresses/subnets (loopback, 10.0.0.0/8…)",
      )
      .default("false")
      .refine(
        (v) => v !== "true",
        "must name the proxies (a hop count or their addresses): true would believe any X-Forwarded-For",
      )
      .transform((v) => (v === "false" ? false : /^\d+$/.test(v) ? Number(v) : v)),
    SWEEP_INTERVAL_SECONDS: z.coerce
      .number({ error: "must be a whole number of seconds" })
      .int("must be a whole number of seconds")
      .min(0)
      .default(60),
    /** Demo data on the first start of an empty embedded directory (`npm start -- --empty` sets false). */
    DEMO: z.stringbool({ error: "must be true or false" }).default(true),
    /** The test-only routes (clock, e2e fixtures): only when asked for, never in production. */
    TEST_CLOCK: z.stringbool({ error: "must be 1 or 0" }).default(false),
  })
  .superRefine((env, ctx) => {
    // Production cookies are Secure only over https. The one exception is a start on this machine
    // (npm start on a laptop, the CI smoke): a loopback APP_URL, and then the server listens on
    // loopback only, so the plain-http cookie never crosses a network.
    if (env.NODE_ENV !== "production") return;
    const url = env.APP_URL ? new URL(env.APP_URL) : null;
    if (url?.protocol === "https:") return;
    if (url && !LOCAL_HOSTS.has(url.hostname)) {
      ctx.addIssue({
        code: "custom",
        path: ["APP_URL"],
        message: "must be https:// in production (http only on localhost, 127.0.0.1 or [::1])",
      });
    } else if (env.HOST && !LOCAL_HOSTS.has(env.HOST)) {
      ctx.addIssue({
        code: "custom",
        path: ["APP_URL"],
        message: `must be the portal's https:// address in production when HOST (${env.HOST}) is not loopback`,
      });
    }
    if (env.NODE_ENV === "production" && env.TEST_CLOCK) {
      ctx.addIssue({
        code: "custom",
        path: ["TEST_CLOCK"],
        message: "must not be set when NODE_ENV=production (it moves the clock)",
      });
    }
  })
  .transform((env) => {
    const localHttp = env.NODE_ENV === "production" && !env.APP_URL?.startsWith("https:");
    return {
      ...env,
      APP_URL: env.APP_URL ?? `http://localhost:${env.PORT}`,
      HOST: env.HOST ?? (localHttp ? "127.0.0.1" : undefined),
      // One upload folder per data directory: the cleanup job deletes files its own database
      // does not know, so two portals (say a demo and a test server) must never share one.
      UPLOAD_DIR: env.UPLOAD_DIR ?? `${env.DATA_DIR.replace(/\/+$/, "")}-uploads`,
    };
  });

export type Env = z.infer<typeof envSchema>;

/** Parses the environment; a bad value fails with one line naming the variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  // Empty strings (e.g. `DATABASE_URL=`) mean "not set".
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new EnvError(`Invalid environment: ${issue.path.join(".")} ${issue.message}`);
  }
  return result.data;
}

export class EnvError extends Error {}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}
