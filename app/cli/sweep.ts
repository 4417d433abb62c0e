import { pinClock } from "~/clock.server";
import { runSweep } from "~/jobs/sweep.server";
import { processRoutingJobs } from "~/services/routing.server";
import { runScript } from "./database";

// `npm run sla:sweep -- [--now <ISO time>]`: one sweep, then the routing it queued, as of `now`
// (give a time to replay a scenario; the clock is pinned there for the whole run).
const args = process.argv.slice(2);
const nowArg = args[args.indexOf("--now") + 1];
const asOf = args.includes("--now") ? new Date(nowArg ?? "") : new Date();

if (Number.isNaN(asOf.getTime())) {
  console.error(`--now needs an ISO time such as 2026-11-23T12:00:00Z (got "${nowArg ?? ""}")`);
  process.exit(2);
}

await runScript(async ({ db }) => {
  pinClock(asOf);
  const report = await runSweep(db, asOf);
  const routed = await processRoutingJobs(db);
  console.log(
    `Sweep as of ${asOf.toISOString()}: ${report.expiredOffers} offers expired, ${report.missedObligations} obligations missed, ` +
      `${report.partnersRecomputed} partners re-evaluated, ${routed} leads routed`,
  );
});
