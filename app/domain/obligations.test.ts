import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { DEFAULT_POLICY, type Policy } from "./policy";
import {
  OBLIGATION_KINDS,
  OBLIGATION_STATES,
  activityEffect,
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
  periodsToOpen,
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

function ob(
  kind: ObligationKind,
  state: ObligationState,
  dueAt = due,
  extra: Partial<ObligationView> = {},
): ObligationView {
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
  it("plans the first touch (2 days) and the outcome (90 days); update periods wait for the first touch", () => {
    expect(planOnAccept(acceptedAt, DEFAULT_POLICY)).toEqual([
      {
        kind: "first_touch",
        sequence: 1,
        dueAt: new Date("2025-03-06T10:00:00.000Z"),
        remindAt: new Date("2025-03-05T22:00:00.000Z"),
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

describe("onActivity and update periods", () => {
  const firstTouchDue = new Date("2025-03-06T10:00:00.000Z");
  const outcomeDue = new Date("2025-06-02T10:00:00.000Z");
  const firstTouchAt = new Date("2025-03-05T15:00:00.000Z");
  const day = (n: number) => ms(firstTouchAt, n * 86_400_000);
  const open = [
    ob("first_touch", "open", firstTouchDue, { id: "ft" }),
    ob("outcome", "open", outcomeDue, { id: "out" }),
  ];
  const period = (n: number, state: ObligationState) => ob("update", state, day(14 * n), { id: `u${n}`, sequence: n });
  /** The rows after a change: met ones stamped, planned ones added (as the services do). */
  const apply = (obs: ObligationView[], changes: ReturnType<typeof onActivity>, at: Date): ObligationView[] => [
    ...obs.map((o) => {
      const m = changes.meet.find((x) => x.id === o.id);
      return m ? { ...o, state: m.state, metAt: at } : o;
    }),
    ...changes.plan.map((p, i) => ({
      id: `new-${at.getTime()}-${i}`,
      kind: p.kind,
      state: "open" as const,
      dueAt: p.dueAt,
      metAt: null,
      policyVersion: p.policyVersion,
      sequence: p.sequence,
    })),
  ];

  it("the first touch meets the first-touch deadline and opens update period 1, due one interval later", () => {
    expect(onActivity(open, { kind: "touch", at: firstTouchAt }, DEFAULT_POLICY)).toEqual({
      meet: [{ id: "ft", state: "met" }],
      plan: [
        {
          kind: "update",
          sequence: 1,
          dueAt: new Date("2025-03-19T15:00:00.000Z"),
          remindAt: new Date("2025-03-16T03:00:00.000Z"),
          policyVersion: 1,
        },
      ],
    });
  });

  it("a touch 1 ms before the first-touch due is on time, exactly at due it is late", () => {
    expect(onActivity(open, { kind: "touch", at: ms(firstTouchDue, -1) }, DEFAULT_POLICY).meet[0]).toEqual({
      id: "ft",
      state: "met",
    });
    expect(onActivity(open, { kind: "touch", at: firstTouchDue }, DEFAULT_POLICY).meet[0]).toEqual({
      id: "ft",
      state: "met_late",
    });
  });

  it("a note is an internal remark, never a touch; calls, emails and meetings are touches", () => {
    expect(activityEffect("note")).toBeNull();
    for (const kind of ["call", "email", "meeting"]) expect(activityEffect(kind)).toBe("touch");
    expect(activityEffect("stage_change")).toBe("stage_change");
  });

  it("a stage change before the first touch meets nothing and opens no period", () => {
    expect(onActivity(open, { kind: "stage_change", at: firstTouchAt }, DEFAULT_POLICY)).toEqual({
      meet: [],
      plan: [],
    });
  });

  it("busywork earns nothing: five touches in one period meet its update once", () => {
    let obs = apply(open, onActivity(open, { kind: "touch", at: firstTouchAt }, DEFAULT_POLICY), firstTouchAt);
    const met: string[] = [];
    for (const n of [1, 1.001, 1.002, 1.003, 1.004]) {
      const changes = onActivity(obs, { kind: "touch", at: day(n) }, DEFAULT_POLICY);
      met.push(...changes.meet.map((m) => `${obs.find((o) => o.id === m.id)!.kind}:${m.state}`));
      expect(changes.plan).toEqual([]);
      obs = apply(obs, changes, day(n));
    }
    expect(met).toEqual(["update:met"]);
  });

  it("a stage change meets the running period; a period not begun yet is never met early", () => {
    const rows = [period(1, "met"), period(2, "open")];
    expect(onActivity(rows, { kind: "stage_change", at: day(14) }, DEFAULT_POLICY).meet).toEqual([
      { id: "u2", state: "met" },
    ]);
    expect(onActivity(rows, { kind: "stage_change", at: day(13) }, DEFAULT_POLICY).meet).toEqual([]);
  });

  it("the next touch meets a missed period late and the running period on time", () => {
    const rows = [period(1, "missed"), period(2, "open")];
    expect(onActivity(rows, { kind: "touch", at: day(15) }, DEFAULT_POLICY)).toEqual({
      meet: [
        { id: "u1", state: "met_late" },
        { id: "u2", state: "met" },
      ],
      plan: [],
    });
  });

  it("a recorded breach can only be met late, even by an activity stamped before its due", () => {
    const missed = [period(1, "missed")];
    for (const at of [day(14 - 0.001), day(14), day(14.001)]) {
      expect(onActivity(missed, { kind: "stage_change", at }, DEFAULT_POLICY).meet).toEqual([
        { id: "u1", state: "met_late" },
      ]);
    }
  });

  it("ignores obligations that are settled or not its kind, and opens no period once periods have begun", () => {
    const settled = [
      ob("first_touch", "met", firstTouchDue, { id: "ft" }),
      ob("update", "excused", day(14), { id: "u1", sequence: 1 }),
      ob("update", "cancelled", day(28), { id: "u2", sequence: 2 }),
      ob("accept", "open", day(14), { id: "acc" }),
      ob("outcome", "open", outcomeDue, { id: "out" }),
    ];
    expect(onActivity(settled, { kind: "touch", at: day(20) }, DEFAULT_POLICY)).toEqual({ meet: [], plan: [] });
  });

  it("opens period 1 under the offer's policy version and interval", () => {
    const v2: Policy = { ...DEFAULT_POLICY, version: 2, updateEveryMinutes: 7 * 24 * 60 };
    const [first] = onActivity(open, { kind: "touch", at: firstTouchAt }, v2).plan;
    expect(first).toMatchObject({ kind: "update", sequence: 1, policyVersion: 2, dueAt: day(7) });
  });

  describe("periodsToOpen", () => {
    it("opens nothing before the first touch", () => {
      expect(periodsToOpen(open, day(100), DEFAULT_POLICY)).toEqual([]);
    });

    it.each(["met", "missed", "open"] as const)("opens the next period exactly when a %s one ends", (state) => {
      expect(periodsToOpen([period(1, state)], ms(day(14), -1), DEFAULT_POLICY)).toEqual([]);
      expect(periodsToOpen([period(1, state)], day(14), DEFAULT_POLICY)).toEqual([
        { kind: "update", sequence: 2, dueAt: day(28), remindAt: day(24.5), policyVersion: 1 },
      ]);
    });

    it("opens every period begun since, back to back on the same grid, when nobody ran for a while", () => {
      const plans = periodsToOpen([period(1, "met"), period(2, "met")], day(60), DEFAULT_POLICY);
      expect(plans.map((p) => [p.sequence, p.dueAt])).toEqual([
        [3, day(42)],
        [4, day(56)],
        [5, day(70)],
      ]);
    });
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
    expect(onOutcome(open, new Date("2025-03-10T00:00:00.000Z"), DEFAULT_POLICY)).toEqual({
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
    expect(onOutcome(open, ms(outcomeDue, -1), DEFAULT_POLICY).meet).toEqual([{ id: "out", state: "met" }]);
    expect(onOutcome(open, outcomeDue, DEFAULT_POLICY).meet).toEqual([{ id: "out", state: "met_late" }]);
    expect(onOutcome(open, ms(outcomeDue, 1), DEFAULT_POLICY).meet).toEqual([{ id: "out", state: "met_late" }]);
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
    expect(onOutcome([recalled], ms(due, 1), DEFAULT_POLICY)).toEqual({ meet: [], plan: [] });
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
});
