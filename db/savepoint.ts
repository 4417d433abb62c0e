import { sql } from "kysely";
import type { Trx } from "./client";

/**
 * Runs `attempt` under a savepoint. When it gives up (returns null) everything it did is undone,
 * including the row locks it took, which PostgreSQL releases on a savepoint rollback: so a
 * transaction that tries several rows in turn holds the lock of one at a time, and two such
 * transactions cannot deadlock over each other's rows.
 */
export async function underSavepoint<T>(trx: Trx, name: string, attempt: () => Promise<T | null>): Promise<T | null> {
  const id = sql.id(name);
  await sql`savepoint ${id}`.execute(trx);
  const result = await attempt();
  await (result === null ? sql`rollback to savepoint ${id}` : sql`release savepoint ${id}`).execute(trx);
  return result;
}
