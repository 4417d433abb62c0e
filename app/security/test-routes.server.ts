import { env, type Env } from "~/env.server";

/**
 * The test-only routes (the clock, the e2e fixtures) exist only when TEST_CLOCK=1 was asked for
 * (the e2e server sets it); the environment check refuses it in production. Otherwise: 404.
 */
export function requireTestRoutes(e: Pick<Env, "TEST_CLOCK"> = env()): void {
  if (!e.TEST_CLOCK) throw new Response("Not found", { status: 404 });
}
