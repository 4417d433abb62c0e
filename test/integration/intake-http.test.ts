/**
 * The JSON API over HTTP: its route modules called with real requests on the process database
 * (route matching and guards of every intake page are in the authorization matrix).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initProcessDatabase, type DatabaseHandle, type DB } from "@db/client";
import { pinClock } from "~/clock.server";
import { MAX_API_BATCH } from "~/domain/intake-api";
import { action as postLeads, loader as getLeads } from "~/routes/api.v1.leads";
import { loader as getLead } from "~/routes/api.v1.leads.$leadId";
import { createApiKey, revokeKey } from "~/services/api-keys.server";
import { createManager } from "../support/factories";
import { createTestDatabase } from "../support/test-database";

let testDb: DatabaseHandle;
let processDb: DatabaseHandle;
// The database the routes read (getDb()): on PGlite a copy of the test database, not the same one.
let db: DB;
let key: string;
let otherKey: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  processDb = await initProcessDatabase(testDb.config);
  db = processDb.db;
  const { actor } = await createManager(db);
  key = (await createApiKey(db, "HTTP test", actor)).key;
  otherKey = (await createApiKey(db, "Another system", actor)).key;
});

afterAll(async () => {
  await processDb?.close();
  await testDb?.close();
});

const URL_BASE = "http://localhost/api/v1/leads";
const lead = (externalId: string, over: Record<string, unknown> = {}) => ({
  external_id: externalId,
  contact_name: "Ada Lovelace",
  contact_email: `${externalId}@http.example`,
  contact_title: "CTO",
  company_name: "Analytical Engines",
  company_size: 250,
  territory: "GB",
  vertical: "software",
  ...over,
});

async function post(body: unknown, opts: { key?: string | null; type?: string; raw?: string } = {}) {
  const headers = new Headers({ "Content-Type": opts.type ?? "application/json" });
  if (opts.key !== null) headers.set("Authorization", `Bearer ${opts.key ?? key}`);
  const request = new Request(URL_BASE, { method: "POST", headers, body: opts.raw ?? JSON.stringify(body) });
  const response = await callRoute(() => postLeads({ request, params: {}, context: { clientAddress: "192.0.2.1" } }));
  return { status: response.status, body: await response.json(), headers: response.headers };
}

async function get(id: string, apiKey = key) {
  const request = new Request(`${URL_BASE}/${id}`, { headers: { Authorization: `Bearer ${apiKey}` } });
  const response = await callRoute(() =>
    getLead({ request, params: { leadId: id }, context: { clientAddress: "192.0.2.1" } }),
  );
  return { status: response.status, body: await response.json(), headers: response.headers };
}

/** Route modules throw responses (401); Remix would send them, so do we. */
async function callRoute(fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
}

