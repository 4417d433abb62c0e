/**
 * Routing throughput: `npm run bench:routing` (PostgreSQL when DATABASE_URL is set, else
 * embedded PGlite in memory). Never part of `npm test`.
 *
 * Queues BENCH_LEADS qualified leads (default 10,000) for BENCH_PARTNERS partners, routes a
 * baseline sample one lead at a time with `routeLead` (the path the worker took for every lead
 * before batching), then drains the rest with the worker, while a probe requests two pages
 * served by this same process (the health check and the signed-in manager home) every 100 ms.
 * Prints leads/s for both paths, their ratio, the page times at idle and during the drain, and
 * checks that every lead was offered exactly once with no partner past its capacity.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "kysely";
import pg from "pg";
import { initProcessDatabase, type DB, type DatabaseConfig } from "@db/client";
import { migrateToLatest } from "@db/migrate";
import { startSession } from "~/auth/lucia.server";
import { loader as healthLoader } from "~/routes/healthz";
import { loader as managerHomeLoader } from "~/routes/manager._index";
import { processRoutingJobs, routeLead } from "~/services/routing.server";
import { withAdmin } from "../support/test-database";
import { createManager, createPartnerTeam } from "../support/factories";

const LEADS = Number(process.env.BENCH_LEADS ?? 10_000);
const PARTNERS = Number(process.env.BENCH_PARTNERS ?? 40);
/** The worker's batch size; unset, the worker's own. */
const BATCH = process.env.BENCH_BATCH ? Number(process.env.BENCH_BATCH) : undefined;
const BASELINE_LEADS = Math.min(300, Math.ceil(LEADS / 10));
const TERRITORIES = ["US", "DE", "FR", "GB"];
const TARGET_SECONDS = 60;

/**
 * BENCH_PROFILE=1 (PostgreSQL only): time every statement the process sends, by its first
 * words, to print where the drain's round trips and time go.
 */
const statementTimes = new Map<string, { count: number; ms: number }>();
let profiling = false;
if (process.env.BENCH_PROFILE) {
  const query = pg.Client.prototype.query as (this: pg.Client, ...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const started = performance.now();
    const result = query.apply(this, args);
    const first = args[0];
    const text = typeof first === "string" ? first : ((first as { text?: string } | undefined)?.text ?? "");
    if (profiling && result instanceof Promise) {
      const key = text.replace(/\s+/g, " ").trim().slice(0, 70);
      void result.finally(() => {
        const seen = statementTimes.get(key) ?? { count: 0, ms: 0 };
        statementTimes.set(key, { count: seen.count + 1, ms: seen.ms + performance.now() - started });
      });
    }
    return result;
  } as typeof pg.Client.prototype.query;
}

function printProfile(leads: number) {
  const rows = [...statementTimes].sort((a, b) => b[1].ms - a[1].ms);
  const total = rows.reduce((n, [, r]) => n + r.count, 0);
  console.log(`  statements during the drain: ${total} (${(total / leads).toFixed(2)} per lead, probe included)`);
  for (const [key, r] of rows.slice(0, 20)) {
    console.log(`    ${(r.ms / 1000).toFixed(1).padStart(6)} s ${String(r.count).padStart(6)}x  ${key}`);
  }
}

async function openBenchDatabase(): Promise<{ db: DB; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  let config: DatabaseConfig = { kind: "pglite", dataDir: null };
  let drop = async () => {};
  if (url) {
    const name = `${new URL(url).pathname.slice(1) || "postgres"}_bench_routing`;
    await withAdmin(url, async (admin) => {
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.query(`create database "${name}"`);
    });
    const benchUrl = new URL(url);
    benchUrl.pathname = `/${name}`;
    config = { kind: "postgres", url: benchUrl.toString(), poolSize: 10 };
    drop = () =>
      withAdmin(url, (admin) => admin.query(`drop database if exists "${name}" with (force)`)).then(() => {});
  }
  // The process database, so that the pages below (which call getDb()) use it too.
  const handle = await initProcessDatabase(config);
  await migrateToLatest(handle.db);
  return {
    db: handle.db,
    drop: async () => {
      await handle.close();
      await drop();
    },
  };
}

