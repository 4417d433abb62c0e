/**
 * Staged intake rows and the set-based statements that load them into leads. Every intake
 * path (form, API batch, CSV import) stages its validated, scored rows under a batch id and
 * calls `loadStagedBatch` inside one transaction, so de-duplication, updates by external id
 * and the hand-off to routing are written once.
 */
import { sql } from "kysely";
import type { LeadKind, NewStagingRow, StagingOutcome } from "@db/schema";
import type { Executor } from "~/db.server";
import type { FieldError } from "~/domain/intake-fields";
import { enqueueRoutingOfBatch } from "./routing.server";
import { lockSource } from "./source.server";

/** Rows per multi-row INSERT: ~25 parameters each stays far below PostgreSQL's 65,535. */
export const STAGING_BATCH_ROWS = 1000;

export async function stageRows(db: Executor, rows: readonly NewStagingRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += STAGING_BATCH_ROWS) {
    await db
      .insertInto("intake_staging")
      .values(rows.slice(i, i + STAGING_BATCH_ROWS))
      // A resumed import may stage a line again: the first copy stands.
      .onConflict((oc) => oc.columns(["batch_id", "line"]).doNothing())
      .execute();
  }
}

export async function deleteStagedBatch(db: Executor, batchId: string): Promise<void> {
  await db.deleteFrom("intake_staging").where("batch_id", "=", batchId).execute();
}

export interface LoadTarget {
  batchId: string;
  sourceId: string;
  at: Date;
  /** Who or what brought the leads in: an email, `api-key:<name>`, `csv-import:<file name>`. */
  intakeBy: string;
  createdBy: string | null;
  /** How a repeated external id names its first occurrence: "line" (files) or "item" (API). */
  rowWord: "line" | "item";
  /** Intake time from which an earlier lead counts as a possible duplicate (`duplicateWindowStart`). */
  duplicatesSince: Date;
}

export interface LoadCounts {
  created: number;
  updated: number;
  promoted: number;
  duplicates: number;
  routed: number;
  repeated: number;
}

/**
 * Loads the batch's valid rows into leads. Call inside a transaction; it locks the source so
 * batches into one source run one after another.
 * 1. a repeated external id within the batch: later rows are rejected, the first one counts;
 * 2. an external id the source already has updates that lead (an inquiry that now qualifies
 *    is promoted to routing; a lead never goes back to being an inquiry);
 * 3. new rows are checked for possible duplicates (app/domain/intake-dedupe.ts), then inserted:
 *    qualified leads in `routing`, inquiries in `nurture`;
 * 4. new and promoted qualified leads get a routing job (the hand-off to the router).
 */
export async function loadStagedBatch(trx: Executor, t: LoadTarget): Promise<LoadCounts> {
  await lockSource(trx, t.sourceId);
  const repeated = await rejectRepeatedExternalIds(trx, t);
  await matchExistingLeads(trx, t);
  await updateExistingLeads(trx, t);
  await flagPossibleDuplicates(trx, t);
  await insertNewLeads(trx, t);
  const routed = await enqueueRoutingOfBatch(trx, t.batchId, t.at);
  const counts = await countOutcomes(trx, t.batchId);
  return { ...counts, routed, repeated };
}

async function rejectRepeatedExternalIds(trx: Executor, t: LoadTarget): Promise<number> {
  const res = await sql`
    update intake_staging r
    set status = 'rejected',
        errors = jsonb_build_array(jsonb_build_object(
          'field', 'external_id',
          'message', 'repeats the external id of ' || ${t.rowWord}::text || ' ' || f.first_line || ', which was used'))
    from (
      select line, min(line) over (partition by external_id) as first_line
      from intake_staging
      where batch_id = ${t.batchId} and status = 'valid' and external_id is not null
    ) f
    where r.batch_id = ${t.batchId} and r.line = f.line and f.first_line < r.line
  `.execute(trx);
  return Number(res.numAffectedRows ?? 0n);
}

async function matchExistingLeads(trx: Executor, t: LoadTarget): Promise<void> {
  // Lock the leads about to change, in id order, so their state cannot move under us.
  await sql`
    select l.id from leads l
    join intake_staging r on r.batch_id = ${t.batchId} and r.status = 'valid' and r.external_id = l.external_id
    where l.source_id = ${t.sourceId}
    order by l.id
    for update of l
  `.execute(trx);
  await sql`
    update intake_staging r
    set lead_id = l.id,
        outcome = case when l.state = 'nurture' and r.kind = 'lead' then 'promoted' else 'updated' end
    from leads l
    where r.batch_id = ${t.batchId} and r.status = 'valid' and r.external_id is not null
      and l.source_id = ${t.sourceId} and l.external_id = r.external_id
  `.execute(trx);
}

