import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { DEFAULT_POLICY, type Policy } from "./policy";
import {
  OBLIGATION_KINDS,
  OBLIGATION_STATES,
  canExcuse,
  isDueForMiss,
  isMeetable,
  isOverdue,
  metState,
  onActivity,
  onOutcome,
  onRecall,
  overdueByMs,
  planOnAccept,
  planOnExcuse,
  planOnOffer,
  type ObligationKind,
  type ObligationState,
  type ObligationView,
} from "./obligations";

const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);

const offeredAt = new Date("2025-03-03T09:00:00.000Z");
const acceptedAt = new Date("2025-03-04T10:00:00.000Z");
const due = new Date("2025-03-06T10:00:00.000Z");

function ob(kind: ObligationKind, state: ObligationState, dueAt = due, extra: Partial<ObligationView> = {}): ObligationView {
  return { id: `${kind}-${state}`, kind, state, dueAt, metAt: null, policyVersion: 1, ...extra };
}

describe("planOnOffer", () => {
  it("plans one accept obligation, due 48 h after the offer, reminded at 36 h", () => {
    expect(planOnOffer(offeredAt, DEFAULT_POLICY)).toEqual([
      {
        kind: "accept",
        sequence: 1,
        dueAt: new Date("2025-03-05T09:00:00.000Z"),
        remindAt: new Date("2025-03-04T21:00:00.000Z"),
        policyVersion: 1,
      },
    ]);
  });

  it("carries the version of the policy it was planned under", () => {
    const v7: Policy = { ...DEFAULT_POLICY, version: 7, acceptWithinMinutes: 60 };
    const [accept] = planOnOffer(offeredAt, v7);
    expect(accept.policyVersion).toBe(7);
    expect(accept.dueAt).toEqual(new Date("2025-03-03T10:00:00.000Z"));
  });
});

describe("planOnAccept", () => {
  it("plans first touch (2 days), update (14 days) and outcome (90 days)", () => {
    expect(planOnAccept(acceptedAt, DEFAULT_POLICY)).toEqual([
      {
        kind: "first_touch",
        sequence: 1,
        dueAt: new Date("2025-03-06T10:00:00.000Z"),
        remindAt: new Date("2025-03-05T22:00:00.000Z"),
        policyVersion: 1,
      },
      {
        kind: "update",
        sequence: 1,
        dueAt: new Date("2025-03-18T10:00:00.000Z"),
        remindAt: new Date("2025-03-14T22:00:00.000Z"),
        policyVersion: 1,
      },
      {
        kind: "outcome",
        sequence: 1,
        dueAt: new Date("2025-06-02T10:00:00.000Z"),
        remindAt: new Date("2025-05-10T22:00:00.000Z"), // 67.5 days in,
        policyVersion: 1,
      },
    ]);
  });
});

describe("metState", () => {
  it("is met before due, met_late at due and after", () => {
    expect(metState(due, ms(due, -1))).toBe("met");
    expect(metState(due, due)).toBe("met_late");
    expect(metState(due, ms(due, 1))).toBe("met_late");
  });

  it("is one rule with the sweep: late exactly when the sweep would mark it missed (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000, max: 10_000 }), (delta) => {
        const at = ms(due, delta);
        expect(metState(due, at) === "met_late").toBe(isDueForMiss(ob("first_touch", "open"), at));
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});

describe("isDueForMiss (what the sweep marks missed)", () => {
  it.each(OBLIGATION_KINDS)("%s: open and due ≤ now", (kind) => {
    expect(isDueForMiss(ob(kind, "open"), ms(due, -1))).toBe(false);
    expect(isDueForMiss(ob(kind, "open"), due)).toBe(true);
    expect(isDueForMiss(ob(kind, "open"), ms(due, 1))).toBe(true);
  });

  it("never marks anything but an open obligation", () => {
    for (const state of OBLIGATION_STATES.filter((s) => s !== "open")) {
      expect(isDueForMiss(ob("update", state), ms(due, 1))).toBe(false);
    }
  });
});

describe("isOverdue and overdueByMs", () => {
  it.each(["first_touch", "update", "outcome"] as const)("%s open: overdue from the due instant", (kind) => {
    const o = ob(kind, "open");
    expect(isOverdue(o, ms(due, -1))).toBe(false);
    expect(overdueByMs(o, ms(due, -1))).toBe(0);
    expect(isOverdue(o, due)).toBe(true);
    expect(overdueByMs(o, due)).toBe(0);
    expect(isOverdue(o, ms(due, 1))).toBe(true);
    expect(overdueByMs(o, ms(due, 1))).toBe(1);
  });

  it("a missed first touch, update or outcome is still overdue", () => {
    const now = ms(due, 3 * 86_400_000);
    for (const kind of ["first_touch", "update", "outcome"] as const) {
      expect(isOverdue(ob(kind, "missed"), now)).toBe(true);
      expect(overdueByMs(ob(kind, "missed"), now)).toBe(3 * 86_400_000);
    }
  });

  it("an accept is never overdue, open or missed (the offer expires instead)", () => {
    expect(isOverdue(ob("accept", "open"), ms(due, 1))).toBe(false);
    expect(isOverdue(ob("accept", "missed"), ms(due, 1))).toBe(false);
    expect(overdueByMs(ob("accept", "missed"), ms(due, 1))).toBe(0);
  });

  it("met, met late, excused and cancelled are never overdue", () => {
    for (const state of ["met", "met_late", "excused", "cancelled"] as const) {
      expect(isOverdue(ob("update", state), ms(due, 1))).toBe(false);
    }
  });

  it("agrees with the sweep and with meetability for any instant (property)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...OBLIGATION_KINDS),
        fc.constantFrom(...OBLIGATION_STATES),
        fc.integer({ min: -10_000, max: 10_000 }),
        (kind, state, delta) => {
          const o = ob(kind, state);
          const now = ms(due, delta);
          // Anything the sweep would mark missed, except an accept, is overdue.
          if (isDueForMiss(o, now) && kind !== "accept") expect(isOverdue(o, now)).toBe(true);
          // Overdue means meetable, past due, and the lateness is exactly now − due.
          if (isOverdue(o, now)) {
            expect(isMeetable(o)).toBe(true);
            expect(overdueByMs(o, now)).toBe(delta);
          } else {
            expect(overdueByMs(o, now)).toBe(0);
          }
        },
      ),
      { numRuns: FUZZ_RUNS },
    );
  });
});

