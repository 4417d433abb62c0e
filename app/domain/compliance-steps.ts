/**
 * What a partner does next to return to (or stay in) good standing, as a plain list naming
 * the leads: "Report the outcome of these 2 leads", "Log a touch on Acme before Fri 17:00 CET".
 * Overdue items come first (they are what warns and withholds), then deadlines due within the
 * horizon, soonest first, then what the standing rules still ask (score, probation).
 */
import type { ObligationKind } from "./obligations";

export interface StepLead {
  leadId: string;
  company: string;
}

/** An obligation the partner can still meet: open or missed, on a lead it holds. */
export interface OpenItem extends StepLead {
  kind: Exclude<ObligationKind, "accept">;
  dueAt: Date;
}

export interface ComplianceStep {
  text: string;
  /** The leads the step names, to link to; empty for a rule such as "raise your score". */
  leads: StepLead[];
}

/** Upcoming deadlines within this many days are listed; later ones are not yet a step. */
export const STEP_HORIZON_DAYS = 7;
const DAY_MS = 86_400_000;

const OVERDUE: Record<OpenItem["kind"], { one: string; many: (n: number) => string }> = {
  outcome: { one: "Report the outcome of", many: (n) => `Report the outcome of these ${n} leads` },
  first_touch: { one: "Log a first touch on", many: (n) => `Log a first touch on these ${n} leads` },
  update: {
    one: "Log a touch or a stage change on",
    many: (n) => `Log a touch or a stage change on these ${n} leads`,
  },
};

const UPCOMING: Record<OpenItem["kind"], string> = {
  outcome: "Report the outcome of",
  first_touch: "Log a first touch on",
  update: "Log a touch on",
};

/** "Fri 17:00 CET" within the coming week, "Fri 11 Dec 17:00 CET" beyond it, in the partner's zone. */
export function deadlineWords(at: Date, now: Date, timeZone: string): string {
  const soon = at.getTime() - now.getTime() < 6 * DAY_MS;
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "short",
    ...(soon ? {} : { day: "numeric", month: "short" }),
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  const date = soon ? part("weekday") : `${part("weekday")} ${part("day")} ${part("month")}`;
  return `${date} ${part("hour")}:${part("minute")} ${part("timeZoneName")}`;
}

export function complianceSteps(input: {
  items: OpenItem[];
  /** What the standing rules ask beyond the overdue items (enforcement's `standingSteps`). */
  ruleSteps: string[];
  now: Date;
  timeZone: string;
}): ComplianceStep[] {
  const { now, timeZone } = input;
  const overdue = input.items.filter((i) => i.dueAt.getTime() <= now.getTime());
  const horizon = now.getTime() + STEP_HORIZON_DAYS * DAY_MS;
  const upcoming = input.items
    .filter((i) => i.dueAt.getTime() > now.getTime() && i.dueAt.getTime() <= horizon)
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());

  const steps: ComplianceStep[] = [];
  for (const kind of ["outcome", "first_touch", "update"] as const) {
    const mine = overdue.filter((i) => i.kind === kind).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
    const leads = uniqueLeads(mine);
    if (leads.length === 1) steps.push({ text: `${OVERDUE[kind].one} ${leads[0]!.company} (overdue)`, leads });
    else if (leads.length > 1) steps.push({ text: OVERDUE[kind].many(leads.length), leads });
  }
  for (const item of upcoming) {
    steps.push({
      text: `${UPCOMING[item.kind]} ${item.company} before ${deadlineWords(item.dueAt, now, timeZone)}`,
      leads: [{ leadId: item.leadId, company: item.company }],
    });
  }
  for (const text of input.ruleSteps) steps.push({ text, leads: [] });
  return steps;
}

function uniqueLeads(items: OpenItem[]): StepLead[] {
  const seen = new Map<string, StepLead>();
  for (const i of items) if (!seen.has(i.leadId)) seen.set(i.leadId, { leadId: i.leadId, company: i.company });
  return [...seen.values()];
}
