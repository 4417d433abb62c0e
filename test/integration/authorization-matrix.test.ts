/**
 * Every route × role → the status it must answer. A new route is not done until its rows are here.
 *
 * How: the real Remix server build (`build/index.js`) is loaded and driven through Remix's own
 * `createRequestHandler`, with real sessions in a fresh test database. That exercises the real
 * route matching, nested layout loaders (which run in parallel, so each child guards itself),
 * error boundaries and status codes — what a browser gets. The express middleware in front
 * (headers, origin check) has unit tests of its own and is covered end to end by Playwright.
 * The build is rebuilt first when it is missing or older than any source file, so the matrix
 * never judges stale code. (Calling route loaders one by one was the alternative; it would
 * skip route matching and the splat 404, which is exactly what a matrix should catch.)
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initProcessDatabase, type DatabaseHandle, type DB } from "@db/client";
import type { Role } from "@db/schema";
import { startSession } from "~/auth/lucia.server";
import { CLI_ACTOR, createUser } from "~/services/account.server";
import { createTestDatabase } from "../support/test-database";

type Who = "anonymous" | Role;
/** 200/400/403/404: that status. "login": a redirect to the sign-in page. `{ to }`: a redirect there. */
type Expect = number | "login" | { to: string };

// Partner-side records (offers, leads) get own/foreign rows with the partner workspace: another
// partner's row must answer 404 to our partner users, exactly like a missing one.
interface Fixtures {
  /** Lead intake: a campaign and a finished CSV import. */
  campaignId: string;
  importId: string;
}

interface Row {
  request: string | ((f: Fixtures) => string);
  expect: Record<Who, Expect>;
  body?: Record<string, string>;
}

const LOGIN = "login" as const;
const MISSING_ID = "00000000-0000-4000-8000-000000000000";
const to = (location: string) => ({ to: location });
/** One line per route: "METHOD /path", then anonymous, channel_manager, partner_admin, partner_rep. */
const row = (request: Row["request"], anonymous: Expect, channel_manager: Expect, partner_admin: Expect, partner_rep: Expect, body?: Record<string, string>): Row => ({
  request,
  expect: { anonymous, channel_manager, partner_admin, partner_rep },
  body,
});

