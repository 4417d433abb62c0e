import { describe, it, expect } from "vitest";
import fc from "fast-check";
import {
  OVERRIDABLE_EXCLUSIONS,
  checkManualOffer,
  couldTake,
  evaluateCandidates,
  routeInTurn,
  territoryCovers,
  verticalFits,
  type CandidatePartner,
  type OverridableExclusion,
} from "./routing";

const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const now = new Date("2025-06-30T12:00:00.000Z");
const lead = { territory: "US-CA", vertical: "software" };

function partner(id: string, patch: Partial<CandidatePartner> = {}): CandidatePartner {
  return {
    id,
    name: id,
    active: true,
    standing: "good",
    score: 90,
    territories: ["US"],
    verticals: ["software"],
    capacity: 10,
    openLoad: 0,
    pausedUntil: null,
    lastOfferedAt: new Date("2025-06-01T00:00:00.000Z"),
    alreadyOffered: false,
    ...patch,
  };
}
const codesOf = (r: ReturnType<typeof evaluateCandidates>, id: string) =>
  r.candidates.find((c) => c.partnerId === id)!.excludedFor.map((e) => e.code);

describe("territoryCovers", () => {
  it.each([
    ["US", "US", true],
    ["US", "US-CA", true],
    ["us", "US-ca", true],
    [" US ", "us-ny", true],
    ["US-CA", "US-CA", true],
    ["US-CA", "US", false],
    ["US-CA", "US-NY", false],
    ["US", "USA", false],
    ["DE", "US-DE", false],
    ["", "US", false],
    ["US", "", false],
  ] as const)("%s covers %s: %s", (p, l, covers) => {
    expect(territoryCovers(p, l)).toBe(covers);
  });
});

describe("verticalFits", () => {
  it("matches case-insensitively, and a lead without vertical fits anyone", () => {
    expect(verticalFits(["Software"], "software")).toBe(true);
    expect(verticalFits(["retail"], "software")).toBe(false);
    expect(verticalFits([], null)).toBe(true);
    expect(verticalFits([], "  ")).toBe(true);
  });
});

describe("exclusions", () => {
  it("lists every reason a partner is out, in plain words", () => {
    const p = partner("Acme", {
      active: false,
      standing: "withheld",
      alreadyOffered: true,
      territories: ["DE", "AT"],
      verticals: ["retail"],
      capacity: 3,
      openLoad: 3,
      pausedUntil: new Date("2025-07-01T00:00:00.000Z"),
    });
    const r = evaluateCandidates(lead, [p], now);
    expect(r.chosen).toBeNull();
    expect(r.candidates[0]).toEqual({
      partnerId: "Acme",
      partnerName: "Acme",
      eligible: false,
      excludedFor: [
        { code: "inactive", reason: "The partner is not active." },
        { code: "withheld", reason: "The partner is withheld for not keeping the lead rules: no new leads." },
        { code: "already_offered", reason: "This lead was already offered to the partner." },
        { code: "territory", reason: "Does not cover the lead's territory US-CA (covers DE, AT)." },
        { code: "vertical", reason: "Does not serve the lead's vertical software." },
        { code: "capacity", reason: "At capacity: 3 open of 3." },
        { code: "paused", reason: "Paused until 2025-07-01T00:00:00.000Z." },
      ],
      overridden: [],
      rank: null,
      rankReason:
        "Not eligible: The partner is not active. The partner is withheld for not keeping the lead rules: no new leads. " +
        "This lead was already offered to the partner. Does not cover the lead's territory US-CA (covers DE, AT). " +
        "Does not serve the lead's vertical software. At capacity: 3 open of 3. Paused until 2025-07-01T00:00:00.000Z.",
    });
  });

  it("excludes a subdivision partner from a lead in the plain country", () => {
    const r = evaluateCandidates(
      { territory: "US", vertical: null },
      [partner("CA-only", { territories: ["US-CA"] })],
      now,
    );
    expect(codesOf(r, "CA-only")).toEqual(["territory"]);
  });

  it("capacity: excluded at openLoad = capacity, eligible 1 below", () => {
    const r = evaluateCandidates(
      lead,
      [partner("full", { capacity: 4, openLoad: 4 }), partner("room", { capacity: 4, openLoad: 3 })],
      now,
    );
    expect(codesOf(r, "full")).toEqual(["capacity"]);
    expect(codesOf(r, "room")).toEqual([]);
  });

  it("pause: excluded while pausedUntil > now, eligible from the pause's end instant", () => {
    const p = (until: Date) => [partner("p", { pausedUntil: until })];
    expect(codesOf(evaluateCandidates(lead, p(new Date(now.getTime() + 1)), now), "p")).toEqual(["paused"]);
    expect(codesOf(evaluateCandidates(lead, p(now), now), "p")).toEqual([]);
    expect(codesOf(evaluateCandidates(lead, p(new Date(now.getTime() - 1)), now), "p")).toEqual([]);
  });

  it("probation: at most 2 open leads", () => {
    const r = evaluateCandidates(
      lead,
      [partner("one", { standing: "probation", openLoad: 1 }), partner("two", { standing: "probation", openLoad: 2 })],
      now,
    );
    expect(codesOf(r, "one")).toEqual([]);
    expect(codesOf(r, "two")).toEqual(["probation_cap"]);
  });

  it("a warning does not exclude", () => {
    expect(evaluateCandidates(lead, [partner("w", { standing: "warning" })], now).chosen).toBe("w");
  });
});

