import { sql } from "kysely";
import type { LeadState, StandingLevel } from "@db/schema";
import type { Executor } from "~/db.server";

/** How many leads are in each state (every state present, zero when none). */
export async function leadStateCounts(db: Executor): Promise<Record<LeadState, number>> {
  const rows = await db.selectFrom("leads").select(["state", sql<number>`count(*)::int`.as("n")]).groupBy("state").execute();
  const counts: Record<LeadState, number> = {
    nurture: 0, routing: 0, queued: 0, offered: 0, accepted: 0, won: 0, lost: 0, disqualified: 0, merged: 0,
  };
  for (const r of rows) counts[r.state] = r.n;
  return counts;
}

export interface PartnerNeedingAttention {
  id: string;
  name: string;
  level: StandingLevel;
  score: number;
  provisional: boolean;
  reason: string;
  since: Date;
}

/** Partners not in good standing, the most severe first. */
export async function partnersNeedingAttention(db: Executor): Promise<PartnerNeedingAttention[]> {
  return db
    .selectFrom("partner_standing as s")
    .innerJoin("partners as p", "p.id", "s.partner_id")
    .select(["p.id", "p.name", "s.level", "s.score", "s.provisional", "s.reason", "s.since"])
    .where("s.level", "<>", "good")
    .orderBy(sql`case s.level when 'withheld' then 0 when 'probation' then 1 else 2 end`)
    .orderBy("p.name")
    .execute();
}

export async function pendingExcuseCount(db: Executor): Promise<number> {
  const row = await db
    .selectFrom("excuse_requests")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("state", "=", "pending")
    .executeTakeFirstOrThrow();
  return row.n;
}

export interface DirectoryCounts {
  partners: number;
  activePartners: number;
  users: number;
  disabledUsers: number;
}

/** Counts for the channel manager's home page. */
export async function directoryCounts(db: Executor): Promise<DirectoryCounts> {
  const row = await db
    .selectNoFrom((eb) => [
      eb.selectFrom("partners").select(sql<number>`count(*)::int`.as("n")).as("partners"),
      eb.selectFrom("partners").select(sql<number>`count(*)::int`.as("n")).where("active", "=", true).as("activePartners"),
      eb.selectFrom("users").select(sql<number>`count(*)::int`.as("n")).as("users"),
      eb.selectFrom("users").select(sql<number>`count(*)::int`.as("n")).where("disabled", "=", true).as("disabledUsers"),
    ])
    .executeTakeFirstOrThrow();
  return {
    partners: Number(row.partners),
    activePartners: Number(row.activePartners),
    users: Number(row.users),
    disabledUsers: Number(row.disabledUsers),
  };
}
