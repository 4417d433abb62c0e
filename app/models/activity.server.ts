import type { Insertable } from "kysely";
import type { ActivitiesTable, ActivityKind } from "@db/schema";
import type { Executor } from "~/db.server";

export async function insertActivity(trx: Executor, values: Insertable<ActivitiesTable>): Promise<string> {
  const row = await trx.insertInto("activities").values(values).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

/** When the offer's touches (contact attempts) were logged; notes and stage changes are not touches. */
export async function touchTimes(db: Executor, offerId: string, touchKinds: readonly ActivityKind[]): Promise<Date[]> {
  const rows = await db
    .selectFrom("activities")
    .select("at")
    .where("offer_id", "=", offerId)
    .where("kind", "in", touchKinds)
    .orderBy("at")
    .execute();
  return rows.map((r) => r.at);
}
