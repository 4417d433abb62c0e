import type { Insertable } from "kysely";
import type { OutcomeCorrectionsTable } from "@db/schema";
import type { Executor } from "~/db.server";

export async function insertOutcomeCorrection(
  trx: Executor,
  values: Insertable<OutcomeCorrectionsTable>,
): Promise<void> {
  await trx.insertInto("outcome_corrections").values(values).execute();
}

/** A lead's outcome corrections, oldest first (the partner's lead page shows their reasons too). */
export async function outcomeCorrectionsOfLead(db: Executor, leadId: string) {
  return db
    .selectFrom("outcome_corrections")
    .selectAll()
    .where("lead_id", "=", leadId)
    .orderBy("corrected_at")
    .orderBy("id")
    .execute();
}
