import { now } from "~/clock.server";
import type { DB } from "~/db.server";
import { resumeStalledImports } from "~/services/intake-csv-import.server";
import { processRoutingJobs } from "~/services/routing.server";
import { runSweep } from "./sweep.server";
import { removeLeftUploads } from "./upload-cleanup.server";

/**
 * One round of background work: the SLA sweep, the routing it (or a decline, or an intake)
 * queued, CSV imports whose runner died (a server killed mid-import) or that waited for a free
 * slot, and the upload files no import needs any more.
 */
export async function runJobsOnce(db: DB): Promise<void> {
  await runSweep(db, now());
  await processRoutingJobs(db);
  await resumeStalledImports(db);
  await removeLeftUploads(db, now());
}

/**
 * The in-process background work: the sweep and stalled imports on the interval, and the routing
 * worker on its own loop, which drains the queue until it is empty and then waits one interval,
 * so an import's leads are routed as fast as they can be instead of one batch per interval. Rounds never overlap in one process; several instances may run them at once (the
 * sweep, the router and the import lease are safe for that).
 */
export function startJobs(db: DB, intervalSeconds: number, log: (msg: string) => void): () => void {
  if (intervalSeconds <= 0) return () => {};
  const failed = (what: string) => (error: unknown) =>
    log(`${what} failed: ${error instanceof Error ? error.message : String(error)}`);
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await runSweep(db, now());
      await resumeStalledImports(db);
      await removeLeftUploads(db, now());
    } catch (error) {
      failed("background jobs")(error);
    } finally {
      running = false;
    }
  }, intervalSeconds * 1000);
  timer.unref();

  let stopped = false;
  let next: NodeJS.Timeout | undefined;
  const routingPass = async () => {
    await processRoutingJobs(db).catch(failed("routing"));
    if (stopped) return;
    next = setTimeout(routingPass, intervalSeconds * 1000);
    next.unref();
  };
  next = setTimeout(routingPass, intervalSeconds * 1000);
  next.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
    clearTimeout(next);
  };
}
