import { sql } from "kysely";
import type { Executor } from "~/db.server";

/**
 * The partner lock that assignment and standing changes serialise on. FOR NO KEY UPDATE, not
 * FOR UPDATE: rows inserted with a foreign key to the partner (obligations, history) take a KEY
 * SHARE lock on it, which FOR UPDATE would wait for, so two use cases that each inserted such a
 * row and then asked for the partner lock would deadlock.
 */
export async function lockPartner(trx: Executor, partnerId: string) {
  return trx.selectFrom("partners").select(["id", "name"]).where("id", "=", partnerId).forNoKeyUpdate().executeTakeFirst();
}

export async function partnerExists(db: Executor, partnerId: string): Promise<boolean> {
  const row = await db
    .selectFrom("partners")
    .select("id")
    .where(sql<string>`id::text`, "=", partnerId)
    .executeTakeFirst();
  return row !== undefined;
}

export interface PartnerSummary {
  id: string;
  name: string;
  timeZone: string;
  territories: string[];
  verticals: string[];
  capacity: number;
  active: boolean;
}

/** The company a partner user works for (partner scope applied by the caller's id). */
export async function findPartnerSummary(db: Executor, partnerId: string): Promise<PartnerSummary | undefined> {
  const row = await db
    .selectFrom("partners")
    .select(["id", "name", "time_zone", "territories", "verticals", "capacity", "active"])
    .where("id", "=", partnerId)
    .executeTakeFirst();
  return row && {
    id: row.id,
    name: row.name,
    timeZone: row.time_zone,
    territories: row.territories,
    verticals: row.verticals,
    capacity: row.capacity,
    active: row.active,
  };
}
