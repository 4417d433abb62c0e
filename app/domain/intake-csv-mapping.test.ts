import { describe, expect, it } from "vitest";
import {
  headerKey,
  headerProblems,
  mappingErrors,
  mapRecord,
  rememberMapping,
  suggestMapping,
} from "./intake-csv-mapping";

describe("CSV column mapping", () => {
  const headers = ["E-mail Address", "Full Name", "Company", "Country", "Notes", "Unknown"];

  it("suggests fields from well-known header names", () => {
    expect(suggestMapping(headers, null)).toEqual([
      "contact_email",
      "contact_name",
      "company_name",
      "territory",
      "interest",
      null,
    ]);
  });

  it("prefers what the source remembers, and gives each field one column", () => {
    const remembered = { unknown: "interest" as const };
    expect(suggestMapping(headers, remembered)).toEqual([
      "contact_email",
      "contact_name",
      "company_name",
      "territory",
      null,
      "interest",
    ]);
  });

  it("remembers a confirmed mapping by header", () => {
    expect(rememberMapping(["Full Name", "Org"], ["contact_name", "company_name"])).toEqual({
      fullname: "contact_name",
      org: "company_name",
    });
    expect(headerKey(" E-mail_Address ")).toBe("emailaddress");
  });

  it("requires the required fields and forbids a field twice", () => {
    expect(mappingErrors(["contact_name", "company_name", "territory"])).toEqual([]);
    const errors = mappingErrors(["contact_name", "contact_name", null]);
    expect(errors.map((e) => e.field)).toEqual(["mapping", "mapping", "column.1"]);
    expect(errors[0].message).toBe("Choose the column that holds “Company”.");
  });

  it("maps a record, short records read as blanks", () => {
    expect(mapRecord(["Ada", "Acme"], ["contact_name", null, "territory"])).toEqual({
      contact_name: "Ada",
      territory: "",
    });
  });

  it("finds unusable headers", () => {
    expect(headerProblems(["only"])).toHaveLength(1);
    expect(headerProblems(["Name", "name ", "x"])).toEqual(["Columns 1 and 2 have the same header “name”."]);
    expect(headerProblems(["a", "", ""])).toEqual([]);
  });
});
