import { describe, expect, it } from "vitest";
import { MAX_API_BATCH, parseApiBody } from "./intake-api";

const verticals = [{ code: "software", label: "Software" }];
const lead = (i = 1) => ({ external_id: `crm-${i}`, contact_name: "Ada", company_name: "Acme", territory: "US" });

describe("API request body", () => {
  it("takes one lead", () => {
    const r = parseApiBody({ ...lead(), campaign_id: null }, verticals);
    expect(r).toMatchObject({
      ok: true,
      batch: false,
      items: [{ campaignId: null, fields: { external_id: "crm-1" } }],
    });
  });

  it("takes a batch", () => {
    const r = parseApiBody({ leads: [lead(1), lead(2)] }, verticals);
    expect(r.ok && r.items.map((i) => i.fields.external_id)).toEqual(["crm-1", "crm-2"]);
  });

  it("refuses shapes that are not leads with 400", () => {
    expect(parseApiBody([lead()], verticals)).toMatchObject({ ok: false, status: 400 });
    expect(parseApiBody({ leads: [] }, verticals)).toMatchObject({ ok: false, status: 400 });
    expect(parseApiBody("x", verticals)).toMatchObject({ ok: false, status: 400 });
  });

  it("refuses more than 1,000 leads with 413", () => {
    const leads = Array.from({ length: MAX_API_BATCH + 1 }, (_, i) => lead(i));
    expect(parseApiBody({ leads }, verticals)).toMatchObject({ ok: false, status: 413, code: "batch_too_large" });
  });

  it("names each bad field of each bad item with 422", () => {
    const r = parseApiBody(
      { leads: [lead(1), { ...lead(2), territory: "Narnia", colour: "red" }, { contact_name: "Bob" }, 7] },
      verticals,
    );
    expect(r).toMatchObject({
      ok: false,
      status: 422,
      message: "3 of 4 leads have invalid fields; nothing was stored.",
    });
    expect(r.ok ? [] : r.errors).toEqual([
      {
        index: 1,
        field: "territory",
        message: "must be an ISO 3166 country or subdivision code such as US, US-CA or DE",
      },
      { index: 1, field: "colour", message: "is not a lead field" },
      { index: 2, field: "external_id", message: "is required" },
      { index: 2, field: "company_name", message: "is required" },
      { index: 2, field: "territory", message: "is required" },
      { index: 3, field: "(lead)", message: "must be a JSON object of lead fields" },
    ]);
  });

  it("checks the campaign id's form", () => {
    const r = parseApiBody({ ...lead(), campaign_id: "summer" }, verticals);
    expect(r.ok ? [] : r.errors).toEqual([{ field: "campaign_id", message: "must be a campaign id (a UUID)" }]);
  });
});