describe("manager overrides", () => {
  const stretched = partner("far", {
    territories: ["DE"],
    verticals: ["retail"],
    capacity: 1,
    openLoad: 1,
    pausedUntil: new Date("2025-08-01T00:00:00.000Z"),
  });

  it("may set aside territory, vertical, capacity and pause, and records what was set aside", () => {
    const r = evaluateCandidates(lead, [stretched], now, { override: ["territory", "vertical", "capacity", "paused"] });
    expect(r.chosen).toBe("far");
    expect(r.candidates[0].overridden.map((e) => e.code)).toEqual(["territory", "vertical", "capacity", "paused"]);
  });

  it("sets aside only what is named", () => {
    const r = evaluateCandidates(lead, [stretched], now, { override: ["territory"] });
    expect(codesOf(r, "far")).toEqual(["vertical", "capacity", "paused"]);
  });

  it("can never set aside a withhold, a repeat offer, the probation cap or an inactive partner", () => {
    const all = [...OVERRIDABLE_EXCLUSIONS];
    // Smuggled codes (e.g. from an unchecked form) are ignored.
    const smuggled = [...all, "withheld", "already_offered", "probation_cap", "inactive"] as OverridableExclusion[];
    const r = evaluateCandidates(
      lead,
      [
        partner("withheld", { standing: "withheld" }),
        partner("again", { alreadyOffered: true }),
        partner("capped", { standing: "probation", openLoad: 2 }),
        partner("gone", { active: false }),
      ],
      now,
      { override: smuggled },
    );
    expect(r.chosen).toBeNull();
    expect(r.candidates.map((c) => [c.partnerId, c.excludedFor.map((e) => e.code)])).toEqual([
      ["again", ["already_offered"]],
      ["capped", ["probation_cap"]],
      ["gone", ["inactive"]],
      ["withheld", ["withheld"]],
    ]);
  });

  it("checkManualOffer answers for one partner", () => {
    expect(checkManualOffer(lead, stretched, now, ["territory", "vertical", "capacity", "paused"])).toMatchObject({
      ok: true,
    });
    expect(checkManualOffer(lead, partner("ok"), now)).toEqual({ ok: true, overridden: [] });
    expect(checkManualOffer(lead, partner("w", { standing: "withheld" }), now, ["territory"])).toEqual({
      ok: false,
      reason: "The partner is withheld for not keeping the lead rules: no new leads.",
      excludedFor: [
        { code: "withheld", reason: "The partner is withheld for not keeping the lead rules: no new leads." },
      ],
    });
  });
});

