/**
 * Uploaded CSV files on disk: received as a stream (hashed and counted on the way, never held in
 * memory), inspected from their first bytes, and read back as a stream of records by csv-parse.
 */
import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { chmod, mkdir, open, rename, rm, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { UploadHandler } from "@remix-run/node";
import { parse, type Info, type Parser } from "csv-parse";
import { detectDelimiter, detectEncoding, type CsvDelimiter, type CsvEncoding } from "~/domain/intake-csv-detect";
import { headerProblems } from "~/domain/intake-csv-mapping";
import { fail, succeed, type Failure, type Outcome } from "~/domain/outcome";
import { env } from "~/env.server";

/**
 * Where uploads wait for their import (UPLOAD_DIR, beside the embedded database by default; not
 * the shared temp directory). app/jobs/upload-cleanup.server.ts deletes what no import needs.
 */
export function uploadDir(): string {
  return resolve(env().UPLOAD_DIR);
}
export const MAX_CSV_BYTES = 1024 * 1024 * 1024;
export const PREVIEW_ROWS = 5;
/** A record longer than this is a broken file (an unclosed quote), not a lead. */
const MAX_RECORD_CHARS = 256 * 1024;
const SAMPLE_BYTES = 64 * 1024;

export class UploadTooLarge extends Error {
  constructor() {
    super(`The file is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB.`);
  }
}

/** A form with two `file` parts: refused before the second is written anywhere. */
export class SecondFile extends Error {
  constructor() {
    super("Send one file at a time.");
  }
}

export interface ReceivedFile {
  path: string;
  fileName: string;
  contentHash: string;
  byteSize: number;
  /** Line feeds in the file: the progress bar's estimate of the number of rows. */
  lineFeeds: number;
}

/**
 * An upload handler for the multipart part named `file`: streams it to a temporary file while
 * hashing it. The received file is kept in this closure, never taken from form fields.
 */
export function csvFileReceiver(): {
  handler: UploadHandler;
  received(): ReceivedFile | null;
  discard(): Promise<void>;
} {
  let file: ReceivedFile | null = null;
  let partial: string | null = null;
  const handler: UploadHandler = async (part) => {
    if (part.name !== "file" || part.filename === undefined) return undefined;
    if (partial) throw new SecondFile();
    // Only this process's user may read what people upload (contact lists).
    const dir = uploadDir();
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await chmod(dir, 0o700);
    const path = join(dir, `incoming-${randomUUID()}.part`);
    partial = path;
    const hash = createHash("sha256");
    let byteSize = 0;
    let lineFeeds = 0;
    const measure = new Transform({
      transform(chunk: Buffer, _enc, done) {
        byteSize += chunk.length;
        if (byteSize > MAX_CSV_BYTES) return done(new UploadTooLarge());
        hash.update(chunk);
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lineFeeds++;
        done(null, chunk);
      },
    });
    await pipeline(part.data, measure, createWriteStream(path));
    file = { path, fileName: part.filename, contentHash: hash.digest("hex"), byteSize, lineFeeds };
    return part.filename;
  };
  return {
    handler,
    received: () => file,
    discard: async () => {
      if (partial) await rm(partial, { force: true });
    },
  };
}

/** Moves a received file to its place for the import of this content; answers the new path. */
export async function keepUpload(file: ReceivedFile): Promise<string> {
  const path = join(uploadDir(), `${file.contentHash}.csv`);
  await rename(file.path, path);
  return path;
}

export async function fileExists(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

export async function removeFile(path: string): Promise<void> {
  await rm(path, { force: true });
}

export function estimatedRows(file: Pick<ReceivedFile, "lineFeeds">): number {
  return Math.max(file.lineFeeds, 1);
}

export interface CsvSettings {
  encoding: CsvEncoding;
  delimiter: CsvDelimiter;
}

export interface CsvInspection extends CsvSettings {
  hasBom: boolean;
  headers: string[];
  preview: string[][];
}

/** Encoding, delimiter, headers and the first rows; or what makes the file unusable. */
export async function inspectCsv(
  path: string,
  override?: Partial<CsvSettings>,
): Promise<Outcome<{ inspection: CsvInspection }>> {
  if (!(await fileExists(path))) {
    return unusable(
      "The uploaded file is no longer on the server (it was restarted or cleaned up). Upload the same file again.",
    );
  }
  const sample = await readSample(path);
  if (sample.length === 0) return unusable("The file is empty.");
  if (looksBinary(sample)) return unusable("This is not a text file: export the sheet as CSV and upload that.");
  const detected = detectEncoding(sample);
  const encoding = override?.encoding ?? detected.encoding;
  const delimiter = override?.delimiter ?? detectDelimiter(new TextDecoder(encoding).decode(sample));
  const records: string[][] = [];
  try {
    // A broken line further down is the import's business (it lists it); the preview skips it.
    const lines = openCsv(path, { encoding, delimiter }, { to: PREVIEW_ROWS + 1, onSkip: () => {} });
    for await (const { record } of lines) records.push(record);
  } catch (e) {
    return unusable(`The file cannot be read as CSV: ${(e as Error).message}`);
  }
  const [headerRow, ...preview] = records;
  if (!headerRow) return unusable("The file has no header line.");
  const headers = headerRow.map((h) => h.trim());
  const problems = headerProblems(headers);
  if (problems.length > 0) return unusable(...problems);
  return succeed({ inspection: { encoding, delimiter, hasBom: detected.bom, headers, preview } });
}

/** A file that cannot be used: the problems, shown at the file field. */
function unusable(...problems: string[]): Failure {
  return fail("invalid", problems.join(" "), { file: problems });
}

async function readSample(path: string): Promise<Uint8Array> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function looksBinary(sample: Uint8Array): boolean {
  // NUL bytes outside UTF-16 text, or the signature of a zip (xlsx) file.
  if (sample[0] === 0x50 && sample[1] === 0x4b) return true;
  const enc = detectEncoding(sample).encoding;
  return !enc.startsWith("utf-16") && sample.subarray(0, 4096).includes(0);
}

export interface CsvRecord {
  record: string[];
  info: Info;
}

/**
 * The file as a stream of records, decoded from its encoding (a byte-order mark is dropped).
 * With `onSkip`, records that cannot be read are skipped and reported to it with the error.
 */
export function openCsv(
  path: string,
  settings: CsvSettings,
  opts: {
    to?: number;
    onSkip?: (error: Error & { code?: string }) => void;
    /** Called as soon as the parser ends a record (ahead of the consumer), with its last line. */
    onRecordEnd?: (line: number) => void;
  } = {},
): Parser & AsyncIterable<CsvRecord> {
  const decoder = new TextDecoder(settings.encoding);
  const decode = new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _enc, done) {
      done(null, decoder.decode(chunk, { stream: true }));
    },
    flush(done) {
      done(null, decoder.decode());
    },
  });
  const parser = parse({
    delimiter: settings.delimiter,
    info: true,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_CHARS,
    skip_records_with_error: opts.onSkip !== undefined,
    on_skip: opts.onSkip ? (err) => void opts.onSkip!(err as Error & { code?: string }) : undefined,
    on_record: (record, context) => {
      opts.onRecordEnd?.(context.lines);
      return record;
    },
    to: opts.to,
  });
  const source = createReadStream(path);
  source.on("error", (e) => parser.destroy(e));
  decode.on("error", (e) => parser.destroy(e));
  source.pipe(decode).pipe(parser);
  // Stop reading the file when the consumer stops early (preview) or fails.
  parser.on("close", () => source.destroy());
  return parser as Parser & AsyncIterable<CsvRecord>;
}

/** The line a record starts on: csv-parse reports the line it ends on. */
export function recordStartLine(record: readonly string[], info: Info): number {
  let inner = 0;
  for (const field of record) for (let i = field.indexOf("\n"); i !== -1; i = field.indexOf("\n", i + 1)) inner++;
  return info.lines - inner;
}
