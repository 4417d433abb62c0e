/**
 * The scoring rules as a channel manager edits them: one row per rule (what it looks at, the
 * words or the range it matches, its points), a blank row to add one, a box to remove one, and
 * the threshold. Form fields are named `rules.<row>.<field>` so a message lands next to its box.
 */
import { z } from "zod";
import { SCORING_CRITERIA, type ScoringConfig, type ScoringCriterion, type ScoringRule } from "./lead-scoring";

/** More rows than any sensible rule set; also bounds what a hand-made post can make us build. */
export const MAX_SCORING_RULES = 40;
const RULE_FIELDS = ["id", "criterion", "values", "min", "max", "points", "remove"] as const;
type RuleRow = Partial<Record<(typeof RULE_FIELDS)[number], string>>;

export const CRITERION_LABELS: Record<ScoringCriterion, string> = {
  title: "Job title",
  company_size: "Company size (employees)",
  vertical: "Vertical",
  geography: "Territory",
  engagement: "Engagement (campaign activities)",
  interest: "Stated interest",
  timeline: "Buying timeline",
};

/** Criteria matched by a range of numbers; the others by words or codes. */
export const RANGE_CRITERIA: readonly ScoringCriterion[] = ["company_size", "engagement"];

/** `rules.3.points` → rows[3].points; indices past the limit are ignored. */
function rowsOf(input: unknown): unknown {
  if (typeof input !== "object" || input === null) return input;
  const rows: RuleRow[] = [];
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const m = /^rules\.(\d{1,3})\.(\w+)$/.exec(key);
    if (!m) {
      rest[key] = value;
      continue;
    }
    const [index, field] = [Number(m[1]), m[2] as keyof RuleRow];
    if (index <= MAX_SCORING_RULES && (RULE_FIELDS as readonly string[]).includes(field)) {
      (rows[index] ??= {})[field] = String(value);
    }
  }
  return { ...rest, rules: Array.from(rows, (r) => r ?? {}) };
}

const optionalNumber = z
  .string()
  .trim()
  .prefault("")
  .refine((v) => v === "" || /^\d{1,7}$/.test(v), "Enter a whole number, 0 or more, or leave it empty.")
  .transform((v) => (v === "" ? undefined : Number(v)));

const ruleRow = z
  .object({
    id: z.string().trim().prefault(""),
    criterion: z.enum(["", ...SCORING_CRITERIA], { error: "Choose what the rule looks at." }).prefault(""),
    values: z.string().trim().max(1000, "Use at most 1,000 characters.").prefault(""),
    min: optionalNumber,
    max: optionalNumber,
    points: z
      .string()
      .trim()
      .prefault("")
      .refine((v) => v === "" || /^-?\d{1,3}$/.test(v), "Enter whole points from -100 to 100.")
      .transform((v) => (v === "" ? undefined : Number(v)))
      .refine((v) => v === undefined || Math.abs(v) <= 100, "Enter whole points from -100 to 100."),
    remove: z.enum(["on", ""]).prefault(""),
  })
  .superRefine((r, ctx) => {
    const blank = r.criterion === "" && r.values === "" && r.min === undefined && r.max === undefined;
    if (r.remove === "on" || (blank && r.points === undefined)) return; // removed, or the unused new row
    const problem = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (r.criterion === "") return problem("criterion", "Choose what the rule looks at.");
    if (r.points === undefined) problem("points", "Enter the points the rule gives.");
    if (RANGE_CRITERIA.includes(r.criterion)) {
      if (r.min === undefined && r.max === undefined) problem("min", "Give a lowest number, a highest number or both.");
      else if (r.min !== undefined && r.max !== undefined && r.min > r.max)
        problem("max", "The highest number must not be below the lowest.");
    } else if (r.criterion !== "interest" && words(r.values).length === 0) {
      problem("values", "Give at least one word or code to match, separated by commas.");
    }
  });

const words = (v: string) => [
  ...new Set(
    v
      .split(",")
      .map((w) => w.trim())
      .filter(Boolean),
  ),
];

const scoringFields = {
  threshold: z
    .string({ error: "Enter the threshold: a whole number of points from 0 to 1000." })
    .trim()
    .regex(/^\d{1,4}$/, "Enter the threshold: a whole number of points from 0 to 1000.")
    .transform(Number)
    .refine((n) => n <= 1000, "Enter the threshold: a whole number of points from 0 to 1000."),
  rules: z.array(ruleRow).max(MAX_SCORING_RULES, `Use at most ${MAX_SCORING_RULES} rules.`),
};

