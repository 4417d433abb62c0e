import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { pinClock } from "~/clock.server";
import { duplicateWindowStart, possibleDuplicateOf } from "~/domain/intake-dedupe";
import type { Actor } from "~/services/actor";
import { authenticateApiKey, createApiKey, revokeKey, type AuthenticatedKey } from "~/services/api-keys.server";
import { campaignFieldsSchema } from "~/domain/intake-campaigns";
import { archiveCampaign, createCampaign } from "~/services/campaigns.server";
import { intakeFromApi, intakeFromForm } from "~/services/intake-lead.server";
import { createManager } from "../support/factories";
import { useTestDatabase } from "../support/test-database";
import { expectFailure, expectOk } from "../support/outcome";

const t = useTestDatabase({ beforeAll, afterAll });
afterEach(() => pinClock(null));

const T0 = new Date("2026-03-02T10:00:00Z");
const DAY = 24 * 60 * 60 * 1000;
let manager: Actor;
let key: AuthenticatedKey;
let keyText: string;

const qualified = (over: Record<string, unknown> = {}) => ({
  contact_name: "Grace Hopper",
  contact_email: `grace-${Math.random().toString(36).slice(2)}@navy.example`,
  contact_title: "Director of Engineering",
  company_name: "Compiler Works",
  company_size: "1200",
  territory: "US-CA",
  vertical: "software",
  ...over,
});
const inquiry = (over: Record<string, unknown> = {}) => ({
  contact_name: "Sam Student",
  company_name: "Self",
  territory: "ZA",
  ...over,
});

beforeAll(async () => {
  manager = (await createManager(t.db)).actor;
  const created = await createApiKey(t.db, "Website forms", manager);
  keyText = created.key;
  key = (await authenticateApiKey(t.db, `Bearer ${keyText}`))!;
});

const leadCount = async () =>
  (
    await t.db
      .selectFrom("leads")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow()
  ).n;
const leadById = (id: string) => t.db.selectFrom("leads").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const jobFor = (id: string) => t.db.selectFrom("routing_jobs").selectAll().where("lead_id", "=", id).executeTakeFirst();

