/**
 * The policy as a channel manager types it: durations in the unit people think in (hours for
 * the short deadlines, days for the long ones), the reminder point in percent, weights as whole
 * numbers. The policy itself keeps whole minutes; a duration that is not a whole number of
 * minutes (7.001 days) is refused rather than rounded behind the manager's back. (Within a
 * hundredth of a minute counts as whole: 20 minutes shows as 0.3333 hours and saves as 20.)
 */
import { z } from "zod";
import { SCORE_COMPONENTS } from "./compliance-score";
import type { ObligationKind } from "./obligations";
import type { Policy } from "./policy";

const HOUR = 60;
const DAY = 24 * HOUR;
/** The longest any deadline may be: a year (also keeps minutes far inside a 32-bit integer). */
const MAX_DAYS = 365;

interface DurationField {
  name: string;
  label: string;
  unit: "hours" | "days";
  key: keyof Pick<
    Policy,
    | "acceptWithinMinutes"
    | "firstTouchWithinMinutes"
    | "updateEveryMinutes"
    | "outcomeWithinMinutes"
    | "noResponseMinSpanMinutes"
  >;
  hint: string;
}

/** The deadlines, in the order the rule set states them. */
export const DURATION_FIELDS: readonly DurationField[] = [
  {
    name: "accept_hours",
    label: "Hours to accept an offer",
    unit: "hours",
    key: "acceptWithinMinutes",
    hint: "From the offer to the partner's accept or decline; after it the offer expires.",
  },
  {
    name: "first_touch_hours",
    label: "Hours to the first touch",
    unit: "hours",
    key: "firstTouchWithinMinutes",
    hint: "From accepting to the first logged call, email or meeting.",
  },
  {
    name: "update_days",
    label: "Days between updates",
    unit: "days",
    key: "updateEveryMinutes",
    hint: "Each period from the first touch needs a touch or a stage change while the lead is open.",
  },
  {
    name: "outcome_days",
    label: "Days to report the outcome",
    unit: "days",
    key: "outcomeWithinMinutes",
    hint: "From accepting to won, lost or disqualified.",
  },
  {
    name: "no_response_days",
    label: "Days the touches before “no response” must span",
    unit: "days",
    key: "noResponseMinSpanMinutes",
    hint: "From the first to the last of those touches.",
  },
];

export const WEIGHT_FIELDS: readonly { name: string; label: string; kind: ObligationKind }[] = SCORE_COMPONENTS.map(
  (c) => ({ name: `weight_${c.kind}`, label: `Weight of ${c.label.toLowerCase()}`, kind: c.kind }),
);

const unitMinutes = { hours: HOUR, days: DAY } as const;

/** A duration in hours or days as typed ("48", "1.5") → whole minutes. */
function duration(f: DurationField) {
  const message = `Enter the ${f.unit} as a number above 0, at most ${f.unit === "hours" ? MAX_DAYS * 24 : MAX_DAYS} (for example ${f.unit === "hours" ? "48 or 1.5" : "14"}).`;
  return z
    .string({ error: message })
    .trim()
    .regex(/^\d{1,5}(\.\d{1,4})?$/, message)
    .transform((v) => Number(v) * unitMinutes[f.unit])
    .refine((m) => m > 0 && m <= MAX_DAYS * DAY, message)
    .refine((m) => Math.abs(m - Math.round(m)) < 0.01, `Use whole minutes: this many ${f.unit} is not.`)
    .transform(Math.round);
}

const wholeNumber = (min: number, max: number, message: string) =>
  z
    .string({ error: message })
    .trim()
    .regex(/^\d{1,4}$/, message)
    .transform(Number)
    .refine((n) => n >= min && n <= max, message);

export const policyFormSchema = z
  .object({
    ...Object.fromEntries(DURATION_FIELDS.map((f) => [f.name, duration(f)])),
    no_response_touches: wholeNumber(1, 50, "Enter a whole number of touches from 1 to 50."),
    reminder_percent: wholeNumber(1, 99, "Enter a whole percent from 1 to 99."),
    score_window_days: wholeNumber(1, MAX_DAYS, `Enter a whole number of days from 1 to ${MAX_DAYS}.`),
    ...Object.fromEntries(
      WEIGHT_FIELDS.map((f) => [f.name, wholeNumber(0, 100, "Enter a whole number from 0 to 100.")]),
    ),
    note: z
      .string({ error: "Say why the rules change: partners read it." })
      .trim()
      .min(1, "Say why the rules change: partners read it.")
      .max(500, "Use at most 500 characters."),
  })
  .refine((v) => WEIGHT_FIELDS.some((f) => (v as Record<string, unknown>)[f.name] !== 0), {
    message: "At least one weight must be above 0.",
    path: [WEIGHT_FIELDS[0].name],
  });

/** The policy the parsed form describes (its version is given when it is saved). */
export function policyFromForm(form: z.infer<typeof policyFormSchema>): Omit<Policy, "version"> {
  const v = form as Record<string, number | string>;
  const minutes = (key: DurationField["key"]) => v[DURATION_FIELDS.find((f) => f.key === key)!.name] as number;
  return {
    acceptWithinMinutes: minutes("acceptWithinMinutes"),
    firstTouchWithinMinutes: minutes("firstTouchWithinMinutes"),
    updateEveryMinutes: minutes("updateEveryMinutes"),
    outcomeWithinMinutes: minutes("outcomeWithinMinutes"),
    noResponseMinTouches: v.no_response_touches as number,
    noResponseMinSpanMinutes: minutes("noResponseMinSpanMinutes"),
    reminderAtFraction: (v.reminder_percent as number) / 100,
    scoreWindowDays: v.score_window_days as number,
    scoreWeights: Object.fromEntries(WEIGHT_FIELDS.map((f) => [f.kind, v[f.name] as number])) as Record<
      ObligationKind,
      number
    >,
  };
}

/** The form filled in with a policy (the one in force, to edit into the next version). */
export function policyFormValues(p: Policy): Record<string, string> {
  const inUnit = (minutes: number, unit: DurationField["unit"]) =>
    String(Math.round((minutes / unitMinutes[unit]) * 10_000) / 10_000);
  return {
    ...Object.fromEntries(DURATION_FIELDS.map((f) => [f.name, inUnit(p[f.key], f.unit)])),
    no_response_touches: String(p.noResponseMinTouches),
    reminder_percent: String(Math.round(p.reminderAtFraction * 100)),
    score_window_days: String(p.scoreWindowDays),
    ...Object.fromEntries(WEIGHT_FIELDS.map((f) => [f.name, String(p.scoreWeights[f.kind])])),
  };
}
