import type { Insertable } from "kysely";
import type { ActivitiesTable } from "@db/schema";
import type { Executor } from "~/db.server";

export async function insertActivity(trx: Executor, values: Insertable<ActivitiesTable>): Promise<string> {
  const row = await trx.insertInto("activities").values(values).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export async function touchTimes(db: Executor, offerId: string): Promise<Date[]> {
  const rows = await db
    .selectFrom("activities")
    .select("at")
    .where("offer_id", "=", offerId)
    .where("kind", "<>", "stage_change")
    .orderBy("at")
    .execute();
  return rows.map((r) => r.at);
}
