import { configFromEnv, initProcessDatabase, type DB } from "@db/client";
import { holdDataDir } from "@db/data-dir-lock";
import { migrateToLatest } from "@db/migrate";
import { DEMO_PASSWORD, demoSignIns, seedOnFirstStart } from "./demo/seed.server";
import { anyUserExists } from "./models/user.server";
import { refreshDemoNotice } from "./services/demo-notice.server";
import { env, type Env } from "./env.server";
import { startJobs } from "./jobs/runner.server";

export interface BootResult {
  env: Env;
  /** Lines for the start-up log: where the portal is and how to sign in. */
  banner: string[];
  shutdown(): Promise<void>;
}

/**
 * Everything the server does before it listens: validate the environment, open the database
 * (holding the embedded directory), migrate, seed demo data into a fresh embedded directory
 * (unless started empty), and decide whether pages show the demo notice.
 */
export async function boot(): Promise<BootResult> {
  const e = env();
  const config = configFromEnv(e);
  const releaseDataDir = config.kind === "pglite" && config.dataDir ? holdDataDir(config.dataDir) : () => {};
  const handle = await initProcessDatabase(config);
  await migrateToLatest(handle.db);
  await seedOnFirstStart(handle.db, { database: config.kind, demo: e.DEMO });
  await refreshDemoNotice(handle.db);
  const stopJobs = startJobs(handle.db, e.SWEEP_INTERVAL_SECONDS, (msg) => console.error(msg));

  const banner = [
    `Partner lead portal listening on ${e.APP_URL}`,
    `Database: ${config.kind === "postgres" ? "PostgreSQL (DATABASE_URL)" : `embedded PGlite in ${config.dataDir}`}`,
    ...(await demoSignInLines(handle.db)),
    ...((await anyUserExists(handle.db))
      ? []
      : [`No users yet: open ${e.APP_URL}/setup to create the first channel manager.`]),
  ];
  return {
    env: e,
    banner,
    shutdown: async () => {
      stopJobs();
      await handle.close();
      releaseDataDir();
    },
  };
}

async function demoSignInLines(db: DB): Promise<string[]> {
  const demo = await demoSignIns(db);
  if (demo.length === 0) return [];
  return [
    `Demo sign-ins (password for every demo user: ${DEMO_PASSWORD}):`,
    ...demo.map((u) => `  ${u.email.padEnd(28)} ${u.role}${u.partner ? ` at ${u.partner}` : ""}`),
    `  (every demo partner has admin@, rep1@ and rep2@ at its domain)`,
  ];
}