describe("the form", () => {
  it("hands a qualified lead to routing with who, when and where it came from", async () => {
    pinClock(T0);
    const r = await intakeFromForm(t.db, qualified(), manager);
    expectOk(r);
    expect(r.lead).toMatchObject({ kind: "lead", status: "created", score: 60, duplicateOf: null });
    const lead = await leadById(r.lead.leadId);
    expect(lead).toMatchObject({
      state: "routing",
      kind: "lead",
      territory: "US-CA",
      company_size: 1200,
      intake_by: manager.label,
      created_by: manager.userId,
      intake_at: T0,
      duplicate_status: null,
    });
    const source = await t.db
      .selectFrom("sources")
      .selectAll()
      .where("id", "=", lead.source_id)
      .executeTakeFirstOrThrow();
    expect(source).toMatchObject({ kind: "web_form", name: "Web form" });
    expect(await jobFor(lead.id)).toMatchObject({ trigger: "intake", enqueued_at: T0 });
    const audit = await t.db.selectFrom("audit_events").selectAll().where("subject_id", "=", lead.id).execute();
    expect(audit.map((a) => a.action)).toEqual(["lead.intake"]);
  });

  it("keeps an inquiry in nurture, without a routing job", async () => {
    const r = await intakeFromForm(t.db, inquiry(), manager);
    expectOk(r);
    expect(r.lead.kind).toBe("inquiry");
    expect((await leadById(r.lead.leadId)).state).toBe("nurture");
    expect(await jobFor(r.lead.leadId)).toBeUndefined();
  });

  it("answers each bad field and changes nothing", async () => {
    const before = await leadCount();
    const r = await intakeFromForm(
      t.db,
      { contact_name: "", company_name: "Acme", territory: "Atlantis", contact_email: "nope" },
      manager,
    );
    expect(r).toEqual({
      ok: false,
      code: "invalid",
      message: "Check the marked fields; nothing was saved.",
      fieldErrors: {
        contact_name: ["Contact name is required."],
        contact_email: ["Contact email must be an email address such as name@example.com."],
        territory: ["Territory must be an ISO 3166 country or subdivision code such as US, US-CA or DE."],
      },
    });
    expect(await leadCount()).toBe(before);
  });

  it("refuses an archived or unknown campaign", async () => {
    const fields = campaignFieldsSchema.parse({ name: "Old webinar", channel: "Webinar", cost: "100" });
    const c = await createCampaign(t.db, fields, manager);
    expectOk(c);
    await archiveCampaign(t.db, c.campaign.id, true, manager);
    const archived = await intakeFromForm(t.db, qualified({ campaign_id: c.campaign.id }), manager);
    expect(expectFailure(archived, "invalid").fieldErrors).toEqual({
      campaign_id: ["The campaign is the archived campaign “Old webinar”."],
    });
    const unknown = await intakeFromForm(t.db, qualified({ campaign_id: "not-a-uuid" }), manager);
    expect(expectFailure(unknown, "invalid").fieldErrors).toEqual({
      campaign_id: ["The campaign is not a known campaign."],
    });
  });

  it("flags the same email, in another case, as a possible duplicate of the earlier lead", async () => {
    pinClock(T0);
    const first = await intakeFromForm(t.db, qualified({ contact_email: "dup.person@example.com" }), manager);
    pinClock(new Date(T0.getTime() + DAY));
    const second = await intakeFromForm(
      t.db,
      qualified({ contact_email: "DUP.Person@Example.com", company_name: "Elsewhere" }),
      manager,
    );
    expectOk(first);
    expectOk(second);
    expect(second.lead.duplicateOf).toBe(first.lead.leadId);
    expect(await leadById(second.lead.leadId)).toMatchObject({
      duplicate_of: first.lead.leadId,
      duplicate_status: "possible",
    });
  });

  it("flags the same company and phone, but not after 90 days", async () => {
    pinClock(T0);
    const phone = "+1 (212) 555-0199";
    const first = await intakeFromForm(t.db, qualified({ company_name: "Phone Co", contact_phone: phone }), manager);
    pinClock(new Date(T0.getTime() + 10 * DAY));
    const second = await intakeFromForm(
      t.db,
      qualified({ company_name: "PHONE CO", contact_phone: "+12125550199" }),
      manager,
    );
    pinClock(new Date(T0.getTime() + 91 * DAY));
    const late = await intakeFromForm(t.db, qualified({ company_name: "Phone Co", contact_phone: phone }), manager);
    expectOk(first);
    expectOk(second);
    expectOk(late);
    expect(second.lead.duplicateOf).toBe(first.lead.leadId);
    // The second one is still inside the window of the third.
    expect(late.lead.duplicateOf).toBe(second.lead.leadId);
  });
});

describe("de-duplication: SQL and the pure rule agree at the window's edge", () => {
  it("counts a lead exactly 90 days old, not one a millisecond older", async () => {
    const now = new Date("2026-09-01T00:00:00Z");
    const since = duplicateWindowStart(now);
    const email = "edge@example.com";
    const earlier = [];
    for (const [name, at] of [
      ["too old", new Date(since.getTime() - 1)],
      ["at the edge", since],
      ["inside", new Date(since.getTime() + 1)],
    ] as const) {
      pinClock(at);
      const r = await intakeFromForm(t.db, qualified({ contact_email: email, contact_name: name }), manager);
      expectOk(r);
      earlier.push({
        id: r.lead.leadId,
        intakeAt: at,
        contactEmail: email,
        companyName: "Compiler Works",
        contactPhone: null,
      });
    }
    pinClock(now);
    const candidate = { contactEmail: email, companyName: "Compiler Works", contactPhone: null };
    const pure = possibleDuplicateOf(candidate, earlier, now);
    const r = await intakeFromForm(t.db, qualified({ contact_email: email }), manager);
    expectOk(r);
    expect(pure).toBe(earlier[1].id);
    expect(r.lead.duplicateOf).toBe(pure);
  });
});

