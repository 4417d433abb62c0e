import { describe, expect, it } from "vitest";
import { csvLine } from "./csv-writer";

describe("the CSV writer", () => {
  it("quotes every cell and doubles quotes inside", () => {
    expect(csvLine(["a", "b,c", 'say "hi"', "two\nlines", ""])).toBe('"a","b,c","say ""hi""","two\nlines",""\r\n');
  });

  it("defuses formulas at the start of a cell and after ; tab or |, but keeps phone numbers", () => {
    expect(csvLine(['=HYPERLINK("x")', "@cmd", "+SUM(A1)", "-2+3*cmd|' /C calc'!A0"])).toBe(
      `"'=HYPERLINK(""x"")","'@cmd","'+SUM(A1)","'-2+3*cmd|' /C calc'!A0"\r\n`,
    );
    expect(csvLine(["x;=cmd|' /C calc'!A0", "a\t@b", "a|+b", "\tx"])).toBe(
      `"x;'=cmd|' /C calc'!A0","a\t'@b","a|'+b","'\tx"\r\n`,
    );
    expect(csvLine(["+1 415 555 0100", "-3", "a-b", "x=y"])).toBe('"+1 415 555 0100","-3","a-b","x=y"\r\n');
  });
});
