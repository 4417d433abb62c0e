import { describe, it, expect } from "vitest";
import {
  ruleMatches,
  scoreLead,
  validateScoringConfig,
  type LeadFacts,
  type ScoringConfig,
  type ScoringRule,
} from "./lead-scoring";
import { DEFAULT_SCORING_RULES, DEFAULT_SCORING_THRESHOLD } from "../../db/migrations/0002-sla-engine";

/** The defaults migration 0002 installs (the reference data the portal starts with). */
const DEFAULT_SCORING: ScoringConfig = {
  threshold: DEFAULT_SCORING_THRESHOLD,
  rules: DEFAULT_SCORING_RULES as ScoringRule[],
};

const rule = (criterion: ScoringRule["criterion"], match: ScoringRule["match"], points = 10): ScoringRule => ({
  id: `${criterion}-rule`,
  criterion,
  match,
  points,
});
const matches = (r: ScoringRule, facts: LeadFacts) => ruleMatches(r, facts);

describe("title", () => {
  const senior = rule("title", { anyOf: ["director", "VP", "head", "cto", "vice president"] });

  it("matches a keyword at the start of a word, in any case", () => {
    expect(matches(senior, { title: "Sales Director" })).toBe(true);
    expect(matches(senior, { title: "vp of sales" })).toBe(true);
    expect(matches(senior, { title: "Head of IT" })).toBe(true);
    expect(matches(senior, { title: "Group CTO" })).toBe(true);
    expect(matches(senior, { title: "Senior Vice President" })).toBe(true);
    expect(matches(senior, { title: "Co-Head, Partnerships" })).toBe(true);
  });

  it("does not match a keyword buried inside another word", () => {
    expect(matches(senior, { title: "Contractor" })).toBe(false); // contains "cto"
    expect(matches(senior, { title: "SVP Sales" })).toBe(false);
  });

  it("does not match a missing or blank title", () => {
    expect(matches(senior, {})).toBe(false);
    expect(matches(senior, { title: "   " })).toBe(false);
    expect(matches(senior, { title: null })).toBe(false);
  });
});

describe("numeric ranges (company size, engagement)", () => {
  const size = rule("company_size", { min: 50, max: 5000 });

  it("includes both bounds", () => {
    expect(matches(size, { companySize: 49 })).toBe(false);
    expect(matches(size, { companySize: 50 })).toBe(true);
    expect(matches(size, { companySize: 5000 })).toBe(true);
    expect(matches(size, { companySize: 5001 })).toBe(false);
    expect(matches(size, {})).toBe(false);
    expect(matches(size, { companySize: Number.NaN })).toBe(false);
  });

  it("allows an open-ended bound", () => {
    const engaged = rule("engagement", { min: 3 });
    expect(matches(engaged, { engagement: 2 })).toBe(false);
    expect(matches(engaged, { engagement: 3 })).toBe(true);
    expect(matches(engaged, { engagement: 300 })).toBe(true);
    expect(matches(rule("engagement", { max: 0 }), { engagement: 0 })).toBe(true);
  });
});

describe("vertical and timeline: exact value, any case", () => {
  it("matches whole values only", () => {
    const v = rule("vertical", { anyOf: ["software", "healthcare"] });
    expect(matches(v, { vertical: "Software" })).toBe(true);
    expect(matches(v, { vertical: " healthcare " })).toBe(true);
    expect(matches(v, { vertical: "software services" })).toBe(false);
    const t = rule("timeline", { anyOf: ["0-3 months", "3-6 months"] });
    expect(matches(t, { timeline: "3-6 Months" })).toBe(true);
    expect(matches(t, { timeline: "6-12 months" })).toBe(false);
  });
});

describe("geography: routing's territory coverage", () => {
  const geo = rule("geography", { anyOf: ["US", "GB-SCT"] });
  it("a country covers its subdivisions, a subdivision only itself", () => {
    expect(matches(geo, { territory: "US" })).toBe(true);
    expect(matches(geo, { territory: "us-ca" })).toBe(true);
    expect(matches(geo, { territory: "GB-SCT" })).toBe(true);
    expect(matches(geo, { territory: "GB" })).toBe(false);
    expect(matches(geo, { territory: "DE" })).toBe(false);
  });
});

