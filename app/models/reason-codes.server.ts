/** The reason lists (decline, lost, disqualified) as managers keep them: codes are never deleted, only retired. */
import type { ReasonList } from "@db/schema";
import type { Executor } from "~/db.server";

export const REASON_LISTS: readonly ReasonList[] = ["decline", "lost", "disqualified"];

export interface ReasonCode {
  list: ReasonList;
  code: string;
  label: string;
  active: boolean;
}

/** Every reason of every list, in list order, retired ones included. */
export async function allReasons(db: Executor): Promise<ReasonCode[]> {
  return db
    .selectFrom("reason_codes")
    .select(["list", "code", "label", "active"])
    .orderBy("list")
    .orderBy("sort")
    .execute();
}

/** The reasons of one list, locked: adding or retiring one reads the whole list first. */
export async function lockReasonList(trx: Executor, list: ReasonList): Promise<ReasonCode[]> {
  return trx
    .selectFrom("reason_codes")
    .select(["list", "code", "label", "active"])
    .where("list", "=", list)
    .orderBy("sort")
    .forUpdate()
    .execute();
}

/** Adds a reason at the end of its list; false when the code is taken (by a reason added at the same moment, too). */
export async function insertReason(
  trx: Executor,
  reason: { list: ReasonList; code: string; label: string },
): Promise<boolean> {
  const last = await trx
    .selectFrom("reason_codes")
    .select((eb) => eb.fn.max("sort").as("sort"))
    .where("list", "=", reason.list)
    .executeTakeFirstOrThrow();
  const inserted = await trx
    .insertInto("reason_codes")
    .values({ ...reason, sort: Number(last.sort ?? 0) + 1 })
    .onConflict((oc) => oc.columns(["list", "code"]).doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function updateReason(
  trx: Executor,
  list: ReasonList,
  code: string,
  set: { label?: string; active?: boolean },
): Promise<void> {
  await trx.updateTable("reason_codes").set(set).where("list", "=", list).where("code", "=", code).execute();
}
