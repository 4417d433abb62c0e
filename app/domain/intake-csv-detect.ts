/**
 * Guessing how a CSV file is written from its first bytes: encoding, byte-order mark and
 * delimiter. The manager sees the guess on the mapping page and may correct it.
 */
import { z } from "zod";

export const CSV_ENCODINGS = ["utf-8", "utf-16le", "utf-16be", "windows-1252"] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

export const CSV_ENCODING_LABELS: Record<CsvEncoding, string> = {
  "utf-8": "UTF-8",
  "utf-16le": "UTF-16 (little-endian)",
  "utf-16be": "UTF-16 (big-endian)",
  "windows-1252": "Windows-1252 / Latin-1 (older Excel)",
};

export const CSV_DELIMITERS = [",", ";", "\t", "|"] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

export const CSV_DELIMITER_LABELS: Record<CsvDelimiter, string> = {
  ",": "Comma ( , )",
  ";": "Semicolon ( ; )",
  "\t": "Tab",
  "|": "Pipe ( | )",
};

export function detectEncoding(sample: Uint8Array): { encoding: CsvEncoding; bom: boolean } {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: "utf-8", bom: true };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: "utf-16le", bom: true };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: "utf-16be", bom: true };
  // UTF-16 without a mark: ASCII text leaves every other byte zero.
  const pairs = Math.min(sample.length >> 1, 512);
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < pairs; i++) {
    if (sample[2 * i] === 0) zeroEven++;
    if (sample[2 * i + 1] === 0) zeroOdd++;
  }
  if (pairs > 0 && zeroOdd > pairs * 0.4 && zeroEven < pairs * 0.05) return { encoding: "utf-16le", bom: false };
  if (pairs > 0 && zeroEven > pairs * 0.4 && zeroOdd < pairs * 0.05) return { encoding: "utf-16be", bom: false };
  return { encoding: isUtf8(sample) ? "utf-8" : "windows-1252", bom: false };
}

function isUtf8(sample: Uint8Array): boolean {
  // The sample may end inside a multi-byte character: drop an incomplete tail before judging.
  let end = sample.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = sample[end - back];
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: look further back
    if (byte >= 0xc0) {
      const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      if (back < needed) end -= back;
    }
    break;
  }
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(sample.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/** The delimiter that splits the first lines into the same, largest number of fields. */
export function detectDelimiter(text: string): CsvDelimiter {
  const lines = splitLinesOutsideQuotes(text)
    .slice(0, 20)
    .filter((l) => l.trim() !== "");
  // The last line of a sample may be cut short; judge it only if it is the only one.
  const judged = lines.length > 1 ? lines.slice(0, -1) : lines;
  let best: CsvDelimiter = ",";
  let bestScore = 0;
  for (const d of CSV_DELIMITERS) {
    const counts = judged.map((l) => countOutsideQuotes(l, d));
    if (counts.length === 0 || counts[0] === 0) continue;
    const consistent = counts.filter((c) => c === counts[0]).length / counts.length;
    const score = consistent * counts[0];
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

function splitLinesOutsideQuotes(text: string): string[] {
  const lines: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === "\n" && !quoted) {
      lines.push(text.slice(start, i));
      start = i + 1;
    }
  }
  lines.push(text.slice(start));
  return lines;
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let quoted = false;
  let n = 0;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) n++;
  }
  return n;
}

/** The manager's correction of the detected settings. */
export const csvSettingsSchema = z.object({
  encoding: z.enum(CSV_ENCODINGS, { error: "must be one of the listed encodings" }),
  delimiter: z.enum(CSV_DELIMITERS, { error: "must be one of the listed delimiters" }),
});
