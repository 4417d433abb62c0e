import { describe, it, expect } from "vitest";
import {
  LEAD_EVENTS,
  LEAD_STATES,
  MAX_OFFERS_PER_LEAD,
  OFFER_STATES,
  OFFER_TRANSITIONS,
  canAccept,
  canDecline,
  canLogActivity,
  canRecall,
  canReportOutcome,
  initialLeadState,
  isOfferExpired,
  leadTransition,
  routerMayOffer,
  type LeadEvent,
  type LeadState,
  type OfferState,
} from "./lead-state";

const due = new Date("2025-03-05T09:00:00.000Z");
const justBefore = new Date(due.getTime() - 1);
const justAfter = new Date(due.getTime() + 1);

describe("lead transitions", () => {
  // The whole allowed table, written out independently of the module's data.
  const allowed: [LeadState, LeadEvent, LeadState][] = [
    ["nurture", "qualify", "routing"],
    ["nurture", "promote", "routing"],
    ["routing", "offer", "offered"],
    ["routing", "queue", "queued"],
    ["queued", "offer", "offered"],
    ["queued", "requeue_for_routing", "routing"],
    ["queued", "move_to_nurture", "nurture"],
    ["offered", "accept", "accepted"],
    ["offered", "decline_or_expire", "routing"],
    ["offered", "recall", "routing"],
    ["accepted", "outcome_won", "won"],
    ["accepted", "outcome_lost", "lost"],
    ["accepted", "outcome_disqualified", "disqualified"],
    ["accepted", "recall", "routing"],
    ["nurture", "merge", "merged"],
    ["routing", "merge", "merged"],
    ["queued", "merge", "merged"],
  ];

  it.each(allowed)("%s --%s--> %s", (from, event, to) => {
    expect(leadTransition(from, event)).toEqual({ ok: true, to });
  });

  it("refuses every other pair with a plain reason", () => {
    let refused = 0;
    for (const from of LEAD_STATES) {
      for (const event of LEAD_EVENTS) {
        if (allowed.some(([f, e]) => f === from && e === event)) continue;
        const r = leadTransition(from, event);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.reason).toMatch(/^The lead is .+, so “.+” is not possible\.$/);
        refused++;
      }
    }
    expect(refused).toBe(LEAD_STATES.length * LEAD_EVENTS.length - allowed.length);
  });

  it("explains a refusal in words", () => {
    expect(leadTransition("won", "recall")).toEqual({
      ok: false,
      reason: "The lead is closed as won, so “recall” is not possible.",
    });
    expect(leadTransition("nurture", "offer")).toEqual({
      ok: false,
      reason: "The lead is an inquiry in the nurture pool, so “offer” is not possible.",
    });
  });

  it("starts an inquiry in nurture and a qualified lead in routing", () => {
    expect(initialLeadState("inquiry")).toBe("nurture");
    expect(initialLeadState("lead")).toBe("routing");
  });
});

describe("offer limit", () => {
  it("lets the router make offers 1 to 3, then queues", () => {
    expect(MAX_OFFERS_PER_LEAD).toBe(3);
    expect(routerMayOffer(0)).toEqual({ ok: true });
    expect(routerMayOffer(2)).toEqual({ ok: true });
    expect(routerMayOffer(3)).toEqual({
      ok: false,
      reason: "This lead has been offered 3 times; it waits in the channel manager's queue.",
    });
  });
});

describe("offer transitions", () => {
  it("lets an offer end only from offered or accepted", () => {
    expect(OFFER_TRANSITIONS.offered).toEqual(["accepted", "declined", "expired", "recalled"]);
    expect(OFFER_TRANSITIONS.accepted).toEqual(["closed", "recalled"]);
    for (const s of ["declined", "expired", "recalled", "closed"] as const) expect(OFFER_TRANSITIONS[s]).toEqual([]);
  });
});

describe("isOfferExpired (due ≤ now)", () => {
  it("is false 1 ms before due, true at due and after", () => {
    expect(isOfferExpired(due, justBefore)).toBe(false);
    expect(isOfferExpired(due, due)).toBe(true);
    expect(isOfferExpired(due, justAfter)).toBe(true);
  });
});

describe.each([
  ["canAccept", canAccept],
  ["canDecline", canDecline],
] as const)("%s (state offered and now < due)", (_name, decide) => {
  it("is allowed until 1 ms before due", () => {
    expect(decide({ state: "offered", acceptDueAt: due }, justBefore)).toEqual({ ok: true });
  });

  it("is refused at due and after", () => {
    const expected = { ok: false, reason: "The time to answer this offer has run out." };
    expect(decide({ state: "offered", acceptDueAt: due }, due)).toEqual(expected);
    expect(decide({ state: "offered", acceptDueAt: due }, justAfter)).toEqual(expected);
  });

  it("is refused in every other state, even before due", () => {
    for (const state of OFFER_STATES.filter((s) => s !== "offered")) {
      const r = decide({ state, acceptDueAt: due }, justBefore);
      expect(r.ok).toBe(false);
    }
    expect(decide({ state: "accepted", acceptDueAt: due }, justBefore)).toEqual({
      ok: false,
      reason: "This offer is already accepted.",
    });
  });
});

describe("what an offer's state allows", () => {
  const table: [OfferState, boolean, boolean][] = [
    // state, recall, outcome & activity
    ["offered", true, false],
    ["accepted", true, true],
    ["declined", false, false],
    ["expired", false, false],
    ["recalled", false, false],
    ["closed", false, false],
  ];
  it.each(table)("%s: recall %s, outcome/activity %s", (state, recall, work) => {
    expect(canRecall({ state }).ok).toBe(recall);
    expect(canReportOutcome({ state }).ok).toBe(work);
    expect(canLogActivity({ state }).ok).toBe(work);
  });

  it("says why in plain words", () => {
    expect(canRecall({ state: "closed" })).toEqual({
      ok: false,
      reason: "This offer is closed with its outcome reported; there is nothing to recall.",
    });
    expect(canReportOutcome({ state: "offered" })).toEqual({
      ok: false,
      reason: "This offer is still waiting for an answer; only an accepted lead can get an outcome.",
    });
    expect(canLogActivity({ state: "recalled" })).toEqual({
      ok: false,
      reason: "This offer is recalled by the channel manager; touches are logged on accepted leads only.",
    });
  });
});
