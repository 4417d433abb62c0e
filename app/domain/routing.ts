/**
 * Routing: which partners may receive a lead, and in what order. Every partner is evaluated
 * and every exclusion and ranking is explained, because the decision is stored so that
 * "why did they get it and not us" always has an answer.
 *
 * Eligible: active, not withheld, never offered this lead, within the probation cap, covering
 * the lead's territory and vertical, below capacity, not paused. A manager's manual offer may
 * override territory, vertical, capacity and pause; never a withhold, a repeat offer, the
 * probation cap or an inactive partner.
 * Rank: good and warning before probation, then score (high first), then the longest wait
 * since the last offer (never offered first), then the lightest open load, then name.
 */
import { PROBATION_OPEN_CAP, type StandingLevel } from "./enforcement";

export interface CandidatePartner {
  id: string;
  name: string;
  active: boolean;
  standing: StandingLevel;
  score: number;
  territories: string[];
  verticals: string[];
  capacity: number;
  /** Open offers plus accepted leads without an outcome. */
  openLoad: number;
  pausedUntil: Date | null;
  lastOfferedAt: Date | null;
  alreadyOffered: boolean;
}

export type ExclusionCode =
  "inactive" | "withheld" | "already_offered" | "probation_cap" | "territory" | "vertical" | "capacity" | "paused";
export type OverridableExclusion = "territory" | "vertical" | "capacity" | "paused";
export const OVERRIDABLE_EXCLUSIONS: readonly OverridableExclusion[] = ["territory", "vertical", "capacity", "paused"];

export interface Exclusion {
  code: ExclusionCode;
  reason: string;
}

export interface CandidateEvaluation {
  partnerId: string;
  partnerName: string;
  eligible: boolean;
  excludedFor: Exclusion[];
  /** Exclusions a manager's manual offer set aside (kept for the record). */
  overridden: Exclusion[];
  /** 1 = first choice; null when not eligible. */
  rank: number | null;
  rankReason: string;
}

export interface RoutingDecision {
  chosen: string | null;
  /** Eligible partners in rank order, then the excluded ones by name. */
  candidates: CandidateEvaluation[];
}

export interface RoutedLead {
  territory: string;
  vertical: string | null;
}

const norm = (s: string) => s.trim().toUpperCase();

/**
 * ISO 3166 coverage: a country code covers itself and all its subdivisions (`US` covers
 * `US-CA`); a subdivision covers only itself (`US-CA` does not cover a lead in plain `US`).
 */
export function territoryCovers(partnerCode: string, leadCode: string): boolean {
  const p = norm(partnerCode);
  const l = norm(leadCode);
  if (p === "" || l === "") return false;
  return p === l || (!p.includes("-") && l.startsWith(`${p}-`));
}

/** A lead without a vertical fits any partner. */
export function verticalFits(partnerVerticals: string[], leadVertical: string | null): boolean {
  if (leadVertical === null || leadVertical.trim() === "") return true;
  return partnerVerticals.some((v) => norm(v) === norm(leadVertical));
}

function exclusionsOf(lead: RoutedLead, p: CandidatePartner, now: Date): Exclusion[] {
  const out: Exclusion[] = [];
  const add = (code: ExclusionCode, reason: string) => out.push({ code, reason });

  if (!p.active) add("inactive", "The partner is not active.");
  if (p.standing === "withheld")
    add("withheld", "The partner is withheld for not keeping the lead rules: no new leads.");
  if (p.alreadyOffered) add("already_offered", "This lead was already offered to the partner.");
  if (p.standing === "probation" && p.openLoad >= PROBATION_OPEN_CAP) {
    add("probation_cap", `On probation and already holding ${p.openLoad} open leads (at most ${PROBATION_OPEN_CAP}).`);
  }
  if (!p.territories.some((t) => territoryCovers(t, lead.territory))) {
    const covers = p.territories.length ? p.territories.join(", ") : "no territory";
    add("territory", `Does not cover the lead's territory ${lead.territory} (covers ${covers}).`);
  }
  if (!verticalFits(p.verticals, lead.vertical))
    add("vertical", `Does not serve the lead's vertical ${lead.vertical}.`);
  if (p.openLoad >= p.capacity) add("capacity", `At capacity: ${p.openLoad} open of ${p.capacity}.`);
  if (p.pausedUntil && p.pausedUntil.getTime() > now.getTime()) {
    add("paused", `Paused until ${p.pausedUntil.toISOString()}.`);
  }
  return out;
}

