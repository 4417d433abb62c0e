/**
 * The compliance score: 0–100 over a trailing 90-day window, read from obligations only.
 *
 * - An obligation counts when it has settled inside (now − 90 days, now]: its settle time is
 *   metAt when met or met late, otherwise its due time. So an obligation not yet due does not
 *   count, one past due and still open counts as a miss (the sweep is about to mark it), and
 *   misses fall out of the window 90 days after their due.
 * - Excused and cancelled obligations never count.
 * - Each component is (met + ½·met late) / counted; weights 30/30/20/20 are re-normalised over
 *   the components that have anything counted, so a new partner is not punished for, say,
 *   having no outcome due yet.
 * - Fewer than 5 counted obligations: provisional (enforcement ignores a provisional score).
 */
import type { ObligationKind, ObligationView } from "./obligations";

export type ScoredObligation = ObligationView;

export const SCORE_WINDOW_DAYS = 90;
export const PROVISIONAL_BELOW_COUNTED = 5;
const DAY_MS = 86_400_000;

export const SCORE_COMPONENTS: readonly { kind: ObligationKind; label: string; weight: number }[] = [
  { kind: "accept", label: "Acceptance", weight: 30 },
  { kind: "first_touch", label: "First touch", weight: 30 },
  { kind: "update", label: "Updates", weight: 20 },
  { kind: "outcome", label: "Outcomes", weight: 20 },
];

export interface ScoreComponent {
  kind: ObligationKind;
  label: string;
  weight: number;
  counted: number;
  met: number;
  metLate: number;
  /** Missed, including past-due ones still open: counted − met − metLate. */
  missed: number;
  /** 0–1, or null when nothing of this kind counted. */
  value: number | null;
}

export interface ScoreResult {
  score: number;
  provisional: boolean;
  counted: number;
  components: ScoreComponent[];
}

/** The instant an obligation settled (or will have settled, for an open one). */
export function settledAt(ob: Pick<ObligationView, "state" | "dueAt" | "metAt">): Date {
  return (ob.state === "met" || ob.state === "met_late") && ob.metAt ? ob.metAt : ob.dueAt;
}

export function countsInScore(ob: ScoredObligation, now: Date, windowDays = SCORE_WINDOW_DAYS): boolean {
  if (ob.state === "excused" || ob.state === "cancelled") return false;
  const t = settledAt(ob).getTime();
  return t > now.getTime() - windowDays * DAY_MS && t <= now.getTime();
}

export function computeScore(
  obligations: ScoredObligation[],
  now: Date,
  opts: { windowDays?: number } = {},
): ScoreResult {
  const counted = obligations.filter((ob) => countsInScore(ob, now, opts.windowDays));

  const components = SCORE_COMPONENTS.map(({ kind, label, weight }): ScoreComponent => {
    const mine = counted.filter((ob) => ob.kind === kind);
    const met = mine.filter((ob) => ob.state === "met").length;
    const metLate = mine.filter((ob) => ob.state === "met_late").length;
    const n = mine.length;
    return {
      kind,
      label,
      weight,
      counted: n,
      met,
      metLate,
      missed: n - met - metLate,
      value: n === 0 ? null : (met + 0.5 * metLate) / n,
    };
  });

  const scored = components.filter((c) => c.value !== null);
  const totalWeight = scored.reduce((sum, c) => sum + c.weight, 0);
  const weighted = scored.reduce((sum, c) => sum + c.weight * (c.value ?? 0), 0);
  // The epsilon keeps an exact half (e.g. 79.5) from rounding down through float error.
  const score = totalWeight === 0 ? 100 : Math.round((100 * weighted) / totalWeight + 1e-9);

  return { score, provisional: counted.length < PROVISIONAL_BELOW_COUNTED, counted: counted.length, components };
}