describe("interest", () => {
  it("with no keywords, any stated interest matches", () => {
    const stated = rule("interest", {});
    expect(matches(stated, { interest: "Pricing for 200 seats" })).toBe(true);
    expect(matches(stated, { interest: "  " })).toBe(false);
    expect(matches(stated, {})).toBe(false);
  });

  it("with keywords, one of them must be stated", () => {
    const demo = rule("interest", { anyOf: ["demo", "pricing"] });
    expect(matches(demo, { interest: "Requested a demo" })).toBe(true);
    expect(matches(demo, { interest: "Downloaded the whitepaper" })).toBe(false);
  });
});

describe("scoreLead", () => {
  it("sums the points of matched rules and lists every rule", () => {
    const facts: LeadFacts = {
      title: "IT Director",
      companySize: 400,
      vertical: "manufacturing",
      territory: "DE-BY",
      engagement: 1,
      interest: "Wants a quote",
      timeline: "6-12 months",
    };
    expect(scoreLead(facts, DEFAULT_SCORING)).toEqual({
      score: 70,
      kind: "lead",
      breakdown: [
        { ruleId: "title-senior", criterion: "title", points: 20, matched: true },
        { ruleId: "title-manager", criterion: "title", points: 0, matched: false },
        { ruleId: "size-fit", criterion: "company_size", points: 15, matched: true },
        { ruleId: "vertical-target", criterion: "vertical", points: 15, matched: true },
        { ruleId: "geo-target", criterion: "geography", points: 10, matched: true },
        { ruleId: "engaged", criterion: "engagement", points: 0, matched: false },
        { ruleId: "interest-stated", criterion: "interest", points: 10, matched: true },
        { ruleId: "timeline-near", criterion: "timeline", points: 0, matched: false },
      ],
    });
  });

  it("is a lead at exactly the threshold and an inquiry 1 point below", () => {
    const config: ScoringConfig = {
      threshold: 40,
      rules: [
        rule("title", { anyOf: ["manager"] }, 30),
        { ...rule("interest", {}, 10), id: "i" },
        { ...rule("engagement", { min: 1 }, 9), id: "e" },
      ],
    };
    expect(scoreLead({ title: "Manager", interest: "yes" }, config)).toMatchObject({ score: 40, kind: "lead" });
    expect(scoreLead({ title: "Manager", engagement: 5 }, config)).toMatchObject({ score: 39, kind: "inquiry" });
  });

  it("treats an empty record as an inquiry with 0 points", () => {
    expect(scoreLead({}, DEFAULT_SCORING)).toMatchObject({ score: 0, kind: "inquiry" });
  });

  it("allows negative points from a manager's rule", () => {
    const config: ScoringConfig = {
      threshold: 10,
      rules: [rule("title", { anyOf: ["student"] }, -20), { ...rule("interest", {}, 25), id: "i" }],
    };
    expect(scoreLead({ title: "Student", interest: "free trial" }, config)).toMatchObject({
      score: 5,
      kind: "inquiry",
    });
  });

  it("has no budget, authority or readiness criterion", () => {
    const criteria = new Set(DEFAULT_SCORING.rules.map((r) => r.criterion));
    expect([...criteria].sort()).toEqual([
      "company_size",
      "engagement",
      "geography",
      "interest",
      "timeline",
      "title",
      "vertical",
    ]);
  });
});

describe("validateScoringConfig", () => {
  it("accepts the defaults", () => {
    expect(validateScoringConfig(DEFAULT_SCORING)).toEqual([]);
  });

  it("names each problem", () => {
    const config = {
      threshold: -1,
      rules: [
        { id: "", criterion: "title", match: { anyOf: ["vp"] }, points: 5 },
        { id: "a", criterion: "title", match: { anyOf: [" "] }, points: 5 },
        { id: "a", criterion: "budget", match: {}, points: 5 },
        { id: "size", criterion: "company_size", match: { min: 10, max: 5 }, points: 2.5 },
        { id: "eng", criterion: "engagement", match: {}, points: 5 },
      ],
    } as unknown as ScoringConfig;
    expect(validateScoringConfig(config)).toEqual([
      "The threshold must be a whole number of points, 0 or more.",
      "Rule 1 needs an id.",
      "Rule “a” needs at least one value to match.",
      "Rule “a” appears more than once.",
      "Rule “a” has an unknown criterion.",
      "Rule “size” must give a whole number of points.",
      "Rule “size” has a minimum above its maximum.",
      "Rule “eng” needs a minimum, a maximum or both.",
    ]);
  });
});