// ---------------------------------------------------------------- ranking

type Criterion = "standing" | "score" | "wait" | "load" | "name";
const standingGroup = (p: CandidatePartner) => (p.standing === "probation" ? 1 : 0);
/** Never offered sorts first: it has waited longest. */
const lastOffered = (p: CandidatePartner) => (p.lastOfferedAt ? p.lastOfferedAt.getTime() : Number.NEGATIVE_INFINITY);
const cmp = <T extends number | string>(a: T, b: T) => (a < b ? -1 : a > b ? 1 : 0);

/** Negative when a ranks before b, with the criterion that decided. */
function compare(a: CandidatePartner, b: CandidatePartner): { order: number; by: Criterion } {
  const steps: [Criterion, number][] = [
    ["standing", standingGroup(a) - standingGroup(b)],
    ["score", b.score - a.score],
    ["wait", cmp(lastOffered(a), lastOffered(b))],
    ["load", a.openLoad - b.openLoad],
    ["name", cmp(a.name, b.name) || cmp(a.id, b.id)],
  ];
  for (const [by, order] of steps) if (order !== 0) return { order, by };
  return { order: 0, by: "name" };
}

const lastOfferWords = (p: CandidatePartner) =>
  p.lastOfferedAt ? `last offered ${p.lastOfferedAt.toISOString()}` : "never offered a lead";

/** Why `winner` ranks ahead of `loser`, from the winner's side or the loser's. */
function explain(winner: CandidatePartner, loser: CandidatePartner, from: "winner" | "loser"): string {
  const { by } = compare(winner, loser);
  const w = from === "winner";
  switch (by) {
    case "standing":
      return w
        ? `in good standing while ${loser.name} is on probation`
        : "on probation, so ranked after partners in good standing";
    case "score":
      return w
        ? `higher compliance score than ${loser.name} (${winner.score} vs ${loser.score})`
        : `lower compliance score (${loser.score} vs ${winner.score})`;
    case "wait":
      return w
        ? `waited longer than ${loser.name} (${lastOfferWords(winner)}; ${loser.name} ${lastOfferWords(loser)})`
        : `${winner.name} waited longer (${lastOfferWords(winner)}; this partner ${lastOfferWords(loser)})`;
    case "load":
      return w
        ? `fewer open leads than ${loser.name} (${winner.openLoad} vs ${loser.openLoad})`
        : `more open leads (${loser.openLoad} vs ${winner.openLoad})`;
    case "name":
      return w ? `tied with ${loser.name}; first by name` : "tied on standing, score, wait and load; ordered by name";
  }
}