describe("the JSON API", () => {
  const item = (externalId: string, over: Record<string, unknown> = {}) => ({
    external_id: externalId,
    ...qualified(over),
  });

  it("creates one lead and answers its id; a retry updates it and never doubles it", async () => {
    pinClock(T0);
    const first = await intakeFromApi(t.db, item("crm-1"), key);
    expectOk(first);
    expect(first).toMatchObject({
      batch: false,
      created: 1,
      results: [{ status: "created", externalId: "crm-1", kind: "lead" }],
    });
    const id = first.results[0].leadId;
    const lead = await leadById(id);
    expect(lead).toMatchObject({
      source_id: key.sourceId,
      external_id: "crm-1",
      intake_by: "api-key:Website forms",
      created_by: null,
      state: "routing",
    });

    pinClock(new Date(T0.getTime() + 60_000));
    const retry = await intakeFromApi(t.db, item("crm-1", { contact_title: "CTO" }), key);
    expect(retry).toMatchObject({ ok: true, created: 0, results: [{ status: "updated", leadId: id }] });
    const updated = await leadById(id);
    expect(updated).toMatchObject({ contact_title: "CTO", intake_at: T0, updated_at: new Date(T0.getTime() + 60_000) });
    expect(await t.db.selectFrom("leads").select("id").where("external_id", "=", "crm-1").execute()).toHaveLength(1);
    expect(await t.db.selectFrom("routing_jobs").select("lead_id").where("lead_id", "=", id).execute()).toHaveLength(1);
  });

  it("promotes an inquiry that comes back qualified, and hands it to routing", async () => {
    const first = await intakeFromApi(t.db, { external_id: "crm-2", ...inquiry() }, key);
    expectOk(first);
    expect(first.results[0].kind).toBe("inquiry");
    const again = await intakeFromApi(t.db, item("crm-2"), key);
    expect(again).toMatchObject({ ok: true, results: [{ status: "promoted", kind: "lead" }] });
    const lead = await leadById(first.results[0].leadId);
    expect(lead).toMatchObject({ kind: "lead", state: "routing" });
    expect(await jobFor(lead.id)).toBeDefined();
  });

  it("takes a batch and flags duplicates within it", async () => {
    const r = await intakeFromApi(
      t.db,
      {
        leads: [
          item("b-1", { contact_email: "same@batch.example" }),
          item("b-2", { contact_email: "Same@Batch.example" }),
          item("b-3"),
        ],
      },
      key,
    );
    expectOk(r);
    expect(r.results.map((x) => x.status)).toEqual(["created", "created", "created"]);
    expect(r.results[1].duplicateOf).toBe(r.results[0].leadId);
    expect(r.results[2].duplicateOf).toBeNull();
    const audit = await t.db
      .selectFrom("audit_events")
      .selectAll()
      .where("subject_id", "=", key.id)
      .where("action", "=", "lead.intake_batch")
      .execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it("refuses a batch with a few bad items as a whole, naming each bad field", async () => {
    const before = await leadCount();
    const r = await intakeFromApi(
      t.db,
      {
        leads: [
          item("x-1"),
          item("x-2", { territory: "Middle Earth" }),
          item("x-3"),
          { ...item("x-4"), contact_email: "nope", fax: "1" },
        ],
      },
      key,
    );
    expect(r).toMatchObject({ ok: false, status: 422, code: "validation_failed" });
    expect(r.ok ? [] : r.errors).toEqual([
      {
        index: 1,
        field: "territory",
        message: "must be an ISO 3166 country or subdivision code such as US, US-CA or DE",
      },
      { index: 3, field: "contact_email", message: "must be an email address such as name@example.com" },
      { index: 3, field: "fax", message: "is not a lead field" },
    ]);
    expect(await leadCount()).toBe(before);
  });

  it("refuses an external id given twice in one batch, and stores nothing", async () => {
    const before = await leadCount();
    const r = await intakeFromApi(t.db, { leads: [item("twice"), item("other"), item("twice")] }, key);
    expect(r).toMatchObject({
      ok: false,
      status: 422,
      errors: [{ index: 2, field: "external_id", message: "repeats the external id of item 0, which was used" }],
    });
    expect(await leadCount()).toBe(before);
    expect(await t.db.selectFrom("intake_staging").select("line").execute()).toEqual([]);
  });

  it("keeps external ids per source: another key's source makes another lead", async () => {
    const other = await createApiKey(t.db, "Marketing automation", manager);
    const otherKey = (await authenticateApiKey(t.db, `Bearer ${other.key}`))!;
    const a = await intakeFromApi(t.db, item("shared-id"), key);
    const b = await intakeFromApi(t.db, item("shared-id"), otherKey);
    expectOk(a);
    expectOk(b);
    expect(a.results[0].leadId).not.toBe(b.results[0].leadId);
  });
});

describe("API keys", () => {
  it("authenticates a live key, stamps its last use and forgets it once revoked", async () => {
    pinClock(T0);
    const created = await createApiKey(t.db, "Revoke me", manager);
    const stored = await t.db.selectFrom("api_keys").selectAll().where("id", "=", created.id).executeTakeFirstOrThrow();
    expect(stored.key_hash).not.toContain(created.key);
    expect(created.key.startsWith(stored.prefix)).toBe(true);
    expect(await authenticateApiKey(t.db, `Bearer ${created.key}`)).toMatchObject({
      id: created.id,
      name: "Revoke me",
    });
    expect(
      (await t.db.selectFrom("api_keys").select("last_used_at").where("id", "=", created.id).executeTakeFirstOrThrow())
        .last_used_at,
    ).toEqual(T0);
    expect(await authenticateApiKey(t.db, `Bearer ${created.key}x`)).toBeNull();
    expect(await authenticateApiKey(t.db, null)).toBeNull();
    expect(await revokeKey(t.db, created.id, manager)).toMatchObject({ ok: true });
    expect(await revokeKey(t.db, created.id, manager)).toMatchObject({ ok: false, code: "not_found" });
    expect(await authenticateApiKey(t.db, `Bearer ${created.key}`)).toBeNull();
  });

  it("a key created again under the same name feeds the same source (rotation)", async () => {
    const a = await createApiKey(t.db, "Rotating", manager);
    const b = await createApiKey(t.db, "rotating", manager);
    const rows = await t.db.selectFrom("api_keys").select("source_id").where("id", "in", [a.id, b.id]).execute();
    expect(new Set(rows.map((r) => r.source_id)).size).toBe(1);
  });
});

describe("campaigns", () => {
  it("creates, edits, archives, and refuses a taken name", async () => {
    const { editCampaign } = await import("~/services/campaigns.server");
    const fields = campaignFieldsSchema.parse({
      name: "Spring summit",
      channel: "Trade show",
      starts_on: "2026-04-01",
      ends_on: "2026-04-03",
      cost: "12,500.50",
    });
    const c = await createCampaign(t.db, fields, manager);
    expectOk(c);
    expect(c.campaign).toMatchObject({
      cost_cents: 1250050,
      starts_at: new Date("2026-04-01T00:00:00Z"),
      ends_at: new Date("2026-04-03T23:59:59.999Z"),
    });
    expect(await createCampaign(t.db, { ...fields, name: "SPRING SUMMIT" }, manager)).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { name: ["Another campaign already has this name."] },
    });
    const edited = await editCampaign(t.db, c.campaign.id, { ...fields, cost: 99 }, manager);
    expect(edited).toMatchObject({ ok: true, campaign: { cost_cents: 99 } });
    expect(
      campaignFieldsSchema.safeParse({ name: "x", channel: "y", starts_on: "2026-05-02", ends_on: "2026-05-01" })
        .success,
    ).toBe(false);
  });
});
