/**
 * Obligations: the deadlines a partner owes on an offer. Score, warnings, withholding,
 * reminders and reports are all read from them, so these few rules are the heart of the
 * product.
 *
 * Life of each kind:
 * - accept: created by an offer, due offeredAt + acceptWithin. Accepting or declining before
 *   the due meets it (`met`). At due ≤ now with no decision the sweep marks it `missed` and
 *   the offer expires; a missed accept is never "overdue" (there is nothing left to do).
 * - first_touch, update, outcome: created by acceptance, due acceptedAt + their window.
 *   A logged touch meets the open first_touch and update; a stage change meets the update only
 *   (it is a status update, not contact with the customer). Meeting an update plans the next
 *   one, due activityAt + updateEvery, so "at least every 14 days" restarts at each update.
 *   Reporting the outcome meets the outcome and any open first_touch/update (the report is
 *   itself a status update) and plans nothing further: the lead is closed.
 * - One rule at every deadline: done before due is `met`; at or after due `met_late` (counts
 *   half in the score), the same instant at which the sweep marks it missed (`isDueForMiss`).
 * - The sweep marks a first_touch/update/outcome past due `missed`, so the breach is recorded
 *   once; it stays overdue and can still be met, which turns it into `met_late`. The sweep does
 *   not plan a new update when one is missed: the missed one stays overdue until it is met.
 * - Recall or reassignment cancels the offer's open obligations (`cancelled`, never counted).
 *   A breach already recorded stays `missed` and keeps counting, but it is no longer overdue:
 *   the partner no longer holds the lead, so it cannot be met any more.
 * - An approved excuse turns a breach into `excused`, never counted.
 * - Each obligation keeps the policy version it was created under.
 */
import type { ObligationKind, ObligationState } from "@db/schema";
import { everyMember } from "./every-member";
import { addMinutes, reminderAt, type Policy } from "./policy";

export type { ObligationKind, ObligationState };

export const OBLIGATION_KINDS = everyMember<ObligationKind>()(["accept", "first_touch", "update", "outcome"]);

export const OBLIGATION_STATES = everyMember<ObligationState>()(["open", "met", "met_late", "missed", "excused", "cancelled"]);

export interface ObligationView {
  id: string;
  kind: ObligationKind;
  state: ObligationState;
  dueAt: Date;
  metAt: Date | null;
  policyVersion: number;
  /** Which update of the lead this is (1, 2, ...); the next update planned gets sequence + 1. */
  sequence?: number;
  /** False once the partner no longer holds the lead (recalled): nothing of it can be met then. */
  offerHeld?: boolean;
}

export interface NewObligation {
  kind: ObligationKind;
  /** 1 for everything but the second and later updates of one offer. */
  sequence: number;
  dueAt: Date;
  /** When the reminder goes out: reminderAtFraction of the way from the window's start to due. */
  remindAt: Date;
  policyVersion: number;
}

export type MeetDecision = { id: string; state: "met" | "met_late" };
export type ObligationChanges = { meet: MeetDecision[]; plan: NewObligation[] };

function plan(kind: ObligationKind, from: Date, minutes: number, policy: Policy, sequence = 1): NewObligation {
  const dueAt = addMinutes(from, minutes);
  return { kind, sequence, dueAt, remindAt: reminderAt(from, dueAt, policy), policyVersion: policy.version };
}

export function planOnOffer(offeredAt: Date, policy: Policy): NewObligation[] {
  return [plan("accept", offeredAt, policy.acceptWithinMinutes, policy)];
}

export function planOnAccept(acceptedAt: Date, policy: Policy): NewObligation[] {
  return [
    plan("first_touch", acceptedAt, policy.firstTouchWithinMinutes, policy),
    plan("update", acceptedAt, policy.updateEveryMinutes, policy),
    plan("outcome", acceptedAt, policy.outcomeWithinMinutes, policy),
  ];
}

/** Done before due is on time; at or after due is late (the sweep marks it missed at due ≤ now). */
export function metState(dueAt: Date, metAt: Date): "met" | "met_late" {
  return metAt.getTime() < dueAt.getTime() ? "met" : "met_late";
}

