import { describe, expect, it } from "vitest";
import { detectDelimiter, detectEncoding } from "./intake-csv-detect";

const bytes = (...b: number[]) => Uint8Array.from(b);

describe("CSV encoding", () => {
  it("reads byte-order marks", () => {
    expect(detectEncoding(bytes(0xef, 0xbb, 0xbf, 0x61))).toEqual({ encoding: "utf-8", bom: true });
    expect(detectEncoding(bytes(0xff, 0xfe, 0x61, 0))).toEqual({ encoding: "utf-16le", bom: true });
    expect(detectEncoding(bytes(0xfe, 0xff, 0, 0x61))).toEqual({ encoding: "utf-16be", bom: true });
  });

  it("tells UTF-16 without a mark by its zero bytes", () => {
    expect(detectEncoding(Buffer.from("name,company\nAda,Acme\n", "utf16le"))).toEqual({
      encoding: "utf-16le",
      bom: false,
    });
  });

  it("tells UTF-8 from Windows-1252", () => {
    expect(detectEncoding(Buffer.from("name\nJosé Müller\n", "utf8")).encoding).toBe("utf-8");
    expect(detectEncoding(Buffer.from("name\nJosé Müller\n", "latin1")).encoding).toBe("windows-1252");
  });

  it("does not blame a sample cut inside a character", () => {
    const full = Buffer.from("name\nJosé", "utf8");
    expect(detectEncoding(full.subarray(0, full.length - 1)).encoding).toBe("utf-8");
  });
});

describe("CSV delimiter", () => {
  it("finds the delimiter that splits every line alike", () => {
    expect(detectDelimiter("a,b,c\n1,2,3\n4,5,6\n")).toBe(",");
    expect(detectDelimiter('name;company;note\nAda;Acme;"x, y, z"\nBob;Beta;z\n')).toBe(";");
    expect(detectDelimiter("a\tb\n1\t2\n3\t")).toBe("\t");
    expect(detectDelimiter("a|b|c\n1|2|3\n")).toBe("|");
  });

  it("falls back to a comma", () => {
    expect(detectDelimiter("just one column\nvalue\n")).toBe(",");
  });
});
