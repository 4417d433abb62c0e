import type { Insertable } from "kysely";
import type { Executor } from "@db/client";
import type { ActivitiesTable, LeadOutcomesTable } from "@db/schema";

export async function insertActivity(trx: Executor, values: Insertable<ActivitiesTable>): Promise<string> {
  const row = await trx.insertInto("activities").values(values).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export async function setLeadStage(trx: Executor, leadId: string, stage: string, at: Date): Promise<void> {
  await trx.updateTable("leads").set({ stage, updated_at: at }).where("id", "=", leadId).execute();
}

export async function insertOutcome(trx: Executor, values: Insertable<LeadOutcomesTable>): Promise<void> {
  await trx.insertInto("lead_outcomes").values(values).execute();
}
