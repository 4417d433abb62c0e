/**
 * Obligations: the deadlines a partner owes on an offer. Score, warnings, withholding,
 * reminders and reports are all read from them, so these few rules are the heart of the
 * product.
 *
 * Life of each kind:
 * - accept: created by an offer, due offeredAt + acceptWithin. Accepting or declining before
 *   the due meets it (`met`). At due ≤ now with no decision the sweep marks it `missed` and
 *   the offer expires; a missed accept is never "overdue" (there is nothing left to do).
 * - first_touch, outcome: created by acceptance, due acceptedAt + their window. A touch (call,
 *   email, meeting) meets the first_touch; a note is an internal remark and meets nothing.
 * - update: fixed periods from the first touch, back to back: period n is
 *   [firstTouch + (n−1)·updateEvery, firstTouch + n·updateEvery) and its obligation (sequence n)
 *   is due at the period's end. The first touch opens period 1; the first touch or stage change
 *   inside a period meets it, and more in the same period meet nothing more (busywork earns
 *   nothing). The next period opens when the current one ends, met or missed, while the lead is
 *   open: the sweep opens it, and a use case opens it first if the sweep has not run yet.
 *   Reporting the outcome meets the outcome and any pending first_touch/update (the report is
 *   itself a status update) and opens nothing further: the lead is closed.
 * - One rule at every deadline: done before due is `met`; at or after due `met_late` (counts
 *   half in the score), the same instant at which the sweep marks it missed (`isDueForMiss`).
 * - The sweep marks a first_touch/update/outcome past due `missed`, so the breach is recorded
 *   once; it stays overdue and can still be met, which turns it into `met_late` (never `met`,
 *   however the activity is stamped). A missed update period stays overdue until the next touch
 *   or stage change; the following period runs meanwhile.
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

export const OBLIGATION_STATES = everyMember<ObligationState>()([
  "open",
  "met",
  "met_late",
  "missed",
  "excused",
  "cancelled",
]);

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

/** Acceptance plans the first touch and the outcome; update periods start at the first touch. */
export function planOnAccept(acceptedAt: Date, policy: Policy): NewObligation[] {
  return [
    plan("first_touch", acceptedAt, policy.firstTouchWithinMinutes, policy),
    plan("outcome", acceptedAt, policy.outcomeWithinMinutes, policy),
  ];
}

/** Contact with the customer; a note is an internal remark and never counts as a touch. */
export const TOUCH_KINDS = ["call", "email", "meeting"] as const;

/** What an activity does to obligations: a touch, a stage change (a status update only), or nothing. */
export function activityEffect(kind: string): "touch" | "stage_change" | null {
  if ((TOUCH_KINDS as readonly string[]).includes(kind)) return "touch";
  return kind === "stage_change" ? "stage_change" : null;
}

/** When an update obligation's period began: its due minus one interval of the offer's policy. */
function periodStart(ob: Pick<ObligationView, "dueAt">, policy: Pick<Policy, "updateEveryMinutes">): Date {
  return addMinutes(ob.dueAt, -policy.updateEveryMinutes);
}

/**
 * The update periods that have begun by `now` but have no obligation yet: each one after the
 * latest period, back to back, until the one running at `now`. Nothing before the first touch
 * (no period yet); the caller asks only while the lead is open.
 */
export function periodsToOpen(obligations: ObligationView[], now: Date, policy: Policy): NewObligation[] {
  const updates = obligations.filter((ob) => ob.kind === "update");
  if (updates.length === 0) return [];
  const latest = updates.reduce((a, b) => ((b.sequence ?? 1) > (a.sequence ?? 1) ? b : a));
  const plans: NewObligation[] = [];
  let end = latest.dueAt;
  for (let sequence = (latest.sequence ?? 1) + 1; end.getTime() <= now.getTime(); sequence++) {
    const next = plan("update", end, policy.updateEveryMinutes, policy, sequence);
    plans.push(next);
    end = next.dueAt;
  }
  return plans;
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

/** Meets the given kinds; an update only once its period has begun (a later period is not met early). */
function meetAll(obligations: ObligationView[], kinds: ObligationKind[], at: Date, policy: Policy): MeetDecision[] {
  return (
    obligations
      .filter((ob) => kinds.includes(ob.kind) && isMeetable(ob))
      .filter((ob) => ob.kind !== "update" || periodStart(ob, policy).getTime() <= at.getTime())
      // A recorded breach stays one: meeting it afterwards is late, whatever the activity's stamp.
      .map((ob) => ({ id: ob.id, state: ob.state === "missed" ? "met_late" : metState(ob.dueAt, at) }))
  );
}

/**
 * A touch or stage change on an accepted lead, given the offer's obligations with every period
 * begun by then opened (`periodsToOpen`). A touch meets the first touch; either meets the
 * running update period and any missed one (late). The first touch opens period 1.
 */
export function onActivity(
  obligations: ObligationView[],
  activity: { kind: "touch" | "stage_change"; at: Date },
  policy: Policy,
): ObligationChanges {
  const kinds: ObligationKind[] = activity.kind === "touch" ? ["first_touch", "update"] : ["update"];
  const meet = meetAll(obligations, kinds, activity.at, policy);
  const firstTouch = activity.kind === "touch" && !obligations.some((ob) => ob.kind === "update");
  return { meet, plan: firstTouch ? [plan("update", activity.at, policy.updateEveryMinutes, policy)] : [] };
}

/** The outcome report closes the lead: it meets the outcome, any pending first touch and the open period. */
export function onOutcome(obligations: ObligationView[], at: Date, policy: Policy): ObligationChanges {
  return { meet: meetAll(obligations, ["outcome", "first_touch", "update"], at, policy), plan: [] };
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
