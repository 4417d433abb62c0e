/**
 * Steps 2 and 3 of a CSV import: the manager confirms the column mapping, then the import runs
 * in this process. It streams the file through csv-parse into the staging table (committed a
 * thousand lines at a time, so the progress bar can read it and a killed server can resume
 * after the last staged line), then loads the valid rows into leads in one transaction of
 * set-based statements: the leads of an import appear all at once, never half.
 */
import type { CsvImport, NewStagingRow } from "@db/schema";
import { now } from "~/clock.server";
import type { DB } from "~/db.server";
import { env } from "~/env.server";
import {
  mappingErrors,
  mapRecord,
  rememberMapping,
  suggestMapping,
  type ColumnMapping,
} from "~/domain/intake-csv-mapping";
import { rejectsHeader, rejectsLine } from "~/domain/intake-csv-rejects";
import { duplicateWindowStart } from "~/domain/intake-dedupe";
import type { FieldError } from "~/domain/intake-fields";
import { recordAudit } from "~/models/audit.server";
import {
  claimImport,
  getImport,
  lastStagedLine,
  listRejects,
  rememberedMapping,
  renewLease,
  saveRememberedMapping,
  lockImport,
  lockImportSlots,
  moveImportFrom,
  runningImportCount,
  stagingCounts,
  stalledImportIds,
  updateImport,
  type StagingCounts,
} from "~/models/csv-import.server";
import { loadStagedBatch, stageRows, STAGING_BATCH_ROWS, type LoadCounts } from "~/models/lead-intake.server";
import { type Actor } from "./actor";
import { fail, groupFieldErrors, invalidFields, succeed, type Outcome } from "~/domain/outcome";
import {
  fileExists,
  inspectCsv,
  openCsv,
  recordStartLine,
  removeFile,
  type CsvSettings,
} from "./intake-csv-file.server";
import { loadIntakeRules, stagingRow, type IntakeRules } from "./intake-rules.server";

const LEASE_MS = 60_000;
const HEARTBEAT_MS = 15_000;

// Imports running in this process, so a second request never starts a second runner here.
const holder = globalThis as typeof globalThis & { __portalCsvRunners?: Map<string, Promise<void>> };
const runners = (holder.__portalCsvRunners ??= new Map());

// ------------------------------------------------------------------------ mapping step

/** Reads the headers again with the encoding and delimiter the manager chose. */
export async function changeCsvSettings(db: DB, importId: string, settings: CsvSettings): Promise<Outcome> {
  const imp = await getImport(db, importId);
  if (!imp) return fail("not_found", "This import does not exist.");
  if (imp.state !== "mapping") return fail("conflict", "This import has already started.");
  const inspected = await inspectCsv(imp.file_path, settings);
  if (!inspected.ok) return fail("invalid", inspected.message);
  const { headers } = inspected.inspection;
  await updateImport(db, importId, {
    encoding: settings.encoding,
    delimiter: settings.delimiter,
    headers: JSON.stringify(headers),
    mapping: JSON.stringify(suggestMapping(headers, await rememberedMapping(db, imp.source_id))),
  });
  return succeed({});
}

/** Confirms the mapping (remembered for the source) and starts the import in this process. */
export async function startImport(db: DB, importId: string, mapping: ColumnMapping, actor: Actor): Promise<Outcome> {
  const imp = await getImport(db, importId);
  if (!imp) return fail("not_found", "This import does not exist.");
  const headers = imp.headers as string[];
  if (mapping.length !== headers.length)
    return fail("invalid", "The mapping does not match the file's columns; reload the page.");
  const errors = mappingErrors(mapping);
  if (errors.length > 0) return invalidFields(groupFieldErrors(errors), "Check the column mapping.");
  const at = now();
  const started = await db.transaction().execute(async (trx) => {
    const moved = await moveImportFrom(trx, importId, "mapping", {
      mapping: JSON.stringify(mapping),
      state: "staging",
      started_at: at,
    });
    if (!moved) return false;
    await saveRememberedMapping(trx, imp.source_id, rememberMapping(headers, mapping), at);
    await recordAudit(trx, {
      actorId: actor.userId,
      actorLabel: actor.label,
      action: "csv_import.start",
      subjectType: "csv_import",
      subjectId: importId,
      details: { fileName: imp.file_name, mapping },
      at,
    });
    return true;
  });
  if (!started) return fail("conflict", "This import has already started.");
  await resumeImport(db, importId);
  return succeed({});
}

// ------------------------------------------------------------------------------ runner

/**
 * Runs an import that is due (started, failed, or interrupted with its lease lapsed) in the
 * background of this process. Answers whether this call started it.
 */