const ordinal = (n: number) => {
  const tens = n % 100;
  const suffix =
    tens >= 11 && tens <= 13 ? "th" : (({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th");
  return `${n}${suffix}`;
};

export function rankCandidates(eligible: CandidatePartner[]): CandidatePartner[] {
  return [...eligible].sort((a, b) => compare(a, b).order);
}

export function evaluateCandidates(
  lead: RoutedLead,
  partners: CandidatePartner[],
  now: Date,
  opts: { override?: OverridableExclusion[] } = {},
): RoutingDecision {
  const overridable = new Set<ExclusionCode>((opts.override ?? []).filter((c) => OVERRIDABLE_EXCLUSIONS.includes(c)));

  const evaluated = partners.map((p) => {
    const all = exclusionsOf(lead, p, now);
    return {
      partner: p,
      excludedFor: all.filter((e) => !overridable.has(e.code)),
      overridden: all.filter((e) => overridable.has(e.code)),
    };
  });

  const ranked = rankCandidates(evaluated.filter((e) => e.excludedFor.length === 0).map((e) => e.partner));
  const n = ranked.length;
  const rankedEvaluations: CandidateEvaluation[] = ranked.map((p, i) => {
    const e = evaluated.find((x) => x.partner === p)!;
    const head = `Ranked ${ordinal(i + 1)} of ${n}`;
    const rankReason =
      i === 0
        ? n === 1
          ? `${head}: the only eligible partner.`
          : `${head}: ${explain(p, ranked[1], "winner")}.`
        : `${head}, after ${ranked[i - 1].name}: ${explain(ranked[i - 1], p, "loser")}.`;
    return {
      partnerId: p.id,
      partnerName: p.name,
      eligible: true,
      excludedFor: [],
      overridden: e.overridden,
      rank: i + 1,
      rankReason,
    };
  });

  const excluded: CandidateEvaluation[] = evaluated
    .filter((e) => e.excludedFor.length > 0)
    .sort((a, b) => cmp(a.partner.name, b.partner.name) || cmp(a.partner.id, b.partner.id))
    .map((e) => ({
      partnerId: e.partner.id,
      partnerName: e.partner.name,
      eligible: false,
      excludedFor: e.excludedFor,
      overridden: e.overridden,
      rank: null,
      rankReason: `Not eligible: ${e.excludedFor.map((x) => x.reason).join(" ")}`,
    }));

  return { chosen: ranked[0]?.id ?? null, candidates: [...rankedEvaluations, ...excluded] };
}

/**
 * A manager's manual offer to one partner: allowed when nothing but the overridden checks
 * stands in the way. The overridden exclusions are returned for the audit record (with the
 * manager's reason, which the service requires whenever this list is not empty).
 */
export function checkManualOffer(
  lead: RoutedLead,
  partner: CandidatePartner,
  now: Date,
  override: OverridableExclusion[] = [],
): { ok: true; overridden: Exclusion[] } | { ok: false; reason: string; excludedFor: Exclusion[] } {
  const [c] = evaluateCandidates(lead, [partner], now, { override }).candidates;
  if (c.eligible) return { ok: true, overridden: c.overridden };
  return { ok: false, reason: c.excludedFor.map((e) => e.reason).join(" "), excludedFor: c.excludedFor };
}

/**
 * Whether the partner could take the lead if it had room: what makes it worth locking before a
 * batch re-reads its load under the lock.
 */
export function couldTake(lead: RoutedLead, partner: CandidatePartner, now: Date): boolean {
  return exclusionsOf(lead, { ...partner, openLoad: 0 }, now).length === 0;
}

/** A partner as a batch reads it: once, with which of the batch's leads it was already offered. */
export interface BatchPartner {
  partner: CandidatePartner;
  offeredLeadIds: ReadonlySet<string>;
}

/**
 * Routes leads in turn over one reading of the partners, exactly as one routing after another
 * would: each offer counts against the chosen partner's load and makes it the one offered last
 * before the next lead is ranked.
 */
export function routeInTurn<L extends RoutedLead & { id: string }>(
  leads: L[],
  partners: BatchPartner[],
  now: Date,
): { lead: L; decision: RoutingDecision }[] {
  const current = partners.map((p) => ({ ...p.partner }));
  return leads.map((lead) => {
    const decision = evaluateCandidates(
      lead,
      current.map((p, i) => ({ ...p, alreadyOffered: partners[i].offeredLeadIds.has(lead.id) })),
      now,
    );
    const chosen = current.find((p) => p.id === decision.chosen);
    if (chosen) {
      chosen.openLoad += 1;
      chosen.lastOfferedAt = now;
    }
    return { lead, decision };
  });
}
