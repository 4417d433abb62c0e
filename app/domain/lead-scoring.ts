/**
 * Lead scoring: points, not gatekeeping. Below the threshold a record is an inquiry
 * (someone who asked for something free): kept, promotable, not distributed by default.
 * Rules and threshold are data that channel managers edit.
 *
 * Budget, authority and readiness to buy are deliberately not criteria: asking for them
 * before the prospect has a reason to buy turns good leads bad, so they earn no points.
 */
import { territoryCovers } from "./routing";

export const SCORING_CRITERIA = [
  "title",
  "company_size",
  "vertical",
  "geography",
  "engagement",
  "interest",
  "timeline",
] as const;
export type ScoringCriterion = (typeof SCORING_CRITERIA)[number];

/** Criteria scored by a number range; the others by words. */
const NUMERIC: readonly ScoringCriterion[] = ["company_size", "engagement"];

export interface ScoringRule {
  id: string;
  criterion: ScoringCriterion;
  match: {
    /**
     * title, interest: keywords found at the start of a word, any case ("cto" matches
     * "CTO" but not "Contractor"); vertical, timeline: the exact value, any case;
     * geography: territory codes with routing's coverage (`US` matches `US-CA`).
     * Absent on interest: any stated interest matches.
     */
    anyOf?: string[];
    /** company_size, engagement: inclusive bounds. */
    min?: number;
    max?: number;
  };
  points: number;
}

export interface ScoringConfig {
  threshold: number;
  rules: ScoringRule[];
}

export interface LeadFacts {
  title?: string | null;
  companySize?: number | null;
  vertical?: string | null;
  territory?: string | null;
  /** Campaign activities (opens, clicks, visits, event sign-ups). */
  engagement?: number | null;
  interest?: string | null;
  timeline?: string | null;
}

export interface LeadScore {
  score: number;
  kind: "lead" | "inquiry";
  /** One row per rule; points are the points awarded (0 when not matched). */
  breakdown: { ruleId: string; criterion: ScoringCriterion; points: number; matched: boolean }[];
}

const clean = (s: string | null | undefined) => (s ?? "").trim().toLowerCase();
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A keyword at the start of a word: word characters are letters and digits of any script. */
function hasKeyword(text: string, keyword: string): boolean {
  const k = clean(keyword);
  return k !== "" && new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(k)}`, "u").test(clean(text));
}

function textOf(facts: LeadFacts, criterion: ScoringCriterion): string {
  switch (criterion) {
    case "title":
      return clean(facts.title);
    case "vertical":
      return clean(facts.vertical);
    case "geography":
      return clean(facts.territory);
    case "interest":
      return clean(facts.interest);
    case "timeline":
      return clean(facts.timeline);
    default:
      return "";
  }
}

export function ruleMatches(rule: ScoringRule, facts: LeadFacts): boolean {
  const { anyOf, min, max } = rule.match;
  if (NUMERIC.includes(rule.criterion)) {
    const n = rule.criterion === "company_size" ? facts.companySize : facts.engagement;
    if (n === null || n === undefined || !Number.isFinite(n)) return false;
    return (min === undefined || n >= min) && (max === undefined || n <= max);
  }
  const text = textOf(facts, rule.criterion);
  if (text === "") return false;
  if (!anyOf || anyOf.length === 0) return rule.criterion === "interest"; // stated interest: any
  switch (rule.criterion) {
    case "title":
    case "interest":
      return anyOf.some((k) => hasKeyword(text, k));
    case "geography":
      return anyOf.some((code) => territoryCovers(code, text));
    default:
      return anyOf.some((v) => clean(v) === text);
  }
}

export function scoreLead(facts: LeadFacts, config: ScoringConfig): LeadScore {
  const breakdown = config.rules.map((rule) => {
    const matched = ruleMatches(rule, facts);
    return { ruleId: rule.id, criterion: rule.criterion, points: matched ? rule.points : 0, matched };
  });
  const score = breakdown.reduce((sum, b) => sum + b.points, 0);
  return { score, kind: score >= config.threshold ? "lead" : "inquiry", breakdown };
}

/** Problems with a scoring configuration a manager is about to save; empty when it is fine. */
export function validateScoringConfig(config: ScoringConfig): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(config.threshold) || config.threshold < 0) {
    problems.push("The threshold must be a whole number of points, 0 or more.");
  }
  const seen = new Set<string>();
  config.rules.forEach((rule, i) => {
    const name = rule.id?.trim() ? `Rule “${rule.id}”` : `Rule ${i + 1}`;
    if (!rule.id?.trim()) problems.push(`${name} needs an id.`);
    else if (seen.has(rule.id)) problems.push(`${name} appears more than once.`);
    seen.add(rule.id);
    if (!SCORING_CRITERIA.includes(rule.criterion)) {
      problems.push(`${name} has an unknown criterion.`);
      return;
    }
    if (!Number.isInteger(rule.points)) problems.push(`${name} must give a whole number of points.`);
    const { anyOf, min, max } = rule.match ?? {};
    if (NUMERIC.includes(rule.criterion)) {
      const bad = (v: number | undefined) => v !== undefined && !Number.isFinite(v);
      if (min === undefined && max === undefined) problems.push(`${name} needs a minimum, a maximum or both.`);
      if (bad(min) || bad(max)) problems.push(`${name} has a bound that is not a number.`);
      if (min !== undefined && max !== undefined && min > max)
        problems.push(`${name} has a minimum above its maximum.`);
    } else if (rule.criterion !== "interest" && (!anyOf || anyOf.filter((v) => v.trim()).length === 0)) {
      problems.push(`${name} needs at least one value to match.`);
    }
  });
  return problems;
}