/**
 * Still possible to meet: open, or missed but not an accept (a missed accept expired the offer),
 * and only while the partner holds the lead.
 */
export function isMeetable(ob: Pick<ObligationView, "kind" | "state" | "offerHeld">): boolean {
  if (ob.offerHeld === false) return false;
  return ob.state === "open" || (ob.state === "missed" && ob.kind !== "accept");
}

/** Overdue: past due and still possible to meet. At the due instant itself it is overdue by 0 ms. */
export function isOverdue(ob: Pick<ObligationView, "kind" | "state" | "dueAt" | "offerHeld">, now: Date): boolean {
  return ob.kind !== "accept" && isMeetable(ob) && ob.dueAt.getTime() <= now.getTime();
}

export function overdueByMs(ob: Pick<ObligationView, "kind" | "state" | "dueAt" | "offerHeld">, now: Date): number {
  return isOverdue(ob, now) ? now.getTime() - ob.dueAt.getTime() : 0;
}

/** What the sweep marks `missed` (the SQL mirrors this: state = 'open' and due_at <= now). */
export function isDueForMiss(ob: Pick<ObligationView, "state" | "dueAt">, now: Date): boolean {
  return ob.state === "open" && ob.dueAt.getTime() <= now.getTime();
}

function meetAll(obligations: ObligationView[], kinds: ObligationKind[], at: Date): MeetDecision[] {
  return obligations
    .filter((ob) => kinds.includes(ob.kind) && isMeetable(ob))
    // A recorded breach stays one: meeting it afterwards is late, whatever the activity's stamp.
    .map((ob) => ({ id: ob.id, state: ob.state === "missed" ? "met_late" : metState(ob.dueAt, at) }));
}

/** A touch or stage change on an accepted lead. `open` is the offer's obligations (others are ignored). */
export function onActivity(
  open: ObligationView[],
  activity: { kind: "touch" | "stage_change"; at: Date },
  policy: Policy,
): ObligationChanges {
  const kinds: ObligationKind[] = activity.kind === "touch" ? ["first_touch", "update"] : ["update"];
  const meet = meetAll(open, kinds, activity.at);
  const metUpdates = open.filter((ob) => ob.kind === "update" && meet.some((m) => m.id === ob.id));
  if (metUpdates.length === 0) return { meet, plan: [] };
  const sequence = Math.max(...metUpdates.map((ob) => ob.sequence ?? 1)) + 1;
  return { meet, plan: [plan("update", activity.at, policy.updateEveryMinutes, policy, sequence)] };
}

/** The outcome report closes the lead: it meets the outcome and any pending touch or update. */
export function onOutcome(open: ObligationView[], at: Date): ObligationChanges {
  return { meet: meetAll(open, ["outcome", "first_touch", "update"], at), plan: [] };
}

/** Ids to mark `cancelled` when the manager recalls or reassigns the offer: the open ones only. */
export function onRecall(obligations: ObligationView[]): string[] {
  return obligations.filter((ob) => ob.state === "open").map((ob) => ob.id);
}

/**
 * An excuse is for a breach: a missed obligation, or one met late after it was missed
 * (the request may be decided after the partner caught up).
 */
export function canExcuse(ob: Pick<ObligationView, "state">): { ok: true } | { ok: false; reason: string } {
  return ob.state === "missed" || ob.state === "met_late"
    ? { ok: true }
    : { ok: false, reason: "Only a missed or late deadline can be excused." };
}

/**
 * Excusing a still-missed update ends it without an activity, so nothing would plan the next
 * update: restart the update clock from the decision. (A met_late update already planned it.)
 * Call it only while the lead is still open.
 */
export function planOnExcuse(ob: ObligationView, decidedAt: Date, policy: Policy): NewObligation[] {
  if (ob.kind !== "update" || ob.state !== "missed") return [];
  return [plan("update", decidedAt, policy.updateEveryMinutes, policy, (ob.sequence ?? 1) + 1)];
}
