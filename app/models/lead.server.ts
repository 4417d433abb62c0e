import { sql, type Insertable } from "kysely";
import type { Lead, LeadKind, LeadOutcomesTable } from "@db/schema";
import type { Executor } from "~/db.server";

/** Locks the lead row: every assignment decision about a lead starts here (then the partner). */
export async function lockLead(trx: Executor, leadId: string): Promise<Lead | undefined> {
  return trx.selectFrom("leads").selectAll().where("id", "=", leadId).forUpdate().executeTakeFirst();
}

/**
 * A batch of leads, locked in id order, leaving out those another transaction holds (the router
 * takes them on a later pass): one statement for the whole batch, and it never waits.
 */
export async function lockLeadsUnlessBusy(trx: Executor, leadIds: string[]): Promise<Lead[]> {
  if (leadIds.length === 0) return [];
  return trx
    .selectFrom("leads")
    .selectAll()
    .where("id", "in", leadIds)
    .orderBy("id")
    .forUpdate()
    .skipLocked()
    .execute();
}

/**
 * Set-based `setLeadState` for leads the caller holds: one UPDATE for them all, each only from
 * its expected state. Returns how many moved (the caller compares with how many it asked).
 */
export async function setLeadStates(
  trx: Executor,
  moves: { leadId: string; from: Lead["state"]; to: Lead["state"]; queuedReason: string | null }[],
  at: Date,
): Promise<number> {
  if (moves.length === 0) return 0;
  const rows = sql.join(moves.map((m) => sql`(${m.leadId}::uuid, ${m.from}, ${m.to}, ${m.queuedReason}::text)`));
  const res = await sql`
    update leads l set state = v.to_state, queued_reason = v.queued_reason, updated_at = ${at}
    from (values ${rows}) as v(id, from_state, to_state, queued_reason)
    where l.id = v.id and l.state = v.from_state
  `.execute(trx);
  return Number(res.numAffectedRows ?? 0n);
}

/** Conditional update: only succeeds from the expected state (the caller holds the lead lock or checks the count). */
export async function setLeadState(
  trx: Executor,
  leadId: string,
  from: Lead["state"],
  to: Lead["state"],
  at: Date,
  extra: { queued_reason?: string | null; stage?: string | null } = {},
): Promise<boolean> {
  const res = await trx
    .updateTable("leads")
    .set({ state: to, updated_at: at, ...extra })
    .where("id", "=", leadId)
    .where("state", "=", from)
    .executeTakeFirst();
  return res.numUpdatedRows === 1n;
}

export async function setLeadStage(trx: Executor, leadId: string, stage: string, at: Date): Promise<void> {
  await trx.updateTable("leads").set({ stage, updated_at: at }).where("id", "=", leadId).execute();
}

export async function insertOutcome(trx: Executor, values: Insertable<LeadOutcomesTable>): Promise<void> {
  await trx.insertInto("lead_outcomes").values(values).execute();
}

export interface LeadStatus {
  id: string;
  external_id: string | null;
  source_id: string;
  kind: LeadKind;
  state: string;
  score: number;
  duplicate_of: string | null;
  duplicate_status: string | null;
  intake_at: Date;
  updated_at: Date;
  outcome: string | null;
  outcome_reported_at: Date | null;
  amount_cents: number | null;
  reason_code: string | null;
}

/** A lead's state and outcome as the API shows them; only within `sourceId` (another source's lead is "not found"). */
export async function leadStatusInSource(db: Executor, id: string, sourceId: string): Promise<LeadStatus | undefined> {
  return (
    db
      .selectFrom("leads as l")
      .leftJoin("lead_outcomes as o", "o.lead_id", "l.id")
      // The earlier lead is named only when it came through the same source: a key must not
      // learn what arrived from anywhere else.
      .leftJoin("leads as d", (j) => j.onRef("d.id", "=", "l.duplicate_of").on("d.source_id", "=", sourceId))
      .select([
        "l.id",
        "l.external_id",
        "l.source_id",
        "l.kind",
        "l.state",
        "l.score",
        "d.id as duplicate_of",
        "l.duplicate_status",
        "l.intake_at",
        "l.updated_at",
        "o.outcome",
        "o.reported_at as outcome_reported_at",
        "o.amount_cents",
        "o.reason_code",
      ])
      .where("l.id", "=", id)
      .where("l.source_id", "=", sourceId)
      .executeTakeFirst()
  );
}

/** Which of `ids` are leads of `sourceId` (the API names only its own source's leads). */
export async function leadIdsInSource(db: Executor, ids: string[], sourceId: string): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db
    .selectFrom("leads")
    .select("id")
    .where("id", "in", ids)
    .where("source_id", "=", sourceId)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** A promoted inquiry counts as a lead from now on (its state moves separately, under the lock). */
export async function markKindLead(trx: Executor, leadId: string, at: Date): Promise<void> {
  await trx.updateTable("leads").set({ kind: "lead", updated_at: at }).where("id", "=", leadId).execute();
}

export async function findOutcome(db: Executor, leadId: string) {
  return db.selectFrom("lead_outcomes").selectAll().where("lead_id", "=", leadId).executeTakeFirst();
}

export async function updateOutcome(
  trx: Executor,
  leadId: string,
  values: { outcome: LeadOutcomesTable["outcome"]; amount_cents: number | null; reason_code: string | null },
): Promise<void> {
  await trx.updateTable("lead_outcomes").set(values).where("lead_id", "=", leadId).execute();
}
