import { describe, expect, it } from "vitest";
import { rejectsHeader, rejectsLine } from "./intake-csv-rejects";

describe("rejects file", () => {
  it("puts line, fields and reasons before the original values", () => {
    expect(rejectsHeader(["Name", "Country"])).toBe('"line","field","reason","Name","Country"\r\n');
    expect(
      rejectsLine({
        line: 7,
        errors: [
          { field: "Country", message: "must be a code" },
          { field: "Email", message: "must be an email" },
        ],
        raw: ["Ada", "Germany"],
      }),
    ).toBe('"7","Country; Email","Country: must be a code; Email: must be an email","Ada","Germany"\r\n');
  });
});