describe("onActivity", () => {
  const firstTouchDue = new Date("2025-03-06T10:00:00.000Z");
  const updateDue = new Date("2025-03-18T10:00:00.000Z");
  const outcomeDue = new Date("2025-06-02T10:00:00.000Z");
  const open = [
    ob("first_touch", "open", firstTouchDue, { id: "ft" }),
    ob("update", "open", updateDue, { id: "u1", sequence: 1 }),
    ob("outcome", "open", outcomeDue, { id: "out" }),
  ];

  it("a touch meets the first touch and the update and plans the next update from the touch", () => {
    const at = new Date("2025-03-05T15:00:00.000Z");
    expect(onActivity(open, { kind: "touch", at }, DEFAULT_POLICY)).toEqual({
      meet: [
        { id: "ft", state: "met" },
        { id: "u1", state: "met" },
      ],
      plan: [
        {
          kind: "update",
          sequence: 2,
          dueAt: new Date("2025-03-19T15:00:00.000Z"),
          remindAt: new Date("2025-03-16T03:00:00.000Z"),
          policyVersion: 1,
        },
      ],
    });
  });

  it("a touch 1 ms before the first-touch due is on time, exactly at due it is late", () => {
    expect(onActivity(open, { kind: "touch", at: ms(firstTouchDue, -1) }, DEFAULT_POLICY).meet[0]).toEqual({ id: "ft", state: "met" });
    expect(onActivity(open, { kind: "touch", at: firstTouchDue }, DEFAULT_POLICY).meet[0]).toEqual({ id: "ft", state: "met_late" });
  });

  it("a stage change meets only the update", () => {
    const at = new Date("2025-03-05T15:00:00.000Z");
    const r = onActivity(open, { kind: "stage_change", at }, DEFAULT_POLICY);
    expect(r.meet).toEqual([{ id: "u1", state: "met" }]);
    expect(r.plan.map((p) => [p.kind, p.dueAt.toISOString()])).toEqual([["update", "2025-03-19T15:00:00.000Z"]]);
  });

  it("a recorded breach can only be met late, even by an activity stamped before its due", () => {
    const missed = [ob("update", "missed", updateDue, { id: "u1", sequence: 1 })];
    for (const at of [ms(updateDue, -1), updateDue, ms(updateDue, 1)]) {
      expect(onActivity(missed, { kind: "stage_change", at }, DEFAULT_POLICY).meet).toEqual([{ id: "u1", state: "met_late" }]);
    }
  });

  it("ignores obligations that are settled or not its kind, and plans nothing without an update to meet", () => {
    const settled = [
      ob("first_touch", "met", firstTouchDue, { id: "ft" }),
      ob("update", "excused", updateDue, { id: "u1" }),
      ob("update", "cancelled", updateDue, { id: "u0" }),
      ob("accept", "open", updateDue, { id: "acc" }),
      ob("outcome", "open", outcomeDue, { id: "out" }),
    ];
    expect(onActivity(settled, { kind: "touch", at: acceptedAt }, DEFAULT_POLICY)).toEqual({ meet: [], plan: [] });
  });

  it("plans the next update under the current policy's version and window", () => {
    const v2: Policy = { ...DEFAULT_POLICY, version: 2, updateEveryMinutes: 7 * 24 * 60 };
    const at = new Date("2025-03-10T00:00:00.000Z");
    const [next] = onActivity(open, { kind: "stage_change", at }, v2).plan;
    expect(next.policyVersion).toBe(2);
    expect(next.dueAt).toEqual(new Date("2025-03-17T00:00:00.000Z"));
  });

  it("numbers the next update after the one it met (sequence 1 when unknown)", () => {
    const at = new Date("2025-03-10T00:00:00.000Z");
    const third = [ob("update", "open", updateDue, { id: "u3", sequence: 3 })];
    expect(onActivity(third, { kind: "touch", at }, DEFAULT_POLICY).plan[0].sequence).toBe(4);
    const unknown = [ob("update", "open", updateDue, { id: "u" })];
    expect(onActivity(unknown, { kind: "touch", at }, DEFAULT_POLICY).plan[0].sequence).toBe(2);
  });
});