/** The scoring form's schema, with the route's own fields (its intent, the note) added. */
export function scoringFormSchema<T extends z.ZodRawShape>(extra: T) {
  return z.preprocess(rowsOf, z.object({ ...extra, ...scoringFields }));
}
type ScoringFormFields = z.infer<z.ZodObject<typeof scoringFields>>;

/** The configuration the parsed form describes: removed and blank rows left out, new rows given ids. */
export function scoringConfigFromForm(form: ScoringFormFields): ScoringConfig {
  const kept = form.rules.filter((r) => r.remove !== "on" && r.criterion !== "" && r.points !== undefined);
  const taken = new Set(kept.map((r) => r.id).filter(Boolean));
  const freshId = (criterion: string) => {
    let n = 1;
    while (taken.has(`${criterion}-${n}`)) n += 1;
    taken.add(`${criterion}-${n}`);
    return `${criterion}-${n}`;
  };
  const rules = kept.map((r): ScoringRule => {
    const criterion = r.criterion as ScoringCriterion;
    const id = r.id || freshId(criterion);
    if (RANGE_CRITERIA.includes(criterion)) {
      return { id, criterion, match: { min: r.min, max: r.max }, points: r.points! };
    }
    const anyOf = words(r.values);
    return { id, criterion, match: anyOf.length > 0 ? { anyOf } : {}, points: r.points! };
  });
  return { threshold: form.threshold, rules: rules.map(withoutUndefined) };
}

/** JSON keeps no `undefined`; dropping it here makes a saved rule equal the rule read back. */
function withoutUndefined(rule: ScoringRule): ScoringRule {
  const match = Object.fromEntries(Object.entries(rule.match).filter(([, v]) => v !== undefined));
  return { ...rule, match };
}

/** The form filled in with a configuration, plus one blank row to add a rule. */
export function scoringFormValues(config: ScoringConfig): Record<string, string> {
  const values: Record<string, string> = { threshold: String(config.threshold) };
  config.rules.forEach((r, i) => {
    values[`rules.${i}.id`] = r.id;
    values[`rules.${i}.criterion`] = r.criterion;
    values[`rules.${i}.values`] = (r.match.anyOf ?? []).join(", ");
    values[`rules.${i}.min`] = r.match.min === undefined ? "" : String(r.match.min);
    values[`rules.${i}.max`] = r.match.max === undefined ? "" : String(r.match.max);
    values[`rules.${i}.points`] = String(r.points);
  });
  return values;
}

/** How many rule rows the form shows for these values: every row with something typed, and one blank to add. */
export function scoringFormRows(values: Record<string, string | undefined>): number {
  const indices = Object.entries(values).flatMap(([k, v]) => {
    const m = /^rules\.(\d+)\.(\w+)$/.exec(k);
    return m && m[2] !== "remove" && v?.trim() ? [Number(m[1])] : [];
  });
  return Math.min(MAX_SCORING_RULES, (indices.length > 0 ? Math.max(...indices) + 1 : 0) + 1);
}

/** "Job title: director, vp (20 points)": one rule as people read it, for the history. */
export function describeScoringRule(rule: ScoringRule): string {
  const { anyOf, min, max } = rule.match;
  const what = RANGE_CRITERIA.includes(rule.criterion)
    ? min !== undefined && max !== undefined
      ? `${min} to ${max}`
      : min !== undefined
        ? `${min} or more`
        : `up to ${max}`
    : anyOf && anyOf.length > 0
      ? anyOf.join(", ")
      : "any";
  return `${CRITERION_LABELS[rule.criterion]}: ${what} (${rule.points} points)`;
}

/** What changed from one scoring version to the next, one line per rule added, removed or changed. */
export function scoringChanges(previous: ScoringConfig, current: ScoringConfig): string[] {
  const changes: string[] = [];
  if (previous.threshold !== current.threshold) {
    changes.push(`Threshold: ${previous.threshold} → ${current.threshold} points`);
  }
  const before = new Map(previous.rules.map((r) => [r.id, describeScoringRule(r)]));
  const after = new Map(current.rules.map((r) => [r.id, describeScoringRule(r)]));
  for (const [id, text] of before) {
    if (!after.has(id)) changes.push(`Removed ${text}`);
    else if (after.get(id) !== text) changes.push(`${text} → ${after.get(id)}`);
  }
  for (const [id, text] of after) if (!before.has(id)) changes.push(`Added ${text}`);
  return changes;
}
