/** The numbering shared by the policy's and the scoring rules' versions (exactly one in force per table). */
import type { Executor } from "~/db.server";

/**
 * Takes the version in force out of force and returns the next version number, for the caller to
 * insert in force in the same transaction.
 */
export async function nextVersionInForce(trx: Executor, table: "policies" | "scoring_configs"): Promise<number> {
  // Lock the current version so two saves at once cannot both take the same next number.
  const current = await trx
    .selectFrom(table)
    .select("version")
    .where("in_force", "=", true)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const latest = await trx
    .selectFrom(table)
    .select((eb) => eb.fn.max("version").as("v"))
    .executeTakeFirstOrThrow();
  await trx.updateTable(table).set({ in_force: false }).where("version", "=", current.version).execute();
  return Number(latest.v) + 1;
}