export async function resumeImport(db: DB, importId: string): Promise<boolean> {
  if (runners.has(importId)) return false;
  await moveImportFrom(db, importId, "failed", { state: "staging", error: null, lease_until: null });
  const claimed = await claim(db, importId);
  if (!claimed) return false;
  const run = work(db, claimed).finally(() => runners.delete(importId));
  runners.set(importId, run);
  return true;
}

/**
 * Resumes every import whose runner died (its lease lapsed): for a periodic job, so imports
 * interrupted by a restart finish without anyone re-uploading. Answers the ids it resumed.
 */
export async function resumeStalledImports(db: DB): Promise<string[]> {
  const resumed: string[] = [];
  for (const id of await stalledImportIds(db, now())) if (await resumeImport(db, id)) resumed.push(id);
  return resumed;
}

/** Resolves when this process's run of the import ends (tests, graceful shutdown). */
export function importRunFinished(importId: string): Promise<void> {
  return runners.get(importId) ?? Promise.resolve();
}

/**
 * Runs the import in the caller's hands (tests, a command line): `signal` stops it between two
 * staged batches and leaves it exactly as a killed server would (lease held, rows staged).
 */
export async function runImport(
  db: DB,
  importId: string,
  opts: { signal?: AbortSignal } = {},
): Promise<"ran" | "busy"> {
  const claimed = await claim(db, importId);
  if (!claimed) return "busy";
  await work(db, claimed, opts.signal);
  return "ran";
}

/** Takes the import to run it, when it is due and one of MAX_RUNNING_IMPORTS slots is free. */
function claim(db: DB, importId: string) {
  const at = now();
  return db.transaction().execute(async (trx) => {
    await lockImportSlots(trx);
    if ((await runningImportCount(trx, at)) >= env().MAX_RUNNING_IMPORTS) return undefined;
    return claimImport(trx, importId, at, new Date(at.getTime() + LEASE_MS));
  });
}

async function work(db: DB, imp: CsvImport, signal?: AbortSignal): Promise<void> {
  const heartbeat = setInterval(() => {
    renewLease(db, imp.id, new Date(now().getTime() + LEASE_MS)).catch(() => {});
  }, HEARTBEAT_MS);
  try {
    if (imp.state === "staging") {
      if (!(await fileExists(imp.file_path))) {
        await updateImport(db, imp.id, {
          state: "failed",
          lease_until: null,
          error: "The uploaded file is no longer on the server. Upload the same file again to resume.",
        });
        return;
      }
      const finished = await stage(db, imp, signal);
      if (!finished) return;
      await updateImport(db, imp.id, { state: "loading" });
    }
    await load(db, imp);
    await removeFile(imp.file_path);
  } catch (e) {
    console.error(`CSV import ${imp.id} failed`, e);
    await updateImport(db, imp.id, {
      state: "failed",
      lease_until: null,
      error: `The import stopped: ${(e as Error).message}`,
    }).catch(() => {});
  } finally {
    clearInterval(heartbeat);
  }
}

/** Streams the file into the staging table after the last line already there; false when stopped. */
async function stage(db: DB, imp: CsvImport, signal?: AbortSignal): Promise<boolean> {
  const rules = await loadIntakeRules(db);
  const after = await lastStagedLine(db, imp.id);
  const toRow = rowBuilder(imp, rules);
  let pending: NewStagingRow[] = [];
  let lastEndLine = 0;
  const records = openCsv(
    imp.file_path,
    { encoding: imp.encoding as CsvSettings["encoding"], delimiter: imp.delimiter as CsvSettings["delimiter"] },
    {
      onRecordEnd: (line) => (lastEndLine = line),
      onSkip: (err) => {
        const line = lastEndLine + 1;
        if (line > after) pending.push(toRow.unreadable(line, err));
      },
    },
  );
  let header = true;
  for await (const { record, info } of records) {
    if (header) {
      header = false;
      continue;
    }
    const line = recordStartLine(record, info);
    if (line <= after) continue;
    pending.push(toRow.read(line, record));
    if (pending.length >= STAGING_BATCH_ROWS) {
      const batch = pending;
      pending = [];
      await stageRows(db, batch);
      if (signal?.aborted) {
        records.destroy();
        return false;
      }
    }
  }
  await stageRows(db, pending);
  return true;
}

