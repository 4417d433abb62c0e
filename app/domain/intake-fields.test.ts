import { describe, expect, it } from "vitest";
import { leadFieldsSchema, normalizePhone, scoringFacts, validateLeadFields } from "./intake-fields";

const schema = leadFieldsSchema([
  { code: "healthcare", label: "Healthcare" },
  { code: "finance", label: "Financial services" },
]);
const base = { contact_name: "Ada Lovelace", company_name: "Analytical Engines", territory: "gb" };

describe("lead fields", () => {
  it("normalises what people and files type", () => {
    const r = validateLeadFields(schema, {
      ...base,
      contact_name: "  Ada   Lovelace ",
      contact_email: " Ada@Example.COM ",
      contact_phone: "+44 (20) 7946-0958",
      company_size: "1,200",
      vertical: "Financial Services",
      engagement: "",
      interest: "",
    });
    expect(r).toEqual({
      ok: true,
      fields: {
        contact_name: "Ada Lovelace",
        contact_email: "ada@example.com",
        contact_phone: "+442079460958",
        company_name: "Analytical Engines",
        company_size: 1200,
        territory: "GB",
        vertical: "finance",
      },
    });
  });

  it("names every bad field with a message a person understands", () => {
    const r = validateLeadFields(schema, {
      contact_name: " ",
      company_name: "Acme",
      territory: "Germany",
      contact_email: "not-an-email",
      contact_phone: "12",
      company_size: "many",
      vertical: "mining",
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.fromEntries(r.errors.map((e) => [e.field, e.message]))).toEqual({
      contact_name: "is required",
      territory: "must be an ISO 3166 country or subdivision code such as US, US-CA or DE",
      contact_email: "must be an email address such as name@example.com",
      contact_phone: "must be a phone number of 6 to 15 digits, optionally starting with +",
      company_size: "must be a whole number",
      vertical: "must be one of: healthcare, finance",
    });
  });

  it("accepts JSON numbers and nulls from the API", () => {
    const r = validateLeadFields(schema, { ...base, company_size: 250, engagement: 4, contact_title: null });
    expect(r.ok && r.fields).toMatchObject({ company_size: 250, engagement: 4 });
    expect(r.ok && "contact_title" in r.fields && r.fields.contact_title).toBeFalsy();
  });

  it("rejects wrong types and limits", () => {
    const r = validateLeadFields(schema, { ...base, company_size: 2.5, contact_name: 42, interest: "x".repeat(1001) });
    expect(r.ok ? [] : r.errors.map((e) => `${e.field}: ${e.message}`)).toEqual([
      "contact_name: must be text",
      "company_size: must be a whole number",
      "interest: must be at most 1000 characters",
    ]);
  });

  it("accepts subdivision codes", () => {
    expect(validateLeadFields(schema, { ...base, territory: "us-ca" })).toMatchObject({
      ok: true,
      fields: { territory: "US-CA" },
    });
  });

  it("keeps one form of a phone number", () => {
    expect(normalizePhone(" +1 (415) 555-0100 ")).toBe("+14155550100");
    expect(normalizePhone("0049 89 1234")).toBe("0049891234");
  });

  it("hands scoring the facts it looks at", () => {
    expect(scoringFacts({ contact_title: "CTO", company_size: 80, territory: "US" })).toMatchObject({
      title: "CTO",
      companySize: 80,
      territory: "US",
    });
  });
});

describe("live preview", () => {
  it("keeps the fields that are valid on their own", async () => {
    const { validFieldsOf } = await import("./intake-fields");
    expect(
      validFieldsOf(schema, { contact_title: "CTO", company_size: "12x", territory: "us-ca", vertical: "Healthcare" }),
    ).toEqual({
      contact_title: "CTO",
      territory: "US-CA",
      vertical: "healthcare",
    });
  });
});
