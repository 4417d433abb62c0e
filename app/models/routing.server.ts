import { sql } from "kysely";
import type { Executor } from "~/db.server";
import type { CandidatePartner } from "~/domain/routing";

/** Partners with what ranking reads: standing, score and open load (offers plus accepted leads). */
function candidatePartners(db: Executor) {
  return db
    .selectFrom("partners as p")
    .leftJoin("partner_standing as s", "s.partner_id", "p.id")
    .select([
      "p.id",
      "p.name",
      "p.active",
      "p.territories",
      "p.verticals",
      "p.capacity",
      "p.paused_until",
      "p.last_offered_at",
      sql<string>`coalesce(s.level, 'good')`.as("standing"),
      sql<number>`coalesce(s.score, 100)`.as("score"),
      sql<number>`(select count(*)::int from offers o where o.partner_id = p.id and o.state in ('offered', 'accepted'))`.as(
        "open_load",
      ),
    ]);
}

type CandidateRow = Awaited<ReturnType<ReturnType<typeof candidatePartners>["execute"]>>[number];

const toCandidate = (r: CandidateRow, alreadyOffered: boolean): CandidatePartner => ({
  id: r.id,
  name: r.name,
  active: r.active,
  standing: r.standing as CandidatePartner["standing"],
  score: r.score,
  territories: r.territories,
  verticals: r.verticals,
  capacity: r.capacity,
  openLoad: r.open_load,
  pausedUntil: r.paused_until,
  lastOfferedAt: r.last_offered_at,
  alreadyOffered,
});

/** Partners as the router sees them for one lead (optionally just one partner, re-read under its lock). */
export async function routingCandidates(db: Executor, leadId: string, partnerId?: string): Promise<CandidatePartner[]> {
  let q = candidatePartners(db).select(
    sql<boolean>`exists (select 1 from offers o where o.partner_id = p.id and o.lead_id = ${leadId})`.as(
      "already_offered",
    ),
  );
  if (partnerId) q = q.where("p.id", "=", partnerId);
  const rows = await q.execute();
  return rows.map((r) => toCandidate(r, r.already_offered));
}

/**
 * Partners as the router sees them for a batch of leads, in one query: each partner once, with
 * the leads of the batch it was already offered.
 */
export async function routingCandidatesForLeads(
  db: Executor,
  leadIds: string[],
  onlyPartnerIds?: string[],
): Promise<{ partner: CandidatePartner; offeredLeadIds: Set<string> }[]> {
  if (leadIds.length === 0 || onlyPartnerIds?.length === 0) return [];
  let q = candidatePartners(db).select(
    sql<
      string[]
    >`array(select o.lead_id::text from offers o where o.partner_id = p.id and o.lead_id in (${sql.join(leadIds)}))`.as(
      "offered_lead_ids",
    ),
  );
  if (onlyPartnerIds) q = q.where("p.id", "in", onlyPartnerIds);
  const rows = await q.execute();
  return rows.map((r) => ({ partner: toCandidate(r, false), offeredLeadIds: new Set(r.offered_lead_ids) }));
}

export interface RecordedDecision {
  leadId: string;
  trigger: string;
  chosenPartnerId: string | null;
  candidates: unknown;
  actorLabel: string;
  at: Date;
}

export async function recordRoutingDecision(trx: Executor, d: RecordedDecision): Promise<void> {
  await recordRoutingDecisions(trx, [d]);
}

/** A routing batch's decisions in one statement. */
export async function recordRoutingDecisions(trx: Executor, decisions: RecordedDecision[]): Promise<void> {
  if (decisions.length === 0) return;
  await trx
    .insertInto("routing_decisions")
    .values(
      decisions.map((d) => ({
        lead_id: d.leadId,
        trigger: d.trigger,
        chosen_partner_id: d.chosenPartnerId,
        result: d.chosenPartnerId ? ("offered" as const) : ("queued" as const),
        candidates: JSON.stringify(d.candidates),
        actor_label: d.actorLabel,
        decided_at: d.at,
      })),
    )
    .execute();
}

export async function enqueueRouting(trx: Executor, leadId: string, trigger: string, at: Date): Promise<void> {
  await trx
    .insertInto("routing_jobs")
    .values({ lead_id: leadId, trigger, enqueued_at: at })
    .onConflict((oc) => oc.column("lead_id").doNothing())
    .execute();
}

/** Set-based `enqueueRouting` for a loaded intake batch: new and promoted qualified leads. */
export async function enqueueRoutingOfBatch(trx: Executor, batchId: string, at: Date): Promise<number> {
  const res = await sql`
    insert into routing_jobs (lead_id, trigger, enqueued_at)
    select r.lead_id, 'intake', ${at}
    from intake_staging r
    where r.batch_id = ${batchId}
      and ((r.outcome = 'created' and r.kind = 'lead') or r.outcome = 'promoted')
    on conflict (lead_id) do nothing
  `.execute(trx);
  return Number(res.numAffectedRows ?? 0n);
}

/** Takes the lead's pending routing job, if any (the caller holds the lead lock). */
export async function takeRoutingJob(trx: Executor, leadId: string): Promise<string | null> {
  const job = await trx
    .deleteFrom("routing_jobs")
    .where("lead_id", "=", leadId)
    .returning("trigger")
    .executeTakeFirst();
  return job?.trigger ?? null;
}

/** Takes the pending routing jobs of leads the caller holds: lead id → trigger. */
export async function takeRoutingJobs(trx: Executor, leadIds: string[]): Promise<Map<string, string>> {
  if (leadIds.length === 0) return new Map();
  const jobs = await trx
    .deleteFrom("routing_jobs")
    .where("lead_id", "in", leadIds)
    .returning(["lead_id", "trigger"])
    .execute();
  return new Map(jobs.map((j) => [j.lead_id, j.trigger]));
}

export async function hasRoutingJob(db: Executor, leadId: string): Promise<boolean> {
  return Boolean(
    await db.selectFrom("routing_jobs").select("lead_id").where("lead_id", "=", leadId).executeTakeFirst(),
  );
}

export async function pendingRoutingJobs(db: Executor, limit: number): Promise<string[]> {
  const rows = await db.selectFrom("routing_jobs").select("lead_id").orderBy("enqueued_at").limit(limit).execute();
  return rows.map((r) => r.lead_id);
}
