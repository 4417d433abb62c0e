/**
 * The lead's life and the offer's life as state machines (PRODUCT.md, "The lead's life").
 * Services apply a transition only when these functions say ok, and then as a conditional
 * UPDATE on the old state, so two requests at once cannot both succeed.
 */
import type { LeadState, OfferState } from "@db/schema";
import { everyMember } from "./every-member";

export type { LeadState, OfferState };

export type Result = { ok: true } | { ok: false; reason: string };
const OK: Result = { ok: true };
const no = (reason: string): Result => ({ ok: false, reason });

// ---------------------------------------------------------------- lead

export const LEAD_STATES = everyMember<LeadState>()([
  "nurture", // an inquiry: kept, can be promoted, not distributed
  "routing", // qualified, waiting for the router
  "queued", // in the channel manager's queue: no eligible partner, or 3 offers made
  "offered",
  "accepted",
  "won",
  "lost",
  "disqualified",
  "merged", // a duplicate folded into the earlier lead by a manager
]);

export const LEAD_EVENTS = [
  "qualify", // re-scored at or above the threshold
  "promote", // a manager promotes an inquiry by hand
  "offer", // the router or a manager offers the lead to a partner
  "queue", // nobody eligible, or the offer limit is reached
  "requeue_for_routing", // a manager sends a queued lead back to the router
  "move_to_nurture", // a manager parks a queued lead in the nurture pool (it can be promoted again)
  "accept",
  "decline_or_expire",
  "recall", // a manager takes the lead back (a reassignment is recall, then offer)
  "outcome_won",
  "outcome_lost",
  "outcome_disqualified",
  "merge", // a manager confirms a possible duplicate: it joins the earlier lead and leaves routing
] as const;
export type LeadEvent = (typeof LEAD_EVENTS)[number];

/** Every allowed lead transition; anything not listed is refused. */
export const LEAD_TRANSITIONS: Readonly<Record<LeadState, Partial<Record<LeadEvent, LeadState>>>> = {
  nurture: { qualify: "routing", promote: "routing", merge: "merged" },
  routing: { offer: "offered", queue: "queued", merge: "merged" },
  // A manager's manual offer takes a lead straight from the queue.
  queued: { offer: "offered", requeue_for_routing: "routing", move_to_nurture: "nurture", merge: "merged" },
  offered: { accept: "accepted", decline_or_expire: "routing", recall: "routing" },
  accepted: {
    outcome_won: "won",
    outcome_lost: "lost",
    outcome_disqualified: "disqualified",
    recall: "routing",
  },
  won: {},
  lost: {},
  disqualified: {},
  merged: {},
};

/** A lead enters life in nurture when it scored as an inquiry, else ready for routing. */
export function initialLeadState(kind: "lead" | "inquiry"): LeadState {
  return kind === "lead" ? "routing" : "nurture";
}

const LEAD_STATE_WORDS: Record<LeadState, string> = {
  nurture: "an inquiry in the nurture pool",
  routing: "waiting for the router",
  queued: "waiting in the channel manager's queue",
  offered: "offered to a partner",
  accepted: "accepted by a partner",
  won: "closed as won",
  lost: "closed as lost",
  disqualified: "closed as disqualified",
  merged: "merged into an earlier lead",
};

export function leadTransition(
  from: LeadState,
  event: LeadEvent,
): { ok: true; to: LeadState } | { ok: false; reason: string } {
  const to = LEAD_TRANSITIONS[from][event];
  if (to) return { ok: true, to };
  const eventWords = event.replace(/_/g, " ");
  return { ok: false, reason: `The lead is ${LEAD_STATE_WORDS[from]}, so “${eventWords}” is not possible.` };
}

/** The router stops after this many offers of one lead; the lead then waits in the queue. */
/** The stages of an open lead a partner may set (each change is a status update). */
export const STAGES = ["contacted", "qualified", "proposal", "negotiation"] as const;

export const MAX_OFFERS_PER_LEAD = 3;

/** Whether the router may make another offer; a manager's manual offer is not limited by this. */
export function routerMayOffer(offersMade: number): Result {
  return offersMade < MAX_OFFERS_PER_LEAD
    ? OK
    : no(`This lead has been offered ${offersMade} times; it waits in the channel manager's queue.`);
}

// ---------------------------------------------------------------- offer

export const OFFER_STATES = everyMember<OfferState>()([
  "offered",
  "accepted",
  "declined",
  "expired",
  "recalled",
  "closed",
]);

/** `closed` means the outcome was reported. */
export const OFFER_TRANSITIONS: Readonly<Record<OfferState, readonly OfferState[]>> = {
  offered: ["accepted", "declined", "expired", "recalled"],
  accepted: ["closed", "recalled"],
  declined: [],
  expired: [],
  recalled: [],
  closed: [],
};

const OFFER_STATE_WORDS: Record<OfferState, string> = {
  offered: "still waiting for an answer",
  accepted: "already accepted",
  declined: "already declined",
  expired: "expired",
  recalled: "recalled by the channel manager",
  closed: "closed with its outcome reported",
};

/** Deadline edge: the offer is expired when due ≤ now; accepting requires now < due. */
export function isOfferExpired(acceptDueAt: Date, now: Date): boolean {
  return acceptDueAt.getTime() <= now.getTime();
}

type OfferDecision = { state: OfferState; acceptDueAt: Date };

function decisionWindow(offer: OfferDecision, now: Date): Result {
  if (offer.state !== "offered") return no(`This offer is ${OFFER_STATE_WORDS[offer.state]}.`);
  if (isOfferExpired(offer.acceptDueAt, now)) return no("The time to answer this offer has run out.");
  return OK;
}

export function canAccept(offer: OfferDecision, now: Date): Result {
  return decisionWindow(offer, now);
}

/** Declining has the same window as accepting: after the deadline the offer simply expires. */
export function canDecline(offer: OfferDecision, now: Date): Result {
  return decisionWindow(offer, now);
}

/** A manager can recall at any time while the partner holds the lead. */
export function canRecall(offer: { state: OfferState }): Result {
  return offer.state === "offered" || offer.state === "accepted"
    ? OK
    : no(`This offer is ${OFFER_STATE_WORDS[offer.state]}; there is nothing to recall.`);
}

export function canReportOutcome(offer: { state: OfferState }): Result {
  return offer.state === "accepted"
    ? OK
    : no(`This offer is ${OFFER_STATE_WORDS[offer.state]}; only an accepted lead can get an outcome.`);
}

export function canLogActivity(offer: { state: OfferState }): Result {
  return offer.state === "accepted"
    ? OK
    : no(`This offer is ${OFFER_STATE_WORDS[offer.state]}; touches are logged on accepted leads only.`);
}
