import type { Lead } from "@db/schema";
import { now } from "~/clock.server";
import { type DB, type Trx, underSavepoint } from "~/db.server";
import { leadTransition, routerMayOffer } from "~/domain/lead-state";
import type { Policy } from "~/domain/policy";
import { evaluateCandidates, type CandidatePartner, type RoutingDecision } from "~/domain/routing";
import { recordAudit } from "~/models/audit.server";
import { lockLead, lockLeadUnlessBusy } from "~/models/lead.server";
import { lockPartner } from "~/models/partner.server";
import { ROUTER_ACTOR, type Actor } from "./actor";
import { fail, succeed, type Outcome } from "~/domain/outcome";
import { moveLead } from "./lead-moves.server";
import { createOffer } from "./offer-creation.server";
import { policyInForce } from "~/models/policy.server";
import {
  hasRoutingJob,
  pendingRoutingJobs,
  recordRoutingDecision,
  routingCandidates,
  routingCandidatesForLeads,
  takeRoutingJob,
} from "~/models/routing.server";

export type RoutingResult = Outcome<
  { result: "offered"; partnerId: string; offerId: string } | { result: "queued"; reason: string }
>;

/**
 * Where a routing reads its candidates and policy. One lead reads them fresh; a batch reads them
 * once and keeps its copy current with its own offers. Either way the chosen partner is read
 * again under its lock, so a stale copy can only change the order tried, never let an
 * ineligible partner through.
 */
interface CandidateSource {
  policy(trx: Trx): Promise<Policy>;
  forLead(trx: Trx, lead: Lead): Promise<CandidatePartner[]>;
  /** The router is about to try this partner: count the offer now, so routings in parallel spread. */
  trying(partnerId: string, at: Date): void;
  /** The partner no longer qualified under its lock: keep what was read there instead. */
  refused(partner: CandidatePartner): void;
}

const freshCandidates: CandidateSource = {
  policy: (trx) => policyInForce(trx),
  forLead: (trx, lead) => routingCandidates(trx, lead.id),
  trying: () => {},
  refused: () => {},
};

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
    if (lead.state !== "routing")
      return fail("conflict", `The lead is ${lead.state}; only a lead waiting for the router is routed.`);
    return routeLocked(trx, lead, trigger, at, actor, freshCandidates);
  });
}

/**
 * A manager sends a queued lead back to the router, which routes it at once; when nobody can
 * take it, it is queued again with the new reason (both answers are a success).
 */
export async function routeAgain(db: DB, leadId: string, actor: Actor): Promise<RoutingResult> {
  const at = now();
  return db.transaction().execute(async (trx) => {
    const lead = await lockLead(trx, leadId);
    if (!lead) return fail("not_found", "This lead does not exist.");
    const move = leadTransition(lead.state, "requeue_for_routing");
    if (!move.ok) return fail("conflict", move.reason);
    const state = await moveLead(trx, lead, "requeue_for_routing", at, { queued_reason: null });
    return routeLocked(trx, { ...lead, state }, "manual", at, actor, freshCandidates);
  });
}

async function routeLocked(
  trx: Trx,
  lead: Lead,
  trigger: string,
  at: Date,
  actor: Actor,
  source: CandidateSource,
): Promise<RoutingResult> {
  const limit = routerMayOffer(lead.offer_count);
  if (!limit.ok) return queue(trx, lead, trigger, limit.reason, [], at, actor);

  const evaluation = evaluateCandidates(lead, await source.forLead(trx, lead), at);
  const ranked = evaluation.candidates
    .filter((c) => c.eligible && c.rank !== null)
    .sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
  for (const candidate of ranked) {
    source.trying(candidate.partnerId, at);
    // Standing and load may have changed since the ranking read: decide again under the
    // partner's lock, and let the lock go again when the partner no longer qualifies.
    const stillEligible = await underSavepoint(trx, "routing_candidate", async () => {
      await lockPartner(trx, candidate.partnerId);
      const current = await routingCandidates(trx, lead.id, candidate.partnerId);
      const fresh = evaluateCandidates(lead, current, at);
      if (fresh.chosen === candidate.partnerId) return true;
      for (const partner of current) source.refused(partner);
      candidate.eligible = false;
      candidate.excludedFor = fresh.candidates[0]?.excludedFor ?? [];
      return null;
    });
    if (!stillEligible) continue;
    const offerId = await createOffer(
      trx,
      lead,
      candidate.partnerId,
      { manual: false, overrideReason: null, policy: await source.policy(trx), at },
      actor,
    );
    await recordRoutingDecision(trx, {
      leadId: lead.id,
      trigger,
      chosenPartnerId: candidate.partnerId,
      candidates: evaluation.candidates,
      actorLabel: actor.label,
      at,
    });
    return succeed({ result: "offered" as const, partnerId: candidate.partnerId, offerId });
  }
  return queue(trx, lead, trigger, "No partner is eligible for this lead.", evaluation.candidates, at, actor);
}