describe("onOutcome", () => {
  it("meets the outcome and any pending first touch or update, plans nothing", () => {
    const outcomeDue = new Date("2025-06-02T10:00:00.000Z");
    const open = [
      ob("first_touch", "missed", new Date("2025-03-06T10:00:00.000Z"), { id: "ft" }),
      ob("update", "open", new Date("2025-03-18T10:00:00.000Z"), { id: "u1" }),
      ob("outcome", "open", outcomeDue, { id: "out" }),
      ob("accept", "met", new Date("2025-03-05T09:00:00.000Z"), { id: "acc" }),
    ];
    expect(onOutcome(open, new Date("2025-03-10T00:00:00.000Z"))).toEqual({
      meet: [
        { id: "ft", state: "met_late" },
        { id: "u1", state: "met" },
        { id: "out", state: "met" },
      ],
      plan: [],
    });
  });

  it("is on time before the outcome due, late at it", () => {
    const outcomeDue = new Date("2025-06-02T10:00:00.000Z");
    const open = [ob("outcome", "open", outcomeDue, { id: "out" })];
    expect(onOutcome(open, ms(outcomeDue, -1)).meet).toEqual([{ id: "out", state: "met" }]);
    expect(onOutcome(open, outcomeDue).meet).toEqual([{ id: "out", state: "met_late" }]);
    expect(onOutcome(open, ms(outcomeDue, 1)).meet).toEqual([{ id: "out", state: "met_late" }]);
  });
});

describe("onRecall", () => {
  it("cancels open obligations only: a recorded breach keeps counting", () => {
    const all = [
      ob("accept", "open", due, { id: "a-open" }),
      ob("accept", "missed", due, { id: "a-missed" }),
      ob("first_touch", "missed", due, { id: "ft-missed" }),
      ob("update", "open", due, { id: "u-open" }),
      ob("update", "met", due, { id: "u-met" }),
      ob("update", "met_late", due, { id: "u-late" }),
      ob("outcome", "excused", due, { id: "o-excused" }),
      ob("outcome", "cancelled", due, { id: "o-cancelled" }),
    ];
    expect(onRecall(all)).toEqual(["a-open", "u-open"]);
  });

  it("a missed follow-up of a lead no longer held is not overdue and cannot be met", () => {
    const recalled = ob("first_touch", "missed", due, { id: "ft", offerHeld: false });
    expect(isMeetable(recalled)).toBe(false);
    expect(isOverdue(recalled, ms(due, 1))).toBe(false);
    expect(onOutcome([recalled], ms(due, 1))).toEqual({ meet: [], plan: [] });
  });
});

describe("excuses", () => {
  it("can excuse a breach: missed, or met late after missing", () => {
    expect(canExcuse({ state: "missed" })).toEqual({ ok: true });
    expect(canExcuse({ state: "met_late" })).toEqual({ ok: true });
    for (const state of ["open", "met", "excused", "cancelled"] as const) {
      expect(canExcuse({ state })).toEqual({ ok: false, reason: "Only a missed or late deadline can be excused." });
    }
  });

  it("restarts the update clock when a still-missed update is excused", () => {
    const decidedAt = new Date("2025-04-01T12:00:00.000Z");
    const missed = ob("update", "missed", due, { sequence: 2 });
    expect(planOnExcuse(missed, decidedAt, DEFAULT_POLICY)).toEqual([
      {
        kind: "update",
        sequence: 3,
        dueAt: new Date("2025-04-15T12:00:00.000Z"),
        remindAt: new Date("2025-04-12T00:00:00.000Z"),
        policyVersion: 1,
      },
    ]);
  });

  it("plans nothing for other kinds or for an update already met late", () => {
    const decidedAt = new Date("2025-04-01T12:00:00.000Z");
    expect(planOnExcuse(ob("update", "met_late"), decidedAt, DEFAULT_POLICY)).toEqual([]);
    expect(planOnExcuse(ob("first_touch", "missed"), decidedAt, DEFAULT_POLICY)).toEqual([]);
    expect(planOnExcuse(ob("outcome", "missed"), decidedAt, DEFAULT_POLICY)).toEqual([]);
  });
});
