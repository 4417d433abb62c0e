import type { Lead } from "@db/schema";
import { now } from "~/clock.server";
import { type DB, type Trx, underSavepoint } from "~/db.server";
import { routerMayOffer } from "~/domain/lead-state";
import { evaluateCandidates, type RoutingDecision } from "~/domain/routing";
import { recordAudit } from "~/models/audit.server";
import { lockLead } from "~/models/lead.server";
import { lockPartner } from "~/models/partner.server";
import { ROUTER_ACTOR, type Actor } from "./actor";
import { fail, succeed, type Outcome } from "~/domain/outcome";
import { moveLead } from "./lead-moves.server";
import { createOffer } from "./offer-creation.server";
import { policyInForce } from "~/models/policy.server";
import { hasRoutingJob, pendingRoutingJobs, recordRoutingDecision, routingCandidates, takeRoutingJob } from "~/models/routing.server";

export type RoutingResult = Outcome<{ result: "offered"; partnerId: string; offerId: string } | { result: "queued"; reason: string }>;

/**
 * Routes a qualified lead: rank the eligible partners, then offer to the best one whose
 * eligibility still holds under its row lock (lead lock first, then partner lock).
 */
export async function routeLead(db: DB, leadId: string, actor: Actor = ROUTER_ACTOR): Promise<RoutingResult> {
  const at = now();
  return db.transaction().execute(async (trx) => {
    const lead = await lockLead(trx, leadId);
    if (!lead) return fail("not_found", "This lead does not exist.");
    const trigger = (await takeRoutingJob(trx, leadId)) ?? "manual";
    if (lead.state !== "routing") return fail("conflict", `The lead is ${lead.state}; only a lead waiting for the router is routed.`);
    return routeLocked(trx, lead, trigger, at, actor);
  });
}

async function routeLocked(trx: Trx, lead: Lead, trigger: string, at: Date, actor: Actor): Promise<RoutingResult> {
  const limit = routerMayOffer(lead.offer_count);
  if (!limit.ok) return queue(trx, lead, trigger, limit.reason, [], at, actor);

  const evaluation = evaluateCandidates(lead, await routingCandidates(trx, lead.id), at);
  const ranked = evaluation.candidates
    .filter((c) => c.eligible && c.rank !== null)
    .sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
  for (const candidate of ranked) {
    // Standing and load may have changed since the ranking read: decide again under the
    // partner's lock, and let the lock go again when the partner no longer qualifies.
    const stillEligible = await underSavepoint(trx, "routing_candidate", async () => {
      await lockPartner(trx, candidate.partnerId);
      const fresh = evaluateCandidates(lead, await routingCandidates(trx, lead.id, candidate.partnerId), at);
      if (fresh.chosen === candidate.partnerId) return true;
      candidate.eligible = false;
      candidate.excludedFor = fresh.candidates[0]?.excludedFor ?? [];
      return null;
    });
    if (!stillEligible) continue;
    const offerId = await createOffer(
      trx, lead, candidate.partnerId, { manual: false, overrideReason: null, policy: await policyInForce(trx), at }, actor,
    );
    await recordRoutingDecision(trx, {
      leadId: lead.id, trigger, chosenPartnerId: candidate.partnerId, candidates: evaluation.candidates, actorLabel: actor.label, at,
    });
    return succeed({ result: "offered" as const, partnerId: candidate.partnerId, offerId });
  }
  return queue(trx, lead, trigger, "No partner is eligible for this lead.", evaluation.candidates, at, actor);
}

async function queue(
  trx: Trx, lead: Lead, trigger: string, reason: string, candidates: RoutingDecision["candidates"], at: Date, actor: Actor,
): Promise<RoutingResult> {
  await moveLead(trx, lead, "queue", at, { queued_reason: reason });
  await recordRoutingDecision(trx, { leadId: lead.id, trigger, chosenPartnerId: null, candidates, actorLabel: actor.label, at });
  await recordAudit(trx, {
    actorId: actor.userId, actorLabel: actor.label, action: "lead.queued", subjectType: "lead", subjectId: lead.id,
    details: { reason }, at,
  });
  return succeed({ result: "queued" as const, reason });
}

/** Routes one lead if it has a pending routing job (after a decline, expiry or recall). */
export async function routeQueuedLead(db: DB, leadId: string): Promise<void> {
  if (await hasRoutingJob(db, leadId)) await routeLead(db, leadId);
}

/**
 * The routing worker: one pass over the pending jobs (the interval calls it again). Safe on
 * several instances: the lead lock serialises them and the job row is taken once.
 */
export async function processRoutingJobs(db: DB, batch = 500): Promise<number> {
  let routed = 0;
  for (const leadId of await pendingRoutingJobs(db, batch)) {
    const result = await routeLead(db, leadId);
    if (result.ok) routed++;
  }
  return routed;
}
