/** The numbering shared by the policy's and the scoring rules' versions (exactly one in force per table). */
import { sql } from "kysely";
import type { Executor } from "~/db.server";

type RuleTable = "policies" | "scoring_configs";

/** Advisory lock keys, one fixed number per table (no other lock uses them). */
const SAVE_LOCK: Record<RuleTable, number> = { policies: 7_011_201, scoring_configs: 7_011_202 };

/**
 * Waits until no other save of the table's versions runs, held until the transaction ends. Taken
 * before the version in force is read, so a save compares against (and numbers after) the one
 * saved just before it: a double submit is told nothing changed instead of saving twice.
 */
export async function lockRuleVersions(trx: Executor, table: RuleTable): Promise<void> {
  await sql`select pg_advisory_xact_lock(${SAVE_LOCK[table]})`.execute(trx);
}

/**
 * Takes the version in force out of force and returns the next version number, for the caller to
 * insert in force in the same transaction. The caller holds `lockRuleVersions` for the table.
 */
export async function nextVersionInForce(trx: Executor, table: RuleTable): Promise<number> {
  const latest = await trx
    .selectFrom(table)
    .select((eb) => eb.fn.max("version").as("v"))
    .executeTakeFirstOrThrow();
  await trx.updateTable(table).set({ in_force: false }).where("in_force", "=", true).execute();
  return Number(latest.v) + 1;
}