// prettier-ignore
const MATRIX: Row[] = [
  //   request                          anonymous     manager          partner admin    partner rep
  row("GET /",                          LOGIN,        to("/manager"),  to("/partner"),  to("/partner")),
  row("GET /login",                     200,          to("/manager"),  to("/partner"),  to("/partner")),
  row("GET /login?redirectTo=/partner", 200,          to("/partner"),  to("/partner"),  to("/partner")),
  row("POST /login",                    400,          to("/manager"),  to("/partner"),  to("/partner")),
  row("GET /logout",                    to("/login"), 200,             200,             200),
  row("POST /logout",                   to("/login"), to("/login"),    to("/login"),    to("/login"),    { intent: "sign-out" }),
  row("GET /account/password",          LOGIN,        200,             200,             200),
  row("POST /account/password",         LOGIN,        400,             400,             400,             { intent: "change-password" }),
  row("GET /manager",                   LOGIN,        200,             403,             403),
  row("GET /partner",                   LOGIN,        403,             200,             200),
  row("GET /healthz",                   200,          200,             200,             200),
  // Test and development only (the smoke run checks the 404 in production).
  row("GET /dev/clock",                 LOGIN,        200,             403,             403),
  row("POST /dev/clock",                LOGIN,        400,             403,             403,             { intent: "set", at: "not a time" }),
  // Lead intake: channel managers only. The API answers to keys, never to a session.
  row("GET /manager/intake",            LOGIN,        200,             403,             403),
  row("GET /manager/intake/new",        LOGIN,        200,             403,             403),
  row("POST /manager/intake/new",       LOGIN,        400,             403,             403,             { intent: "create" }),
  row("GET /manager/intake/imports",    LOGIN,        200,             403,             403),
  row("POST /manager/intake/imports",   LOGIN,        400,             403,             403,             { intent: "upload" }),
  row((f) => `GET /manager/intake/imports/${f.importId}`,             LOGIN, 200, 403, 403),
  row((f) => `POST /manager/intake/imports/${f.importId}`,            LOGIN, 400, 403, 403, { intent: "start" }),
  row((f) => `GET /manager/intake/imports/${f.importId}/rejects.csv`, LOGIN, 200, 403, 403),
  row(`GET /manager/intake/imports/${MISSING_ID}`,                    LOGIN, 404, 403, 403),
  row("GET /manager/intake/api-keys",   LOGIN,        200,             403,             403),
  row("POST /manager/intake/api-keys",  LOGIN,        400,             403,             403,             { intent: "create" }),
  row("GET /manager/intake/duplicates", LOGIN,        200,             403,             403),
  row("POST /manager/intake/duplicates", LOGIN,       400,             403,             403,             { intent: "keep", leadId: MISSING_ID }),
  row("GET /manager/campaigns",         LOGIN,        200,             403,             403),
  row("GET /manager/campaigns/new",     LOGIN,        200,             403,             403),
  row("POST /manager/campaigns/new",    LOGIN,        400,             403,             403,             { intent: "save" }),
  // A name already taken is a field error, never a 500.
  row("POST /manager/campaigns/new",    LOGIN,        400,             403,             403,             { intent: "save", name: "Matrix campaign", channel: "Webinar" }),
  row((f) => `GET /manager/campaigns/${f.campaignId}`,                LOGIN, 200, 403, 403),
  row((f) => `POST /manager/campaigns/${f.campaignId}`,               LOGIN, 400, 403, 403, { intent: "save" }),
  row(`GET /manager/campaigns/${MISSING_ID}`,                         LOGIN, 404, 403, 403),
  row("GET /manager/api-docs",          LOGIN,        200,             403,             403),
  row("GET /api/v1/leads",              405,          405,             405,             405),
  row("POST /api/v1/leads",             401,          401,             401,             401),
  row(`GET /api/v1/leads/${MISSING_ID}`,                              401,   401, 401, 401),
  row("GET /no-such-page",              404,          404,             404,             404),
  row("GET /manager/no-such-page",      404,          404,             404,             404),
  row("POST /no-such-page",             404,          404,             404,             404),
];

const ROOT = path.resolve(__dirname, "../..");
const BUILD = path.join(ROOT, "build/index.js");

function newestSourceMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMtime(p));
    else if (!/\.test\.tsx?$/.test(entry.name)) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function ensureFreshBuild() {
  const sources = Math.max(
    newestSourceMtime(path.join(ROOT, "app")),
    newestSourceMtime(path.join(ROOT, "db")),
    statSync(path.join(ROOT, "remix.config.js")).mtimeMs,
  );
  if (existsSync(BUILD) && statSync(BUILD).mtimeMs >= sources) return;
  execFileSync(process.platform === "win32" ? "npx.cmd" : "npx", ["remix", "build"], { cwd: ROOT, stdio: "pipe" });
}

let testDb: DatabaseHandle;
let processDb: DatabaseHandle;
let handle: (request: Request) => Promise<Response>;
let fixtures: Fixtures;
const userIds = {} as Record<Role, string>;