function rowBuilder(imp: CsvImport, rules: IntakeRules) {
  const headers = imp.headers as string[];
  const mapping = imp.mapping as ColumnMapping;
  const rejected = (line: number, errors: FieldError[], raw: string[] | null) =>
    stagingRow(imp.id, line, { ok: false, errors }, { campaignId: null, raw });
  return {
    read(line: number, values: string[]): NewStagingRow {
      const extra = values.slice(headers.length);
      if (extra.some((v) => v.trim() !== "")) {
        return rejected(
          line,
          [
            {
              field: "(line)",
              message: `has ${values.length} values where the header has ${headers.length}: check the delimiter and the quotes`,
            },
          ],
          values,
        );
      }
      const prepared = rules.prepare(mapRecord(values, mapping));
      if (!prepared.ok) return rejected(line, prepared.errors, values);
      return stagingRow(imp.id, line, prepared, { campaignId: imp.campaign_id, raw: values });
    },
    unreadable(line: number, err: Error & { code?: string }): NewStagingRow {
      const message =
        err.code === "CSV_QUOTE_NOT_CLOSED"
          ? "a quoted value is never closed, so this line and the rest of the file could not be read"
          : err.code === "CSV_MAX_RECORD_SIZE"
            ? "the line is far too long: probably a quote that is never closed"
            : `cannot be read as CSV (${err.message})`;
      return rejected(line, [{ field: "(line)", message }], null);
    },
  };
}

async function load(db: DB, imp: CsvImport): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const locked = await lockImport(trx, imp.id);
    if (!locked || locked.state !== "loading") return;
    const at = now();
    const counts = await loadStagedBatch(trx, {
      batchId: imp.id,
      sourceId: imp.source_id,
      at,
      intakeBy: `csv-import:${imp.file_name}`,
      createdBy: imp.created_by,
      rowWord: "line",
      duplicatesSince: duplicateWindowStart(at),
    });
    const staged = await stagingCounts(trx, imp.id);
    const result: ImportResult = { rows: staged.staged, valid: staged.valid, rejected: staged.rejected, ...counts };
    await updateImport(trx, imp.id, {
      state: "done",
      result: JSON.stringify(result),
      finished_at: at,
      lease_until: null,
      error: null,
    });
    await recordAudit(trx, {
      actorId: imp.created_by,
      actorLabel: imp.created_by_label,
      action: "csv_import.complete",
      subjectType: "csv_import",
      subjectId: imp.id,
      details: { fileName: imp.file_name, sourceId: imp.source_id, ...result },
      at,
    });
  });
}

// ------------------------------------------------------------------------ progress, rejects

export interface ImportResult extends LoadCounts {
  rows: number;
  valid: number;
  rejected: number;
}

export interface ImportView {
  import: CsvImport;
  counts: StagingCounts;
  result: ImportResult | null;
  /** Started but nobody is running it: the server stopped in the middle. */
  stalled: boolean;
  /** Started and waiting for one of the MAX_RUNNING_IMPORTS slots (the interval job starts it). */
  queued: boolean;
}

export async function importView(db: DB, importId: string): Promise<ImportView | null> {
  const imp = await getImport(db, importId);
  if (!imp) return null;
  const counts = await stagingCounts(db, importId);
  const running = imp.state === "staging" || imp.state === "loading";
  const at = now();
  const leaseLapsed = !imp.lease_until || imp.lease_until.getTime() <= at.getTime();
  const notRunning = running && leaseLapsed && !runners.has(importId);
  const slotsFull = notRunning && (await runningImportCount(db, at)) >= env().MAX_RUNNING_IMPORTS;
  return {
    import: imp,
    counts,
    result: (imp.result as ImportResult | null) ?? null,
    stalled: notRunning && !slotsFull,
    queued: slotsFull,
  };
}

const REJECTS_PAGE = 1000;

/** Errors are stored with lead field names; the manager fixes the file, so show its column names. */
export function columnNamer(imp: CsvImport): (field: string) => string {
  const headers = imp.headers as string[];
  const mapping = (imp.mapping as ColumnMapping | null) ?? [];
  const columnOf = new Map<string, string>(
    mapping.flatMap((field, i) => (field ? [[field, headers[i]] as [string, string]] : [])),
  );
  return (field) => columnOf.get(field) ?? field;
}

/** The rejects file, streamed a page of lines at a time (UTF-8 with a BOM, for spreadsheets). */
export function rejectsCsvStream(db: DB, imp: CsvImport): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const columnName = columnNamer(imp);
  let afterLine: number | null = null;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (afterLine === null) {
        afterLine = 0;
        controller.enqueue(encoder.encode("\uFEFF" + rejectsHeader(imp.headers as string[])));
        return;
      }
      const page = await listRejects(db, imp.id, { afterLine, limit: REJECTS_PAGE });
      if (page.length === 0) return controller.close();
      afterLine = page[page.length - 1].line;
      controller.enqueue(encoder.encode(page.map((row) => rejectsLine(row, columnName)).join("")));
    },
  });
}