describe("ranking", () => {
  it("puts good and warning before probation, whatever the score", () => {
    const r = evaluateCandidates(
      lead,
      [partner("Pro", { standing: "probation", score: 99 }), partner("Warn", { standing: "warning", score: 75 })],
      now,
    );
    expect(r.chosen).toBe("Warn");
    expect(r.candidates.map((c) => c.rankReason)).toEqual([
      "Ranked 1st of 2: in good standing while Pro is on probation.",
      "Ranked 2nd of 2, after Warn: on probation, so ranked after partners in good standing.",
    ]);
  });

  it("then by score, high first", () => {
    const r = evaluateCandidates(lead, [partner("Beta", { score: 78 }), partner("Acme", { score: 92 })], now);
    expect(r.chosen).toBe("Acme");
    expect(r.candidates.map((c) => [c.partnerId, c.rank, c.rankReason])).toEqual([
      ["Acme", 1, "Ranked 1st of 2: higher compliance score than Beta (92 vs 78)."],
      ["Beta", 2, "Ranked 2nd of 2, after Acme: lower compliance score (78 vs 92)."],
    ]);
  });

  it("then by the longest wait since the last offer, never offered first", () => {
    const r = evaluateCandidates(
      lead,
      [
        partner("Recent", { lastOfferedAt: new Date("2025-06-29T00:00:00.000Z") }),
        partner("Never", { lastOfferedAt: null }),
        partner("Older", { lastOfferedAt: new Date("2025-06-01T00:00:00.000Z") }),
      ],
      now,
    );
    expect(r.candidates.map((c) => c.partnerId)).toEqual(["Never", "Older", "Recent"]);
    expect(r.candidates[0].rankReason).toBe(
      "Ranked 1st of 3: waited longer than Older (never offered a lead; Older last offered 2025-06-01T00:00:00.000Z).",
    );
    expect(r.candidates[2].rankReason).toBe(
      "Ranked 3rd of 3, after Older: Older waited longer (last offered 2025-06-01T00:00:00.000Z; this partner last offered 2025-06-29T00:00:00.000Z).",
    );
  });

  it("then by the lightest open load, then by name", () => {
    const r = evaluateCandidates(
      lead,
      [partner("Busy", { openLoad: 3 }), partner("Zed", { openLoad: 1 }), partner("Ann", { openLoad: 1 })],
      now,
    );
    expect(r.candidates.map((c) => c.partnerId)).toEqual(["Ann", "Zed", "Busy"]);
    expect(r.candidates.map((c) => c.rankReason)).toEqual([
      "Ranked 1st of 3: tied with Zed; first by name.",
      "Ranked 2nd of 3, after Ann: tied on standing, score, wait and load; ordered by name.",
      "Ranked 3rd of 3, after Zed: more open leads (3 vs 1).",
    ]);
  });

  it("explains a lone eligible partner and lists excluded ones after the ranked ones", () => {
    const r = evaluateCandidates(lead, [partner("Out", { standing: "withheld" }), partner("Solo")], now);
    expect(r.chosen).toBe("Solo");
    expect(r.candidates.map((c) => [c.partnerId, c.rank])).toEqual([
      ["Solo", 1],
      ["Out", null],
    ]);
    expect(r.candidates[0].rankReason).toBe("Ranked 1st of 1: the only eligible partner.");
  });

  it("chooses nobody from an empty list", () => {
    expect(evaluateCandidates(lead, [], now)).toEqual({ chosen: null, candidates: [] });
  });

  it("always chooses the rank-1 partner, who passes every non-overridable check (property)", () => {
    const anyPartner = fc.record({
      id: fc.uuid(),
      name: fc.constantFrom("Acme", "Beta", "Core", "Delta"),
      active: fc.boolean(),
      standing: fc.constantFrom("good", "warning", "withheld", "probation" as const),
      score: fc.integer({ min: 0, max: 100 }),
      territories: fc.subarray(["US", "US-CA", "US-NY", "DE", "CA"]),
      verticals: fc.subarray(["software", "retail"]),
      capacity: fc.integer({ min: 0, max: 5 }),
      openLoad: fc.integer({ min: 0, max: 6 }),
      pausedUntil: fc.option(fc.integer({ min: -5, max: 5 }).map((d) => new Date(now.getTime() + d))),
      lastOfferedAt: fc.option(fc.integer({ min: 1, max: 1e9 }).map((d) => new Date(now.getTime() - d))),
      alreadyOffered: fc.boolean(),
    });
    const anyLead = fc.record({
      territory: fc.constantFrom("US", "US-CA", "DE-BY", "FR"),
      vertical: fc.option(fc.constantFrom("software", "retail")),
    });
    fc.assert(
      fc.property(
        anyLead,
        fc.array(anyPartner, { maxLength: 8 }),
        fc.subarray([...OVERRIDABLE_EXCLUSIONS]),
        (l, ps, override) => {
          const r = evaluateCandidates(l, ps, now, { override });
          expect(r.candidates).toHaveLength(ps.length);
          const eligible = r.candidates.filter((c) => c.eligible);
          expect(eligible.map((c) => c.rank)).toEqual(eligible.map((_, i) => i + 1));
          if (eligible.length === 0) {
            expect(r.chosen).toBeNull();
            return;
          }
          expect(r.chosen).toBe(eligible[0].partnerId);
          const p = ps.find((x) => x.id === r.chosen)!;
          expect(p.active && p.standing !== "withheld" && !p.alreadyOffered).toBe(true);
          if (p.standing === "probation") expect(p.openLoad).toBeLessThan(2);
          // Nobody ranks ahead of the chosen one on standing or score.
          for (const c of eligible) {
            const q = ps.find((x) => x.id === c.partnerId)!;
            if (p.standing === "probation") expect(q.standing).toBe("probation");
            else if (q.standing !== "probation") expect(q.score).toBeLessThanOrEqual(p.score);
          }
        },
      ),
      { numRuns: FUZZ_RUNS },
    );
  });
});

