import type { Lead } from "@db/schema";
import { now } from "~/clock.server";
import { type DB, type Trx, underSavepoint } from "~/db.server";
import { leadTransition, routerMayOffer } from "~/domain/lead-state";
import { fail, succeed, type Outcome } from "~/domain/outcome";
import { couldTake, evaluateCandidates, routeInTurn, type BatchPartner, type RoutingDecision } from "~/domain/routing";
import { recordAudits } from "~/models/audit.server";
import { lockLead, lockLeadsUnlessBusy } from "~/models/lead.server";
import { lockPartner, lockPartners } from "~/models/partner.server";
import { policyInForce } from "~/models/policy.server";
import {
  hasRoutingJob,
  pendingRoutingJobs,
  recordRoutingDecision,
  recordRoutingDecisions,
  routingCandidates,
  routingCandidatesForLeads,
  takeRoutingJob,
  takeRoutingJobs,
} from "~/models/routing.server";
import { ROUTER_ACTOR, type Actor } from "./actor";
import { moveLead, moveLeads } from "./lead-moves.server";
import { createOffer, createOffers } from "./offer-creation.server";

export type RoutingResult = Outcome<
  { result: "offered"; partnerId: string; offerId: string } | { result: "queued"; reason: string }
>;

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
    return routeLocked(trx, lead, trigger, at, actor);
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
    return routeLocked(trx, { ...lead, state }, "manual", at, actor);
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
      trx,
      lead,
      candidate.partnerId,
      { manual: false, overrideReason: null, policy: await policyInForce(trx), at },
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
  await queueLeads(trx, [{ lead, reason }], at, actor);
  await recordRoutingDecision(trx, {
    leadId: lead.id,
    trigger,
    chosenPartnerId: null,
    candidates,
    actorLabel: actor.label,
    at,
  });
  return succeed({ result: "queued" as const, reason });
}

/** Sends leads the router could not place to the channel manager's queue, with the reason. */
async function queueLeads(trx: Trx, items: { lead: Lead; reason: string }[], at: Date, actor: Actor): Promise<void> {
  await moveLeads(
    trx,
    items.map(({ lead, reason }) => ({ lead, event: "queue" as const, queuedReason: reason })),
    at,
  );
  await recordAudits(
    trx,
    items.map(({ lead, reason }) => ({
      actorId: actor.userId,
      actorLabel: actor.label,
      action: "lead.queued",
      subjectType: "lead",
      subjectId: lead.id,
      details: { reason },
      at,
    })),
  );
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
    return routeLocked(trx, { ...lead, state }, "manual", at, actor);
  });
}

/** Routes one lead if it has a pending routing job (after a decline, expiry or recall). */
export async function routeQueuedLead(db: DB, leadId: string): Promise<void> {
  if (await hasRoutingJob(db, leadId)) await routeLead(db, leadId);
}

/** Leads a routing batch takes at once (see docs/benchmarks.md for how it was chosen). */
const ROUTING_BATCH = 200;

/**
 * The routing worker: routes queued leads in batches until the queue is empty, letting the
 * event loop serve requests between batches. A batch is one transaction of a few set-based
 * statements, whatever its size (ADR 008). Safe on several instances: a lead another
 * transaction holds is left for a later pass, and its job row is taken once. Returns the
 * number of leads routed (offered or sent to the queue).
 */
export async function processRoutingJobs(db: DB, opts: { batch?: number } = {}): Promise<number> {
  const size = opts.batch ?? ROUTING_BATCH;
  let routed = 0;
  for (;;) {
    const leadIds = await pendingRoutingJobs(db, size);
    if (leadIds.length === 0) return routed;
    const done = await db.transaction().execute((trx) => routeBatch(trx, leadIds, now()));
    routed += done.routed;
    // A batch whose leads were all busy elsewhere: leave them to the next pass, do not spin.
    if (done.taken === 0) return routed;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * Routes a batch of leads in one transaction: the leads locked (those free), their jobs taken,
 * the partners that could take any of them locked in id order and read again under the locks,
 * then every lead decided in turn over that reading and the results written table by table.
 * Holding every partner it may choose, the batch decides on current standing and load: no
 * candidate can fail under its lock, so there is no savepoint, and nothing waits on a lead.
 */
async function routeBatch(trx: Trx, leadIds: string[], at: Date): Promise<{ taken: number; routed: number }> {
  const locked = new Map((await lockLeadsUnlessBusy(trx, leadIds)).map((l) => [l.id, l]));
  const triggers = await takeRoutingJobs(trx, [...locked.keys()]);
  // In queue order. A lead routed meanwhile by another worker (its job is gone), or no longer
  // waiting for the router (merged, recalled), is not routed.
  const leads = leadIds
    .map((id) => locked.get(id))
    .filter((l): l is Lead => l !== undefined && triggers.has(l.id) && l.state === "routing");
  const decided = (lead: Lead, chosenPartnerId: string | null, candidates: RoutingDecision["candidates"]) => ({
    leadId: lead.id,
    trigger: triggers.get(lead.id)!,
    chosenPartnerId,
    candidates,
    actorLabel: ROUTER_ACTOR.label,
    at,
  });

  const toQueue: { lead: Lead; reason: string }[] = [];
  const decisions = [];
  const routable: Lead[] = [];
  for (const lead of leads) {
    const limit = routerMayOffer(lead.offer_count);
    if (limit.ok) routable.push(lead);
    else {
      toQueue.push({ lead, reason: limit.reason });
      decisions.push(decided(lead, null, []));
    }
  }
  const offers: { lead: Lead; partnerId: string }[] = [];
  for (const { lead, decision } of routeInTurn(routable, await lockedPartners(trx, routable, at), at)) {
    if (decision.chosen) offers.push({ lead, partnerId: decision.chosen });
    else toQueue.push({ lead, reason: "No partner is eligible for this lead." });
    decisions.push(decided(lead, decision.chosen, decision.candidates));
  }
  if (offers.length > 0) {
    const terms = { manual: false, overrideReason: null, policy: await policyInForce(trx), at };
    await createOffers(trx, offers, terms, ROUTER_ACTOR);
  }
  await queueLeads(trx, toQueue, at, ROUTER_ACTOR);
  await recordRoutingDecisions(trx, decisions);
  return { taken: triggers.size, routed: leads.length };
}

/**
 * Every partner as the batch must see it: those that could take one of its leads locked (in id
 * order, as every use case locking several partners does) and read again under their locks, so
 * no withhold, pause or offer that committed first is missed and none can commit until the
 * batch has; the others, excluded for what no offer changes, as first read.
 */
async function lockedPartners(trx: Trx, leads: Lead[], at: Date): Promise<BatchPartner[]> {
  if (leads.length === 0) return [];
  const ids = leads.map((l) => l.id);
  const seen = await routingCandidatesForLeads(trx, ids);
  const toLock = new Set(seen.filter((p) => leads.some((l) => couldTake(l, p.partner, at))).map((p) => p.partner.id));
  const sorted = [...toLock].sort();
  await lockPartners(trx, sorted);
  const fresh = new Map((await routingCandidatesForLeads(trx, ids, sorted)).map((p) => [p.partner.id, p]));
  return seen.flatMap((p) =>
    toLock.has(p.partner.id) ? (fresh.has(p.partner.id) ? [fresh.get(p.partner.id)!] : []) : [p],
  );
}