/** Partners spread over the territories with room for every lead, plus some the router must pass over. */
async function seedPartners(db: DB) {
  const perTerritory = Math.ceil(PARTNERS / TERRITORIES.length);
  const capacity = Math.ceil(((LEADS + BASELINE_LEADS) / TERRITORIES.length / perTerritory) * 1.25);
  for (let i = 0; i < PARTNERS; i++) {
    await createPartnerTeam(db, {
      name: `Bench partner ${i}`,
      territories: [TERRITORIES[i % TERRITORIES.length]],
      capacity,
    });
  }
  const paused = await createPartnerTeam(db, { name: "Bench paused", territories: TERRITORIES, capacity });
  await db
    .updateTable("partners")
    .set({ paused_until: new Date(Date.now() + 30 * 86_400_000) })
    .where("id", "=", paused.partner.id)
    .execute();
  await createPartnerTeam(db, { name: "Bench inactive", territories: TERRITORIES, capacity, active: false });
}

/** Qualified leads waiting for the router, with their routing jobs, in two statements. */
async function queueLeads(db: DB, n: number) {
  const source = await db
    .insertInto("sources")
    .values({ kind: "manual", name: "Bench" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const territories = sql.join(TERRITORIES.map((t) => sql.lit(t)));
  await sql`
    insert into leads (source_id, contact_name, contact_email, company_name, territory, vertical, score, kind, state, intake_at, intake_by, updated_at)
    select ${source.id}, 'Bench Buyer ' || i, 'buyer' || i || '@bench.test', 'Bench Customer ' || i,
           (array[${territories}])[1 + i % ${TERRITORIES.length}], 'software', 60, 'lead', 'routing',
           now() + i * interval '1 microsecond', 'bench', now()
    from generate_series(1, ${n}) as i
  `.execute(db);
  await sql`insert into routing_jobs (lead_id, trigger, enqueued_at) select id, 'intake', intake_at from leads where state = 'routing'`.execute(
    db,
  );
}

/** The two pages, served by this process: what the event loop and the pool give a visitor. */
function servePages(): Promise<Server> {
  const server = createServer(async (req, res) => {
    const request = new Request(`http://localhost${req.url}`, { headers: { cookie: req.headers.cookie ?? "" } });
    try {
      if (req.url === "/healthz") {
        const response = await healthLoader();
        res.writeHead(response.status).end(await response.text());
      } else {
        const data = await managerHomeLoader({ request, params: {}, context: {} });
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(data));
      }
    } catch (thrown) {
      res.writeHead(thrown instanceof Response ? thrown.status : 500).end();
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function timeRequest(base: string, path: string, cookie: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${base}${path}`, { headers: { cookie } });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
  return performance.now() - started;
}

const PROBED = ["/healthz", "/manager"] as const;
type Times = Record<(typeof PROBED)[number], number[]>;

/** Requests the pages in turn every `gapMs` until `until` settles (or `count` rounds at idle). */
async function probe(
  base: string,
  cookie: string,
  opts: { gapMs: number; count?: number; until?: Promise<unknown> },
): Promise<Times> {
  const times: Times = { "/healthz": [], "/manager": [] };
  let done = false;
  opts.until?.finally(() => (done = true));
  for (let round = 0; opts.count === undefined || round < opts.count; round++) {
    for (const path of PROBED) {
      if (done) return times;
      times[path].push(await timeRequest(base, path, cookie));
      await new Promise((resolve) => setTimeout(resolve, opts.gapMs));
    }
  }
  return times;
}

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function verify(db: DB, expected: number) {
  const {
    rows: [c],
  } = await sql<{ offered: number; leads: number; jobs: number; over: number; multi: number }>`
    select
      (select count(*)::int from leads where state = 'offered') as offered,
      (select count(*)::int from leads) as leads,
      (select count(*)::int from routing_jobs) as jobs,
      (select count(*)::int from partners p where p.capacity <
        (select count(*) from offers o where o.partner_id = p.id and o.state in ('offered', 'accepted'))) as over,
      (select count(*)::int from (select lead_id from offers group by lead_id having count(*) > 1) m) as multi
  `.execute(db);
  const problems = [
    c.offered !== expected && `${c.offered} of ${expected} leads offered`,
    c.jobs !== 0 && `${c.jobs} routing jobs left`,
    c.over !== 0 && `${c.over} partners past capacity`,
    c.multi !== 0 && `${c.multi} leads offered more than once`,
  ].filter(Boolean);
  if (problems.length > 0) throw new Error(`Routing went wrong: ${problems.join("; ")}`);
}

async function main() {
  const { db, drop } = await openBenchDatabase();
  const server = await servePages();
  try {
    await seedPartners(db);
    const { manager } = await createManager(db);
    const cookie = (await startSession(db, manager.id)).setCookie.split(";")[0];
    await queueLeads(db, LEADS + BASELINE_LEADS);
    await sql`analyze`.execute(db);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const idle = await probe(base, cookie, { gapMs: 20, count: 40 });

    const sample = await db
      .selectFrom("routing_jobs")
      .select("lead_id")
      .orderBy("enqueued_at")
      .limit(BASELINE_LEADS)
      .execute();
    const oneStarted = performance.now();
    for (const { lead_id } of sample) await routeLead(db, lead_id);
    const oneSeconds = (performance.now() - oneStarted) / 1000;

    const cpuBefore = process.cpuUsage();
    const drainStarted = performance.now();
    profiling = true;
    const drain = processRoutingJobs(db, { batch: BATCH });
    const [routed, during] = await Promise.all([drain, probe(base, cookie, { gapMs: 100, until: drain })]);
    const drainSeconds = (performance.now() - drainStarted) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    profiling = false;
    const cpuShare = (cpu.user + cpu.system) / 1e6 / drainSeconds;
    await verify(db, LEADS + BASELINE_LEADS);
    if (routed !== LEADS) throw new Error(`The drain routed ${routed} leads, expected ${LEADS}`);

    const oneRate = BASELINE_LEADS / oneSeconds;
    const drainRate = LEADS / drainSeconds;
    const database = process.env.DATABASE_URL ? "PostgreSQL" : "PGlite (in memory)";
    console.log(`Routing benchmark on ${database}: ${LEADS} queued leads, ${PARTNERS + 2} partners (2 never eligible)`);
    console.log(`  one lead at a time (routeLead x ${BASELINE_LEADS}): ${oneRate.toFixed(0)} leads/s`);
    console.log(
      `  worker drain (${LEADS} leads, batches of ${BATCH ?? "the worker's size"}): ${drainSeconds.toFixed(1)} s, ${drainRate.toFixed(0)} leads/s, ` +
        `${(drainRate / oneRate).toFixed(1)}x one at a time, this process at ${(cpuShare * 100).toFixed(0)}% of a core; target ${TARGET_SECONDS} s: ${drainSeconds <= TARGET_SECONDS ? "met" : "MISSED"}`,
    );
    for (const path of PROBED) {
      const a = idle[path];
      const d = during[path];
      console.log(
        `  ${path.padEnd(9)} idle median ${ms(percentile(a, 50))}, p95 ${ms(percentile(a, 95))}; ` +
          `during drain median ${ms(percentile(d, 50))}, p95 ${ms(percentile(d, 95))}, max ${ms(Math.max(...d))} ` +
          `(${d.length} requests, median ${(percentile(d, 50) / percentile(a, 50)).toFixed(1)}x idle)`,
      );
    }
    if (process.env.BENCH_PROFILE) printProfile(LEADS);
  } finally {
    server.close();
    await drop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
