/**
 * The rule set in force as people read it: one page of plain English built from the policy and
 * the enforcement thresholds, so the text can never drift from the rules the engine applies.
 * Both workspaces show it (partners at /partner/rules, managers at /manager/rules).
 */
import { PROVISIONAL_BELOW_COUNTED, SCORE_COMPONENTS } from "./compliance-score";
import {
  PROBATION_ON_TIME_STREAK,
  PROBATION_OPEN_CAP,
  REINSTATE_AT_SCORE,
  WARN_BELOW_SCORE,
  WITHHOLD_BELOW_SCORE,
  WITHHOLD_OVERDUE_DAYS,
} from "./enforcement";
import { describeMinutes, type Policy } from "./policy";

export interface RuleSection {
  title: string;
  rules: string[];
}

const percent = (fraction: number) => `${Math.round(fraction * 100)}%`;

export function ruleSections(p: Policy): RuleSection[] {
  const weights = SCORE_COMPONENTS.map((c) => `${c.label.toLowerCase()} ${p.scoreWeights[c.kind]}`).join(", ");
  return [
    {
      title: "Deadlines on every lead",
      rules: [
        `Accept or decline an offer within ${describeMinutes(p.acceptWithinMinutes)}. An offer left unanswered expires, goes to another partner and counts as a missed acceptance.`,
        `Log the first touch (a call, an email or a meeting) within ${describeMinutes(p.firstTouchWithinMinutes)} of accepting. A note is an internal remark, not a touch.`,
        `From the first touch on, log a touch or a stage change at least once every ${describeMinutes(p.updateEveryMinutes)} while the lead is open. More than one in the same period counts once.`,
        `Report the outcome within ${describeMinutes(p.outcomeWithinMinutes)} of accepting: won with the amount, lost or disqualified with a reason. Reporting it also counts as the current update.`,
        `“No response” is accepted as the reason for a loss only after at least ${p.noResponseMinTouches} touches spread over ${describeMinutes(p.noResponseMinSpanMinutes)} or more.`,
        `A reminder is sent when ${percent(p.reminderAtFraction)} of a deadline's time has passed.`,
      ],
    },
    {
      title: "The compliance score",
      rules: [
        `A score from 0 to 100 over the last ${p.scoreWindowDays} days, read from the deadlines above. Weights: ${weights}.`,
        "A deadline kept on time counts in full, one kept late counts half, a missed one counts nothing. A kind with nothing due yet is left out and its weight shared among the others.",
        `With fewer than ${PROVISIONAL_BELOW_COUNTED} deadlines counted the score is provisional: it alone never warns or withholds.`,
        "A channel manager may excuse a missed or late deadline on request (for example when the customer went silent); an excused deadline no longer counts.",
      ],
    },
    {
      title: "Standing: who receives new leads",
      rules: [
        `Warning: the score is below ${WARN_BELOW_SCORE}, or anything is overdue. Leads keep coming.`,
        `Withheld: the score is below ${WITHHOLD_BELOW_SCORE}, or something is overdue by more than ${WITHHOLD_OVERDUE_DAYS} days. No new leads.`,
        `Probation: a withheld partner with nothing overdue any more. At most ${PROBATION_OPEN_CAP} open leads at a time, offered after partners in good standing; any miss withholds again.`,
        `Back to good standing from probation at a score of ${REINSTATE_AT_SCORE} or more, or after ${PROBATION_ON_TIME_STREAK} deadlines in a row kept on time.`,
        "Leads also skip a partner that is paused or at its capacity of open leads.",
      ],
    },
  ];
}

const FIELDS: { label: string; read: (p: Policy) => string }[] = [
  { label: "Time to accept an offer", read: (p) => describeMinutes(p.acceptWithinMinutes) },
  { label: "Time to the first touch", read: (p) => describeMinutes(p.firstTouchWithinMinutes) },
  { label: "Time between updates", read: (p) => describeMinutes(p.updateEveryMinutes) },
  { label: "Time to report the outcome", read: (p) => describeMinutes(p.outcomeWithinMinutes) },
  { label: "Touches before “no response”", read: (p) => String(p.noResponseMinTouches) },
  { label: "Span of touches before “no response”", read: (p) => describeMinutes(p.noResponseMinSpanMinutes) },
  { label: "Reminder point", read: (p) => percent(p.reminderAtFraction) },
  { label: "Score window", read: (p) => `${p.scoreWindowDays} days` },
  ...SCORE_COMPONENTS.map((c) => ({
    label: `Weight of ${c.label.toLowerCase()}`,
    read: (p: Policy) => String(p.scoreWeights[c.kind]),
  })),
];

/** What changed from one version to the next: "Time to the first touch: 2 days → 1 day". */
export function policyChanges(previous: Policy, current: Policy): string[] {
  return FIELDS.filter((f) => f.read(previous) !== f.read(current)).map(
    (f) => `${f.label}: ${f.read(previous)} → ${f.read(current)}`,
  );
}
