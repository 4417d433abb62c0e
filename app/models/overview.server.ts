import { sql } from "kysely";
import type { LeadState, StandingLevel } from "@db/schema";
import type { Executor } from "~/db.server";

/** How many leads are in each state (every state present, zero when none). */
export async function leadStateCounts(db: Executor): Promise<Record<LeadState, number>> {
  const rows = await db
    .selectFrom("leads")
    .select(["state", sql<number>`count(*)::int`.as("n")])
    .groupBy("state")
    .execute();
  const counts: Record<LeadState, number> = {
    nurture: 0,
    routing: 0,
    queued: 0,
    offered: 0,
    accepted: 0,
    won: 0,
    lost: 0,
    disqualified: 0,
    merged: 0,
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
      eb
        .selectFrom("partners")
        .select(sql<number>`count(*)::int`.as("n"))
        .as("partners"),
      eb
        .selectFrom("partners")
        .select(sql<number>`count(*)::int`.as("n"))
        .where("active", "=", true)
        .as("activePartners"),
      eb
        .selectFrom("users")
        .select(sql<number>`count(*)::int`.as("n"))
        .as("users"),
      eb
        .selectFrom("users")
        .select(sql<number>`count(*)::int`.as("n"))
        .where("disabled", "=", true)
        .as("disabledUsers"),
    ])
    .executeTakeFirstOrThrow();
  return {
    partners: Number(row.partners),
    activePartners: Number(row.activePartners),
    users: Number(row.users),
    disabledUsers: Number(row.disabledUsers),
  };
}

export interface WaitingLead {
  id: string;
  company_name: string;
  state: LeadState;
  intake_at: Date;
}

/** Qualified leads no partner holds (waiting for the router or in the queue): how many, and the longest waiting. */
export async function unassignedQualifiedLeads(
  db: Executor,
  limit: number,
): Promise<{ count: number; oldest: WaitingLead[] }> {
  const waiting = db.selectFrom("leads").where("kind", "=", "lead").where("state", "in", ["routing", "queued"]);
  const [row, oldest] = await Promise.all([
    waiting.select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow(),
    waiting
      .select(["id", "company_name", "state", "intake_at"])
      .orderBy("intake_at")
      .orderBy("id")
      .limit(limit)
      .execute(),
  ]);
  return { count: row.n, oldest };
}

export interface ExpiringOffer {
  offer_id: string;
  lead_id: string;
  company_name: string;
  partner_id: string;
  partner_name: string;
  due_at: Date;
}

/** Offers past their reminder point and not answered yet: the ones about to expire, soonest first. */
export async function offersAboutToExpire(db: Executor, now: Date, limit: number): Promise<ExpiringOffer[]> {
  return db
    .selectFrom("obligations as o")
    .innerJoin("leads as l", "l.id", "o.lead_id")
    .innerJoin("partners as p", "p.id", "o.partner_id")
    .select(["o.offer_id", "o.lead_id", "l.company_name", "o.partner_id", "p.name as partner_name", "o.due_at"])
    .where("o.kind", "=", "accept")
    .where("o.state", "=", "open")
    .where("o.due_at", ">", now)
    .where("o.remind_at", "<=", now)
    .orderBy("o.due_at")
    .limit(limit)
    .execute();
}

/** Partners warned or withheld since `since` and still so, the most recent first. */
export async function partnersNewlyWarnedOrWithheld(db: Executor, since: Date): Promise<PartnerNeedingAttention[]> {
  return db
    .selectFrom("partner_standing as s")
    .innerJoin("partners as p", "p.id", "s.partner_id")
    .select(["p.id", "p.name", "s.level", "s.score", "s.provisional", "s.reason", "s.since"])
    .where("s.level", "in", ["warning", "withheld"])
    .where("s.since", ">=", since)
    .orderBy("s.since", "desc")
    .execute();
}
