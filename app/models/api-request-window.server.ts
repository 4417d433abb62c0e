import { sql } from "kysely";
import type { Executor } from "~/db.server";

/**
 * Counts one request of a key in its window and answers the window's count so far. One atomic
 * upsert, so parallel requests on any number of instances each get their own number.
 */
export async function countApiRequest(db: Executor, apiKeyId: string, windowStart: Date): Promise<number> {
  const row = await db
    .insertInto("api_request_windows")
    .values({ api_key_id: apiKeyId, window_start: windowStart, requests: 1 })
    .onConflict((oc) =>
      oc.columns(["api_key_id", "window_start"]).doUpdateSet({ requests: sql`api_request_windows.requests + 1` }),
    )
    .returning("requests")
    .executeTakeFirstOrThrow();
  return row.requests;
}

/** Windows that ended matter to nobody; keep the table small. */
export async function pruneApiRequestWindows(db: Executor, before: Date): Promise<void> {
  await db.deleteFrom("api_request_windows").where("window_start", "<", before).execute();
}
