import { describe, expect, it } from "vitest";
import { csvLine, rejectsHeader, rejectsLine } from "./intake-csv-rejects";

describe("rejects file", () => {
  it("quotes what needs quoting", () => {
    expect(csvLine(["a", "b,c", 'say "hi"', "two\nlines"])).toBe('a,"b,c","say ""hi""","two\nlines"\r\n');
  });

  it("defuses spreadsheet formulas but keeps phone numbers", () => {
    expect(csvLine(["=HYPERLINK(\"x\")", "@cmd", "+1 415 555 0100", "-3"])).toBe(`"'=HYPERLINK(""x"")",'@cmd,+1 415 555 0100,-3\r\n`);
  });

  it("puts line, fields and reasons before the original values", () => {
    expect(rejectsHeader(["Name", "Country"])).toBe("line,field,reason,Name,Country\r\n");
    expect(
      rejectsLine({
        line: 7,
        errors: [
          { field: "Country", message: "must be a code" },
          { field: "Email", message: "must be an email" },
        ],
        raw: ["Ada", "Germany"],
      }),
    ).toBe("7,Country; Email,Country: must be a code; Email: must be an email,Ada,Germany\r\n");
  });
});