describe("POST /api/v1/leads", () => {
  it("answers 201 with the new lead's id, then 200 with the same id on a retry", async () => {
    const first = await post(lead("h-1"));
    expect(first.status).toBe(201);
    expect(first.body.lead).toMatchObject({
      external_id: "h-1",
      status: "created",
      kind: "lead",
      score: 60,
      duplicate_of: null,
    });
    const retry = await post(lead("h-1"));
    expect(retry.status).toBe(200);
    expect(retry.body.lead).toMatchObject({ id: first.body.lead.id, status: "updated" });
  });

  it("names a possible duplicate only when the earlier lead came through the key's own source", async () => {
    const mine = await post(lead("h-dup-1", { contact_email: "dup@probe.example" }));
    const again = await post(lead("h-dup-2", { contact_email: "dup@probe.example" }));
    expect(again.body.lead.duplicate_of).toBe(mine.body.lead.id);
    // Another key cannot learn that this contact arrived elsewhere.
    const probe = await post(lead("o-dup-1", { contact_email: "dup@probe.example" }), { key: otherKey });
    expect(probe.body.lead.duplicate_of).toBeNull();
    expect((await get(probe.body.lead.id, otherKey)).body.lead.duplicate_of).toBeNull();
    expect((await get(again.body.lead.id)).body.lead.duplicate_of).toBe(mine.body.lead.id);
  });

  it("takes a batch: 201 when any lead is new, with one entry per lead", async () => {
    const r = await post({ leads: [lead("h-1"), lead("h-2"), lead("h-3")] });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ created: 2, updated: 1 });
    expect(r.body.leads.map((l: { index: number; status: string }) => [l.index, l.status])).toEqual([
      [0, "updated"],
      [1, "created"],
      [2, "created"],
    ]);
  });

  it("answers 422 naming each bad field of a batch with a few bad items, and stores none of it", async () => {
    const r = await post({
      leads: [lead("h-10"), lead("h-11", { territory: "Atlantis" }), lead("h-12", { company_size: "lots" })],
    });
    expect(r.status).toBe(422);
    expect(r.body.error).toMatchObject({
      code: "validation_failed",
      message: "2 of 3 leads have invalid fields; nothing was stored.",
    });
    expect(r.body.error.details).toEqual([
      {
        index: 1,
        field: "territory",
        message: "must be an ISO 3166 country or subdivision code such as US, US-CA or DE",
      },
      { index: 2, field: "company_size", message: "must be a whole number" },
    ]);
    const stored = await db.selectFrom("leads").select("id").where("external_id", "=", "h-10").execute();
    expect(stored).toEqual([]);
  });

  it("answers 401 without a key, with a wrong key and with a revoked key", async () => {
    expect((await post(lead("h-20"), { key: null })).status).toBe(401);
    const wrong = await post(lead("h-20"), { key: "plk_not-a-key" });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe("unauthorized");
    expect(wrong.headers.get("WWW-Authenticate")).toContain("Bearer");
    const { actor } = await createManager(db);
    const doomed = await createApiKey(db, "Doomed", actor);
    expect((await post(lead("h-21"), { key: doomed.key })).status).toBe(201);
    await revokeKey(db, doomed.id, actor);
    expect((await post(lead("h-22"), { key: doomed.key })).status).toBe(401);
  });

  it("answers 415 for a body that is not declared JSON", async () => {
    const r = await post(null, { type: "application/x-www-form-urlencoded", raw: "contact_name=Ada" });
    expect(r.status).toBe(415);
    expect(r.body.error.code).toBe("unsupported_media_type");
  });

  it("answers 400 for broken JSON and for a body that is not a lead", async () => {
    expect((await post(null, { raw: '{"contact_name": "Ada"' })).body.error.code).toBe("invalid_json");
    expect((await post(null, { raw: '{"contact_name": "Ada"' })).status).toBe(400);
    expect((await post([lead("x")])).status).toBe(400);
    expect((await post({ leads: [] })).status).toBe(400);
  });

  it("answers 413 for more than 1,000 leads and for a body over the limit", async () => {
    const many = Array.from({ length: MAX_API_BATCH + 1 }, (_, i) => lead(`m-${i}`));
    const r = await post({ leads: many });
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe("batch_too_large");
    const huge = await post(null, {
      raw: JSON.stringify({ leads: [lead("big", { interest: "x".repeat(5 * 1024 * 1024) })] }),
    });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe("payload_too_large");
  });

  it("answers 405 to GET", async () => {
    const response = await getLeads();
    expect(response.status).toBe(405);
    expect(response.headers.get("Allow")).toBe("POST");
  });
});

describe("GET /api/v1/leads/:id", () => {
  it("shows the lead's state and outcome to its own source only", async () => {
    const created = await post(lead("h-30"));
    const id = created.body.lead.id as string;
    const r = await get(id);
    expect(r.status).toBe(200);
    expect(r.body.lead).toMatchObject({ id, external_id: "h-30", kind: "lead", state: "routing", outcome: null });
    expect((await get(id, otherKey)).status).toBe(404);
    expect((await get("00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await get("not-a-uuid")).status).toBe(404);
  });
});

describe("the per-key rate limit (default 120 requests a minute)", () => {
  it("answers 429 with Retry-After past the limit, counts a parallel burst exactly, and opens again next minute", async () => {
    const { actor } = await createManager(db);
    const busy = (await createApiKey(db, "Busy system", actor)).key;
    const missing = "00000000-0000-4000-8000-000000000000";
    try {
      pinClock(new Date("2026-03-02T10:00:15Z"));
      const burst = await Promise.all(Array.from({ length: 130 }, () => get(missing, busy)));
      expect(burst.filter((r) => r.status === 404)).toHaveLength(120);
      const refused = burst.filter((r) => r.status === 429);
      expect(refused).toHaveLength(10);
      expect(refused[0].body.error.code).toBe("rate_limited");
      expect(refused[0].headers.get("Retry-After")).toBe("45");
      // Another key is not slowed by this one.
      expect((await get(missing, otherKey)).status).toBe(404);

      pinClock(new Date("2026-03-02T10:00:59Z"));
      const post429 = await post(lead("rate-1"), { key: busy });
      expect(post429.status).toBe(429);
      expect(post429.headers.get("Retry-After")).toBe("1");

      pinClock(new Date("2026-03-02T10:01:00Z"));
      expect((await post(lead("rate-1"), { key: busy })).status).toBe(201);
    } finally {
      pinClock(null);
    }
  });
});
