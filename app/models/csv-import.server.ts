import { sql, type Updateable } from "kysely";
import type { CsvImport, CsvImportsTable, NewCsvImport } from "@db/schema";
import type { Executor } from "~/db.server";
import type { RememberedMapping } from "~/domain/intake-csv-mapping";
import type { FieldError } from "~/domain/intake-fields";
import type { RejectedLine } from "~/domain/intake-csv-rejects";

export async function insertImport(db: Executor, values: NewCsvImport): Promise<CsvImport> {
  return db.insertInto("csv_imports").values(values).returningAll().executeTakeFirstOrThrow();
}

export async function getImport(db: Executor, id: string): Promise<CsvImport | undefined> {
  return db.selectFrom("csv_imports").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function findImportByHash(db: Executor, contentHash: string): Promise<CsvImport | undefined> {
  return db.selectFrom("csv_imports").selectAll().where("content_hash", "=", contentHash).executeTakeFirst();
}

export interface ImportListItem extends CsvImport {
  source_name: string;
}

export async function listImports(db: Executor, limit = 50): Promise<ImportListItem[]> {
  return db
    .selectFrom("csv_imports as i")
    .innerJoin("sources as s", "s.id", "i.source_id")
    .selectAll("i")
    .select("s.name as source_name")
    .orderBy("i.created_at", "desc")
    .limit(limit)
    .execute();
}

/**
 * Imports started but not running: left half-way by a runner that died (its lease ran out), or
 * waiting for a free slot (no lease yet). Oldest start first, so the queue is first come, first served.
 */
export async function stalledImportIds(db: Executor, now: Date): Promise<string[]> {
  const rows = await db
    .selectFrom("csv_imports")
    .select("id")
    .where("state", "in", ["staging", "loading"])
    .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<=", now)]))
    .orderBy("started_at")
    .execute();
  return rows.map((r) => r.id);
}

/**
 * The files imports may still read: mapping begun since `abandonedBefore`, or started and either
 * running (a live lease) or started since then. Finished, failed and abandoned imports need none.
 */
export async function filesInUse(db: Executor, at: Date, abandonedBefore: Date): Promise<string[]> {
  const rows = await db
    .selectFrom("csv_imports")
    .select("file_path")
    .where((eb) =>
      eb.or([
        eb.and([eb("state", "=", "mapping"), eb("created_at", ">", abandonedBefore)]),
        eb.and([
          eb("state", "in", ["staging", "loading"]),
          eb.or([eb("lease_until", ">", at), eb("started_at", ">", abandonedBefore)]),
        ]),
      ]),
    )
    .execute();
  return rows.map((r) => r.file_path);
}

export async function lockImport(trx: Executor, id: string): Promise<CsvImport | undefined> {
  return trx.selectFrom("csv_imports").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
}

/** Moves an import on only from the state expected; answers whether it did. */
export async function moveImportFrom(
  db: Executor,
  id: string,
  from: CsvImport["state"],
  patch: Updateable<CsvImportsTable>,
): Promise<boolean> {
  const res = await db
    .updateTable("csv_imports")
    .set(patch)
    .where("id", "=", id)
    .where("state", "=", from)
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

export async function updateImport(db: Executor, id: string, patch: Updateable<CsvImportsTable>): Promise<void> {
  await db.updateTable("csv_imports").set(patch).where("id", "=", id).execute();
}

/** Imports running now on any instance: those whose runner holds a live lease. */
export async function runningImportCount(db: Executor, now: Date): Promise<number> {
  const row = await db
    .selectFrom("csv_imports")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("state", "in", ["staging", "loading"])
    .where("lease_until", ">", now)
    .executeTakeFirstOrThrow();
  return row.n;
}

/**
 * Waits for the import slots' advisory lock until the transaction ends: claims on every
 * instance take it in turn, so two of them never both see the last free slot.
 */
export async function lockImportSlots(trx: Executor): Promise<void> {
  await sql`select pg_advisory_xact_lock(${IMPORT_SLOTS_LOCK})`.execute(trx);
}

/** The advisory lock key of the import slots (a fixed number no other lock uses). */
const IMPORT_SLOTS_LOCK = 7_011_004;

/**
 * Takes the right to run an import that is due to run: in `staging` or `loading`, and nobody
 * holding a live lease (a lease that lapsed means its runner died). Answers the import when taken.
 */
export async function claimImport(
  db: Executor,
  id: string,
  now: Date,
  leaseUntil: Date,
): Promise<CsvImport | undefined> {
  return db
    .updateTable("csv_imports")
    .set({ lease_until: leaseUntil })
    .where("id", "=", id)
    .where("state", "in", ["staging", "loading"])
    .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<=", now)]))
    .returningAll()
    .executeTakeFirst();
}

export async function renewLease(db: Executor, id: string, leaseUntil: Date): Promise<void> {
  await db.updateTable("csv_imports").set({ lease_until: leaseUntil }).where("id", "=", id).execute();
}

/** The last file line already staged: a resumed import continues after it. */
export async function lastStagedLine(db: Executor, batchId: string): Promise<number> {
  const row = await db
    .selectFrom("intake_staging")
    .select(sql<number | null>`max(line)`.as("line"))
    .where("batch_id", "=", batchId)
    .executeTakeFirstOrThrow();
  return row.line ?? 0;
}

export interface StagingCounts {
  staged: number;
  valid: number;
  rejected: number;
}

/** Progress, read from the staging table while the import runs. */
export async function stagingCounts(db: Executor, batchId: string): Promise<StagingCounts> {
  return db
    .selectFrom("intake_staging")
    .select([
      sql<number>`count(*)::int`.as("staged"),
      sql<number>`count(*) filter (where status = 'valid')::int`.as("valid"),
      sql<number>`count(*) filter (where status = 'rejected')::int`.as("rejected"),
    ])
    .where("batch_id", "=", batchId)
    .executeTakeFirstOrThrow();
}

/** Rejected lines in line order, a page at a time (keyset on the line number). */
export async function listRejects(
  db: Executor,
  batchId: string,
  page: { afterLine: number; limit: number },
): Promise<RejectedLine[]> {
  const rows = await db
    .selectFrom("intake_staging")
    .select(["line", "errors", "raw"])
    .where("batch_id", "=", batchId)
    .where("status", "=", "rejected")
    .where("line", ">", page.afterLine)
    .orderBy("line")
    .limit(page.limit)
    .execute();
  return rows.map((r) => ({
    line: r.line,
    errors: (r.errors as FieldError[]) ?? [],
    raw: (r.raw as string[] | null) ?? null,
  }));
}

export async function rememberedMapping(db: Executor, sourceId: string): Promise<RememberedMapping | null> {
  const row = await db
    .selectFrom("source_csv_mappings")
    .select("mapping")
    .where("source_id", "=", sourceId)
    .executeTakeFirst();
  return (row?.mapping as RememberedMapping | undefined) ?? null;
}

export async function saveRememberedMapping(
  db: Executor,
  sourceId: string,
  mapping: RememberedMapping,
  at: Date,
): Promise<void> {
  const value = JSON.stringify(mapping);
  await db
    .insertInto("source_csv_mappings")
    .values({ source_id: sourceId, mapping: value, updated_at: at })
    .onConflict((oc) => oc.column("source_id").doUpdateSet({ mapping: value, updated_at: at }))
    .execute();
}
