import { describe, expect, it } from "vitest";
import { complianceSteps, deadlineWords, type OpenItem } from "./compliance-steps";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Tuesday 1 Dec 2026, 10:00 UTC (11:00 in Paris).
const now = new Date("2026-12-01T10:00:00Z");
const at = (ms: number) => new Date(now.getTime() + ms);
const item = (leadId: string, company: string, kind: OpenItem["kind"], dueInMs: number): OpenItem => ({
  leadId,
  company,
  kind,
  dueAt: at(dueInMs),
});

describe("deadlineWords", () => {
  it("names the weekday, time and zone within the week, in the partner's zone", () => {
    // Fri 4 Dec 16:00 UTC is 17:00 in Paris (CET in winter).
    expect(deadlineWords(new Date("2026-12-04T16:00:00Z"), now, "Europe/Paris")).toBe("Fri 17:00 CET");
    expect(deadlineWords(new Date("2026-12-04T16:00:00Z"), now, "UTC")).toBe("Fri 16:00 UTC");
  });

  it("adds the date from six days on, so a weekday is never ambiguous", () => {
    expect(deadlineWords(new Date("2026-12-11T16:00:00Z"), now, "Europe/Paris")).toBe("Fri 11 Dec 17:00 CET");
  });
});

describe("complianceSteps", () => {
  it("is empty when nothing is overdue, nothing is due soon and the rules ask nothing", () => {
    expect(
      complianceSteps({ items: [item("l1", "Acme", "outcome", 30 * DAY)], ruleSteps: [], now, timeZone: "UTC" }),
    ).toEqual([]);
  });

  it("groups overdue items by what to do, naming the leads, outcomes first", () => {
    const steps = complianceSteps({
      items: [
        item("l1", "Acme", "update", -2 * DAY),
        item("l2", "Globex", "outcome", -1 * DAY),
        item("l3", "Initech", "outcome", -3 * DAY),
      ],
      ruleSteps: [],
      now,
      timeZone: "UTC",
    });
    expect(steps).toEqual([
      {
        text: "Report the outcome of these 2 leads",
        leads: [
          { leadId: "l3", company: "Initech" },
          { leadId: "l2", company: "Globex" },
        ],
      },
      { text: "Log a touch or a stage change on Acme (overdue)", leads: [{ leadId: "l1", company: "Acme" }] },
    ]);
  });

  it("counts a lead once when two of its deadlines of one kind are overdue", () => {
    const steps = complianceSteps({
      items: [item("l1", "Acme", "update", -20 * DAY), item("l1", "Acme", "update", -6 * DAY)],
      ruleSteps: [],
      now,
      timeZone: "UTC",
    });
    expect(steps.map((s) => s.text)).toEqual(["Log a touch or a stage change on Acme (overdue)"]);
  });

  it("treats a deadline at this very instant as overdue", () => {
    const steps = complianceSteps({
      items: [item("l1", "Acme", "first_touch", 0)],
      ruleSteps: [],
      now,
      timeZone: "UTC",
    });
    expect(steps.map((s) => s.text)).toEqual(["Log a first touch on Acme (overdue)"]);
  });

  it("lists deadlines within the week soonest first with the time in the partner's zone, then the rules' steps", () => {
    const steps = complianceSteps({
      items: [
        item("l1", "Acme", "update", new Date("2026-12-04T16:00:00Z").getTime() - now.getTime()),
        item("l2", "Globex", "first_touch", 5 * HOUR),
        item("l3", "Initech", "outcome", 7 * DAY + 1),
      ],
      ruleSteps: ["Keep upcoming deadlines to raise your score from 76 to 80"],
      now,
      timeZone: "Europe/Paris",
    });
    expect(steps.map((s) => s.text)).toEqual([
      "Log a first touch on Globex before Tue 16:00 CET",
      "Log a touch on Acme before Fri 17:00 CET",
      "Keep upcoming deadlines to raise your score from 76 to 80",
    ]);
    expect(steps[2]!.leads).toEqual([]);
  });
});
