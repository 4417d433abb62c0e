import { now } from "~/clock.server";
import type { DB } from "~/db.server";
import { resumeStalledImports } from "~/services/intake-csv-import.server";
import { processRoutingJobs } from "~/services/routing.server";
import { runSweep } from "./sweep.server";

/**
 * One round of background work: the SLA sweep, the routing it (or a decline, or an intake)
 * queued, and CSV imports whose runner died (a server killed mid-import).
 */
export async function runJobsOnce(db: DB): Promise<void> {
  await runSweep(db, now());
  await processRoutingJobs(db);
  await resumeStalledImports(db);
}

/**
 * The in-process interval. Rounds never overlap in one process; several instances may run it
 * at once (the sweep, the router and the import lease are safe for that).
 */
export function startJobs(db: DB, intervalSeconds: number, log: (msg: string) => void): () => void {
  if (intervalSeconds <= 0) return () => {};
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await runJobsOnce(db);
    } catch (error) {
      log(`background jobs failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      running = false;
    }
  }, intervalSeconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
