/**
 * The compliance score: 0–100 over a trailing window, read from obligations only. The window
 * and the weights are the policy's (defaults: 90 days; acceptance 30, first touch 30, updates
 * 20, outcomes 20), read from the version in force.
 *
 * - An obligation counts when it has settled inside (now − window, now]: its settle time is
 *   metAt when met or met late, otherwise its due time. So an obligation not yet due does not
 *   count, one past due and still open counts as a miss (the sweep is about to mark it), and
 *   misses fall out of the window when the window has passed since their due.
 * - Excused and cancelled obligations never count.
 * - Each component is (on time + ½·late) / counted.
 * - A component with nothing counted is left out and its weight is shared among the components
 *   that have something counted, in proportion to their weights (so a new partner is not
 *   punished for, say, having no outcome due yet). Each component reports the weight it
 *   really carries (`effectiveWeight`, summing to 100) and the points it earns; the points
 *   sum to the score before rounding. With nothing counted at all the score is 100.
 * - Fewer than 5 counted obligations: provisional (enforcement ignores a provisional score).
 * - A fresh start (`countFrom`, set when a partner earns its way from probation back to good
 *   standing) narrows the window: only what settled after it counts, so misses the partner
 *   already worked off cannot withhold it again (ADR 006). They stay in its history.
 */
import type { ObligationKind, ObligationView } from "./obligations";
import type { Policy } from "./policy";

export type ScoredObligation = ObligationView;
export type ScoreRules = Pick<Policy, "scoreWindowDays" | "scoreWeights">;

export const PROVISIONAL_BELOW_COUNTED = 5;
const DAY_MS = 86_400_000;

export const SCORE_COMPONENTS: readonly { kind: ObligationKind; label: string }[] = [
  { kind: "accept", label: "Acceptance" },
  { kind: "first_touch", label: "First touch" },
  { kind: "update", label: "Updates" },
  { kind: "outcome", label: "Outcomes" },
];

export interface ScoreComponent {
  kind: ObligationKind;
  label: string;
  /** Obligations of this kind settled in the window (on time + late + missed). */
  counted: number;
  onTime: number;
  late: number;
  /** Missed, including past-due ones still open. */
  missed: number;
  /** Excused in the window: shown, never counted. */
  excused: number;
  /** The policy's weight. */
  weight: number;
  /** The share of 100 it carries after weights of empty components are shared out; 0 when nothing counted. */
  effectiveWeight: number;
  /** 0–1, or null when nothing of this kind counted. */
  value: number | null;
  /** effectiveWeight × value. */
  points: number;
}

export interface ScoreResult {
  score: number;
  provisional: boolean;
  counted: number;
  windowDays: number;
  /** The fresh start the count begins after, when it is later than the window's start; else null. */
  countedFrom: Date | null;
  components: ScoreComponent[];
  /** How weights were shared out this time, in plain words; null when every component counted. */
  reweighting: string | null;
}

/** The instant an obligation settled (or will have settled, for an open one). */
export function settledAt(ob: Pick<ObligationView, "state" | "dueAt" | "metAt">): Date {
  return (ob.state === "met" || ob.state === "met_late") && ob.metAt ? ob.metAt : ob.dueAt;
}

function inWindow(ob: ScoredObligation, now: Date, windowDays: number): boolean {
  const t = settledAt(ob).getTime();
  return t > now.getTime() - windowDays * DAY_MS && t <= now.getTime();
}

export function countsInScore(ob: ScoredObligation, now: Date, windowDays: number): boolean {
  return ob.state !== "excused" && ob.state !== "cancelled" && inWindow(ob, now, windowDays);
}

const listWords = (words: string[]) =>
  words.length <= 1 ? words.join("") : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;

export function computeScore(
  obligations: ScoredObligation[],
  now: Date,
  rules: ScoreRules,
  countFrom: Date | null = null,
): ScoreResult {
  const windowDays = rules.scoreWindowDays;
  const countedFrom = countFrom && countFrom.getTime() > now.getTime() - windowDays * DAY_MS ? countFrom : null;
  const afterStart = (ob: ScoredObligation) => !countedFrom || settledAt(ob).getTime() > countedFrom.getTime();
  const counted = obligations.filter((ob) => countsInScore(ob, now, windowDays) && afterStart(ob));
  const excused = obligations.filter((ob) => ob.state === "excused" && inWindow(ob, now, windowDays) && afterStart(ob));

  const tallies = SCORE_COMPONENTS.map(({ kind, label }) => {
    const mine = counted.filter((ob) => ob.kind === kind);
    const onTime = mine.filter((ob) => ob.state === "met").length;
    const late = mine.filter((ob) => ob.state === "met_late").length;
    const n = mine.length;
    const value = n === 0 ? null : (onTime + 0.5 * late) / n;
    return {
      kind,
      label,
      counted: n,
      onTime,
      late,
      missed: n - onTime - late,
      weight: rules.scoreWeights[kind],
      value,
    };
  });

  const totalWeight = tallies.reduce((sum, c) => sum + (c.value === null ? 0 : c.weight), 0);
  const components = tallies.map((c): ScoreComponent => {
    const effectiveWeight = c.value === null || totalWeight === 0 ? 0 : (100 * c.weight) / totalWeight;
    return {
      ...c,
      excused: excused.filter((ob) => ob.kind === c.kind).length,
      effectiveWeight,
      points: effectiveWeight * (c.value ?? 0),
    };
  });
  const points = components.reduce((sum, c) => sum + c.points, 0);
  // The epsilon keeps an exact half (e.g. 79.5) from rounding down through float error.
  const score = totalWeight === 0 ? 100 : Math.round(points + 1e-9);

  const empty = components.filter((c) => c.value === null && c.weight > 0).map((c) => c.label);
  const shared = components.filter((c) => c.value !== null && c.weight > 0).map((c) => c.label);
  const reweighting =
    empty.length === 0
      ? null
      : shared.length === 0
        ? "Nothing counts yet in the window: the score starts at 100."
        : `Nothing counted yet for ${listWords(empty)}: ${empty.length === 1 ? "its weight is" : "their weights are"} shared among ${listWords(shared)} in proportion to their weights.`;

  return {
    score,
    provisional: counted.length < PROVISIONAL_BELOW_COUNTED,
    counted: counted.length,
    windowDays,
    countedFrom,
    components,
    reweighting,
  };
}