describe("a batch routed in turn", () => {
  const leads = ["l1", "l2", "l3", "l4", "l5"].map((id) => ({ id, ...lead }));
  const batch = (...ps: CandidatePartner[]) => ps.map((p) => ({ partner: p, offeredLeadIds: new Set<string>() }));

  it("counts each offer before the next lead: spreads by wait, stops at capacity", () => {
    const partners = batch(partner("a", { capacity: 2 }), partner("b", { capacity: 2, lastOfferedAt: null }));
    const turns = routeInTurn(leads, partners, now);
    // Offered at the same instant, a and b then tie on wait and load: by name.
    expect(turns.map((t) => t.decision.chosen)).toEqual(["b", "a", "a", "b", null]);
    expect(codesOf(turns[4].decision, "a")).toEqual(["capacity"]);
    expect(turns[1].decision.candidates[0].rankReason).toContain("waited longer");
    // The reading it was given is left as it was.
    expect(partners.map((p) => p.partner.openLoad)).toEqual([0, 0]);
  });

  it("passes over a partner only for the leads it was already offered", () => {
    const [a, b] = batch(partner("a"), partner("b", { score: 80 }));
    const turns = routeInTurn(leads.slice(0, 2), [{ ...a, offeredLeadIds: new Set(["l1"]) }, b], now);
    expect(turns.map((t) => t.decision.chosen)).toEqual(["b", "a"]);
    expect(codesOf(turns[0].decision, "a")).toEqual(["already_offered"]);
  });

  it("holds a probation partner to its open cap", () => {
    const turns = routeInTurn(leads, batch(partner("p", { standing: "probation", capacity: 10 })), now);
    expect(turns.map((t) => t.decision.chosen)).toEqual(["p", "p", null, null, null]);
  });
});

describe("couldTake", () => {
  it("is true for a partner kept out only by its load, false for anything an offer cannot change", () => {
    expect(couldTake(lead, partner("full", { capacity: 3, openLoad: 3 }), now)).toBe(true);
    expect(couldTake(lead, partner("capped", { standing: "probation", openLoad: 5 }), now)).toBe(true);
    expect(couldTake(lead, partner("w", { standing: "withheld" }), now)).toBe(false);
    expect(couldTake(lead, partner("t", { territories: ["DE"] }), now)).toBe(false);
    expect(couldTake(lead, partner("z", { capacity: 0 }), now)).toBe(false);
    expect(couldTake(lead, partner("p", { pausedUntil: new Date(now.getTime() + 1) }), now)).toBe(false);
  });
});