async function queue(
  trx: Trx,
  lead: Lead,
  trigger: string,
  reason: string,
  candidates: RoutingDecision["candidates"],
  at: Date,
  actor: Actor,
): Promise<RoutingResult> {
  await moveLead(trx, lead, "queue", at, { queued_reason: reason });
  await recordRoutingDecision(trx, {
    leadId: lead.id,
    trigger,
    chosenPartnerId: null,
    candidates,
    actorLabel: actor.label,
    at,
  });
  await recordAudit(trx, {
    actorId: actor.userId,
    actorLabel: actor.label,
    action: "lead.queued",
    subjectType: "lead",
    subjectId: lead.id,
    details: { reason },
    at,
  });
  return succeed({ result: "queued" as const, reason });
}

/**
 * A channel manager's "route now": a lead waiting for the router, or one in the queue (sent
 * back to the router first), is routed at once. The router's limit of offers still holds: a
 * lead offered three times goes back to the queue, and only a manual offer takes it further.
 */
export async function routeNow(db: DB, leadId: string, actor: Actor): Promise<RoutingResult> {
  const at = now();
  return db.transaction().execute(async (trx) => {
    const lead = await lockLead(trx, leadId);
    if (!lead) return fail("not_found", "This lead does not exist.");
    if (lead.state !== "routing" && lead.state !== "queued") {
      return fail(
        "conflict",
        `The lead is ${lead.state}; only a lead waiting for the router or in the queue is routed.`,
      );
    }
    await takeRoutingJob(trx, leadId);
    const state = lead.state === "queued" ? await moveLead(trx, lead, "requeue_for_routing", at) : lead.state;
    return routeLocked(trx, { ...lead, state }, "manual", at, actor, freshCandidates);
  });
}

/** Routes one lead if it has a pending routing job (after a decline, expiry or recall). */
export async function routeQueuedLead(db: DB, leadId: string): Promise<void> {
  if (await hasRoutingJob(db, leadId)) await routeLead(db, leadId);
}

/**
 * The routing worker: routes queued leads in batches until the queue is empty, letting the
 * event loop serve requests between batches. Each batch reads its candidates in one query;
 * each lead is still its own transaction (lead lock, then one partner lock at a time). Safe on
 * several instances: a lead another transaction holds is left for a later pass, and its job
 * row is taken once. Returns the number of leads routed (offered or sent to the queue).
 */
export async function processRoutingJobs(db: DB, opts: { batch?: number } = {}): Promise<number> {
  const size = opts.batch ?? 100;
  let routed = 0;
  for (;;) {
    const leadIds = await pendingRoutingJobs(db, size);
    if (leadIds.length === 0) return routed;
    const done = await routeBatch(db, leadIds);
    routed += done.routed;
    // A batch whose leads were all busy elsewhere: leave them to the next pass, do not spin.
    if (done.taken === 0) return routed;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Transactions a batch runs at once: their commits and round trips overlap. */
const ROUTING_LANES = 4;

async function routeBatch(db: DB, leadIds: string[]): Promise<{ taken: number; routed: number }> {
  const source = batchCandidates(await routingCandidatesForLeads(db, leadIds), await policyInForce(db));
  const waiting = [...leadIds];
  let taken = 0;
  let routed = 0;
  const lane = async () => {
    for (let leadId = waiting.shift(); leadId !== undefined; leadId = waiting.shift()) {
      const result = await db.transaction().execute(async (trx) => {
        const lead = await lockLeadUnlessBusy(trx, leadId);
        if (!lead) return null;
        const trigger = await takeRoutingJob(trx, leadId);
        if (trigger !== null) taken++;
        // Routed meanwhile by another worker, or no longer waiting for the router (merged, recalled).
        if (trigger === null || lead.state !== "routing") return null;
        return routeLocked(trx, lead, trigger, now(), ROUTER_ACTOR, source);
      });
      if (result?.ok) routed++;
    }
  };
  await Promise.all(Array.from({ length: ROUTING_LANES }, lane));
  return { taken, routed };
}

/** A batch's candidates: read once, then kept current with the offers the batch makes. */
function batchCandidates(
  rows: { partner: CandidatePartner; offeredLeadIds: Set<string> }[],
  policy: Policy,
): CandidateSource {
  const byId = new Map(rows.map((r) => [r.partner.id, r]));
  return {
    policy: async () => policy,
    forLead: async (_trx, lead) => rows.map((r) => ({ ...r.partner, alreadyOffered: r.offeredLeadIds.has(lead.id) })),
    trying: (partnerId, at) => {
      const row = byId.get(partnerId);
      if (row) row.partner = { ...row.partner, openLoad: row.partner.openLoad + 1, lastOfferedAt: at };
    },
    refused: (partner) => {
      const row = byId.get(partner.id);
      if (row) row.partner = { ...partner, alreadyOffered: false };
    },
  };
}