beforeAll(async () => {
  ensureFreshBuild();
  const build = (await import(/* @vite-ignore */ pathToFileURL(BUILD).href)) as ServerBuild;
  // The build reads the database through getDb(): the process database, opened here on a fresh
  // copy of the migrated template (PostgreSQL when DATABASE_URL is set, else in-memory PGlite).
  testDb = await createTestDatabase();
  processDb = await initProcessDatabase(testDb.config);
  const db = processDb.db;

  const own = await insertPartner(db, "Matrix Own Partner");
  fixtures = await insertIntakeFixtures(db);
  for (const role of ["channel_manager", "partner_admin", "partner_rep"] as const) {
    const created = await createUser(
      db,
      { email: `${role}@matrix.test`, role, partnerId: role === "channel_manager" ? undefined : own, password: "matrix-password" },
      CLI_ACTOR,
    );
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    userIds[role] = created.user.id;
  }
  const handler = createRequestHandler(build, "production");
  handle = (request) => handler(request, { cspNonce: "bWF0cml4LXRlc3Qtbm9uY2U=" });
}, 120_000);

afterAll(async () => {
  await processDb?.close();
  await testDb?.close();
});

async function insertIntakeFixtures(db: DB): Promise<Pick<Fixtures, "campaignId" | "importId">> {
  const at = new Date();
  const campaign = await db.insertInto("campaigns").values({ name: "Matrix campaign", channel: "Webinar" }).returning("id").executeTakeFirstOrThrow();
  const source = await db.insertInto("sources").values({ kind: "csv_import", name: "Matrix list" }).returning("id").executeTakeFirstOrThrow();
  const imp = await db
    .insertInto("csv_imports")
    .values({
      source_id: source.id, campaign_id: null, file_name: "matrix.csv", content_hash: "matrix", byte_size: 10, estimated_rows: 1,
      file_path: "/nonexistent/matrix.csv", encoding: "utf-8", delimiter: ",", has_bom: false, headers: JSON.stringify(["a", "b"]),
      mapping: JSON.stringify(["contact_name", "company_name"]), state: "done", result: JSON.stringify({ rows: 0, valid: 0, rejected: 0, created: 0, updated: 0, promoted: 0, duplicates: 0, routed: 0, repeated: 0 }),
      created_by: null, created_by_label: "matrix", created_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { campaignId: campaign.id, importId: imp.id };
}

async function insertPartner(db: DB, name: string): Promise<string> {
  const p = await db.insertInto("partners").values({ name, contact_email: "c@matrix.test", territories: ["US"] }).returning("id").executeTakeFirstOrThrow();
  return p.id;
}

/** A fresh session per request, so a sign-out row cannot affect the next one. */
async function cookieFor(who: Who): Promise<string | undefined> {
  if (who === "anonymous") return undefined;
  const { setCookie } = await startSession(processDb.db, userIds[who]);
  return setCookie.split(";")[0];
}

function describeExpect(e: Expect): string {
  return typeof e === "number" ? String(e) : e === "login" ? "→ login" : `→ ${e.to}`;
}

describe("authorization matrix", () => {
  for (const r of MATRIX) {
    const label = typeof r.request === "string" ? r.request : r.request.toString();
    for (const who of ["anonymous", "channel_manager", "partner_admin", "partner_rep"] as const) {
      const expected = r.expect[who];
      it(`${label} as ${who}: ${describeExpect(expected)}`, async () => {
        const [method, target] = (typeof r.request === "string" ? r.request : r.request(fixtures)).split(" ");
        const headers = new Headers();
        const cookie = await cookieFor(who);
        if (cookie) headers.set("Cookie", cookie);
        let body: URLSearchParams | undefined;
        if (method !== "GET") {
          body = new URLSearchParams(r.body ?? {});
          headers.set("Content-Type", "application/x-www-form-urlencoded");
        }
        const response = await handle(new Request(`http://localhost${target}`, { method, headers, body }));
        const location = response.headers.get("Location");
        const got = response.status >= 300 && response.status < 400 ? `${response.status} → ${location}` : String(response.status);
        if (typeof expected === "number") {
          expect(got).toBe(String(expected));
        } else if (expected === "login") {
          expect(got).toMatch(/^302 → \/login(\?|$)/);
        } else {
          expect(got).toBe(`302 → ${expected.to}`);
        }
        await response.body?.cancel();
      });
    }
  }
});