async function updateExistingLeads(trx: Executor, t: LoadTarget): Promise<void> {
  // Intake time and who brought the lead in stay those of its first arrival.
  await sql`
    update leads l
    set contact_name = r.contact_name,
        contact_email = r.contact_email,
        contact_phone = r.contact_phone,
        contact_title = r.contact_title,
        company_name = r.company_name,
        company_size = r.company_size,
        territory = r.territory,
        vertical = r.vertical,
        interest = r.interest,
        timeline = r.timeline,
        engagement = r.engagement,
        campaign_id = coalesce(r.campaign_id, l.campaign_id),
        score = r.score,
        kind = case when r.outcome = 'promoted' then 'lead' else l.kind end,
        state = case when r.outcome = 'promoted' then 'routing' else l.state end,
        updated_at = ${t.at}
    from intake_staging r
    where r.batch_id = ${t.batchId} and r.outcome in ('updated', 'promoted') and l.id = r.lead_id
  `.execute(trx);
}

async function flagPossibleDuplicates(trx: Executor, t: LoadTarget): Promise<void> {
  const since = t.duplicatesSince;
  // Against leads already in the database: the earliest recent match by email or company+phone.
  await sql`
    update intake_staging r
    set duplicate_of = (
      select m.id from (
        select e.id, e.intake_at from leads e
        where r.contact_email is not null and lower(e.contact_email) = r.contact_email and e.intake_at >= ${since}
        union all
        select e.id, e.intake_at from leads e
        where r.contact_phone is not null and e.contact_phone = r.contact_phone
          and lower(e.company_name) = lower(r.company_name) and e.intake_at >= ${since}
      ) m
      order by m.intake_at, m.id
      limit 1
    )
    where r.batch_id = ${t.batchId} and r.status = 'valid' and r.outcome is null
  `.execute(trx);
  // Within the batch: a later row duplicates the first earlier row with the same keys.
  await sql`
    update intake_staging r
    set duplicate_of = f.lead_id
    from (
      select line, least(
        case when contact_email is not null
          then first_value(line) over (partition by contact_email order by line) end,
        case when contact_phone is not null
          then first_value(line) over (partition by lower(company_name), contact_phone order by line) end
      ) as first_line
      from intake_staging
      where batch_id = ${t.batchId} and status = 'valid' and outcome is null
    ) d
    join intake_staging f on f.batch_id = ${t.batchId} and f.line = d.first_line
    where r.batch_id = ${t.batchId} and r.line = d.line and d.first_line < r.line and r.duplicate_of is null
  `.execute(trx);
}

async function insertNewLeads(trx: Executor, t: LoadTarget): Promise<void> {
  await sql`
    insert into leads (
      id, source_id, external_id, campaign_id, contact_name, contact_email, contact_phone, contact_title,
      company_name, company_size, territory, vertical, interest, timeline, engagement, score, kind, state,
      duplicate_of, duplicate_status, intake_at, intake_by, created_by, updated_at)
    select
      r.lead_id, ${t.sourceId}, r.external_id, r.campaign_id, r.contact_name, r.contact_email, r.contact_phone,
      r.contact_title, r.company_name, r.company_size, r.territory, r.vertical, r.interest, r.timeline,
      coalesce(r.engagement, 0), r.score, r.kind,
      case when r.kind = 'lead' then 'routing' else 'nurture' end,
      r.duplicate_of, case when r.duplicate_of is not null then 'possible' end,
      ${t.at}, ${t.intakeBy}, ${t.createdBy}, ${t.at}
    from intake_staging r
    where r.batch_id = ${t.batchId} and r.status = 'valid' and r.outcome is null
    order by r.line
  `.execute(trx);
  await trx
    .updateTable("intake_staging")
    .set({ outcome: "created" })
    .where("batch_id", "=", t.batchId)
    .where("status", "=", "valid")
    .where("outcome", "is", null)
    .execute();
}

async function countOutcomes(trx: Executor, batchId: string) {
  const row = await trx
    .selectFrom("intake_staging")
    .select([
      sql<number>`count(*) filter (where outcome = 'created')::int`.as("created"),
      sql<number>`count(*) filter (where outcome = 'updated')::int`.as("updated"),
      sql<number>`count(*) filter (where outcome = 'promoted')::int`.as("promoted"),
      sql<number>`count(*) filter (where outcome = 'created' and duplicate_of is not null)::int`.as("duplicates"),
    ])
    .where("batch_id", "=", batchId)
    .executeTakeFirstOrThrow();
  return row;
}

export interface StagedOutcome {
  line: number;
  status: "valid" | "rejected";
  lead_id: string;
  outcome: StagingOutcome | null;
  kind: LeadKind | null;
  score: number | null;
  duplicate_of: string | null;
  errors: FieldError[] | null;
}

/** Per-row results of a small batch (API, form), in line order. */
export async function stagedOutcomes(db: Executor, batchId: string): Promise<StagedOutcome[]> {
  const rows = await db
    .selectFrom("intake_staging")
    .select(["line", "status", "lead_id", "outcome", "kind", "score", "duplicate_of", "errors"])
    .where("batch_id", "=", batchId)
    .orderBy("line")
    .execute();
  return rows.map((r) => ({ ...r, errors: (r.errors as FieldError[] | null) ?? null }));
}

/** The verticals a new lead may name (reference data). */
export async function activeVerticals(db: Executor): Promise<{ code: string; label: string }[]> {
  return db.selectFrom("verticals").select(["code", "label"]).where("active", "=", true).orderBy("label").execute();
}
