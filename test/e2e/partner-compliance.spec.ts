/**
 * The partner's compliance page, watched as time passes: the clock is moved through /dev/clock,
 * which runs the sweep at once. The clock is the whole server's, so this file runs serially,
 * puts the clock back on real time after each test that moves it, and asserts only on its own
 * partners, whose territory is their own (no demo lead and no other spec's partner reaches them).
 */
import { randomUUID } from "node:crypto";
import type { Locator, Page } from "@playwright/test";
import { expect, test, type World } from "./fixtures";
import { seriousViolations, watchConsole } from "./support";

test.describe.configure({ mode: "serial" });

const DAY = 1440;
const shot = (name: string, project: string) => ({
  path: `/tmp/shots/compliance-${name}-${project}.png`,
  fullPage: true,
});

/** Moves the server's clock (a manager's request); the sweep and the router run at once. */
async function clock(managerPage: Page, form: { intent: "advance"; minutes: number } | { intent: "set"; at: string }) {
  const response = await managerPage.request.post("/dev/clock", {
    form: form.intent === "advance" ? { intent: "advance", minutes: String(form.minutes) } : form,
  });
  expect(response.ok(), await response.text()).toBe(true);
}

/** Runs the body, then puts the server's clock back on real time whatever happened. */
async function withClock(managerPage: Page, body: () => Promise<void>) {
  try {
    await body();
  } finally {
    await clock(managerPage, { intent: "set", at: new Date().toISOString() });
  }
}

const stat = (page: Page, label: string): Locator =>
  page.getByRole("region", { name: "Company figures" }).locator(".stat").filter({ hasText: label });

/** A panel of the page, by its heading. */
const panel = (page: Page, title: string): Locator =>
  page.locator("section.panel").filter({ has: page.getByRole("heading", { name: title, exact: true }) });

/** A partner of a territory of its own: only this spec's leads reach it. */
async function isolatedPartner(world: World, capacity = 10) {
  const territory = `ZZ-${randomUUID().slice(0, 8).toUpperCase()}`;
  const partner = await world.partner({ territories: [territory], capacity });
  return { partner, territory };
}

test("an admin watches the company fall to warning, then withheld, and climb back through probation to good standing", async ({
  world,
  managerPage,
}, info) => {
  test.setTimeout(120_000);
  // Capacity 2: holding its two leads, the company is also at capacity.
  const { partner, territory } = await isolatedPartner(world, 2);
  const rival = await world.partner({ territories: [territory] });
  const alpha = `Alpha Compliance ${Date.now()}`;
  const beta = `Beta Compliance ${Date.now()}`;
  const a = await world.accepted(partner.partner.id, { company: alpha, territory });
  await world.accepted(partner.partner.id, { company: beta, territory });
  const page = await world.pageAs(partner.admin);
  const steps = page.getByRole("list", { name: "What to do" });
  const breaches = page.getByRole("table", { name: /Missed or late deadlines/ });

  await withClock(managerPage, async () => {
    const noConsoleErrors = watchConsole(page);
    await page.goto("/partner/compliance");
    await expect(stat(page, "Standing")).toContainText("Good standing");
    // The first touches are due within the week: the list names each lead with its deadline.
    await expect(steps.getByRole("listitem").filter({ hasText: `Log a first touch on ${alpha} before` })).toHaveCount(
      1,
    );
    await expect(steps.getByRole("listitem").filter({ hasText: `Log a first touch on ${beta} before` })).toHaveCount(1);

    // Two days and an hour later both first touches are missed: overdue, so a warning (the
    // score, from 4 deadlines, is provisional and alone would not warn).
    await clock(managerPage, { intent: "advance", minutes: 2 * DAY + 60 });
    await page.reload();
    await expect(stat(page, "Standing")).toContainText("Warning");
    await expect(stat(page, "Standing")).toContainText(/since .+/);
    await expect(page.getByText("2 items are overdue.")).toBeVisible();
    await expect(stat(page, "Compliance score")).toContainText("50");
    await expect(stat(page, "Compliance score")).toContainText("Provisional");
    const components = page.getByRole("table", { name: "Score components of the company" });
    // Counted, on time, late, missed, excused, weight (30, carrying 50 while updates and
    // outcomes count nothing), points.
    await expect(components.getByRole("row").filter({ hasText: "First touch" }).getByRole("cell")).toHaveText([
      "First touch",
      "2",
      "0",
      "0",
      "2",
      "0",
      "30 → 50",
      "0",
    ]);
    await expect(components.getByRole("row").filter({ hasText: "Acceptance" }).getByRole("cell")).toHaveText([
      "Acceptance",
      "2",
      "2",
      "0",
      "0",
      "0",
      "30 → 50",
      "50",
    ]);
    for (const company of [alpha, beta]) {
      const breach = breaches.getByRole("row").filter({ hasText: company });
      await expect(breach).toContainText("First touch");
      await expect(breach).toContainText("Missed");
      await expect(breach.getByRole("link", { name: company })).toBeVisible();
    }
    await expect(steps.getByRole("listitem").first()).toContainText("Log a first touch on these 2 leads");
    await page.screenshot(shot("warning", info.project.name));

    // A week later still untouched: overdue by more than 7 days withholds the company. A lead
    // of its territory then goes to the rival; the page counts it, without naming who got it.
    await clock(managerPage, { intent: "advance", minutes: 7 * DAY });
    const routed = await world.routed({ company: `Elsewhere ${Date.now()}`, territory });
    expect(routed.partnerId).toBe(rival.partner.id);
    await page.reload();
    await expect(stat(page, "Standing")).toContainText("Withheld");
    await expect(page.getByRole("heading", { name: "The way back to good standing" })).toBeVisible();
    await expect(stat(page, "Leads that went to others")).toContainText("1");
    const missed = panel(page, "Leads that went to other partners");
    await expect(missed.getByRole("definition").nth(0)).toHaveText("1"); // while withheld
    await expect(missed.getByRole("definition").nth(3)).toHaveText("1"); // and at capacity: once in the total
    await expect(missed).not.toContainText(rival.partner.name);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot(shot("withheld", info.project.name));

    // The admin does what the list says: a touch on each lead, from the step's links.
    for (const company of [alpha, beta]) {
      await page.goto("/partner/compliance");
      await steps.getByRole("link", { name: company }).click();
      await page.getByRole("button", { name: "Log touch" }).click();
      await expect(page.getByRole("status")).toContainText("Touch logged.");
    }
    // Nothing is overdue any more: new leads resume, on probation.
    await page.goto("/partner/compliance");
    await expect(stat(page, "Standing")).toContainText("Probation");
    await expect(steps).toContainText("in a row, or raise your score to 75");
    await expect(breaches.getByRole("row").filter({ hasText: alpha })).toContainText("Met late");
    await page.screenshot(shot("probation", info.project.name));

    // A day on, an outcome reported on time (closing its update period too): the score, now
    // from 6 deadlines, is back above 75, and the company with it.
    await clock(managerPage, { intent: "advance", minutes: DAY });
    await page.goto(`/partner/leads/${a.lead.id}`);
    await page.getByLabel("Outcome").selectOption("won");
    await page.getByLabel("Deal amount (if won)").fill("5000");
    await page.getByRole("button", { name: "Report outcome" }).click();
    await expect(page.getByRole("status")).toContainText("Outcome reported");
    await page.goto("/partner/compliance");
    await expect(stat(page, "Standing")).toContainText("Good standing");
    await expect(page.getByText(/back at 75 or more/)).toBeVisible();
    await expect(stat(page, "Compliance score")).not.toContainText("Provisional");
    await expect(page.getByRole("heading", { name: "To stay in good standing" })).toBeVisible();
    noConsoleErrors();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot(shot("good", info.project.name));
  });
});

test("an admin asks to excuse a breach again after a refusal, and reads each answer", async ({
  world,
  managerPage,
}, info) => {
  const { partner } = await isolatedPartner(world);
  const company = `Excuse Compliance ${Date.now()}`;
  await world.excuse(partner.partner.id, "The buyer was travelling all week.", { company });
  const page = await world.pageAs(partner.admin);

  // The manager refuses the first request with a note.
  await managerPage.goto("/manager/excuses");
  const card = managerPage
    .getByRole("list", { name: "Excuse requests waiting" })
    .getByRole("listitem")
    .filter({ hasText: company });
  await card.getByLabel("Note to the partner").fill("Travelling buyers still read email.");
  await card.getByRole("button", { name: "Reject excuse" }).click();
  await expect(managerPage.getByRole("status")).toContainText("Excuse rejected");

  await page.goto("/partner/compliance");
  const requests = page.getByRole("table", { name: "Excuse requests, newest first" });
  await expect(requests.getByRole("row").filter({ hasText: company })).toContainText(
    "Refused Travelling buyers still read email.",
  );

  // An empty reason is refused next to the field; a reason sends a new request.
  const breach = page
    .getByRole("table", { name: /Missed or late deadlines/ })
    .getByRole("row")
    .filter({ hasText: company });
  await breach.getByText("Ask to excuse").click();
  await breach.getByRole("button", { name: "Send the request" }).click();
  await expect(breach.getByText("Say why this breach should be excused.")).toBeVisible();
  const noConsoleErrors = watchConsole(page);
  await breach
    .getByLabel(/Why should the first touch on .* be excused\?/)
    .fill("Their mail server bounced us; logs attached.");
  await breach.getByRole("button", { name: "Send the request" }).click();
  await expect(page.getByRole("status")).toContainText("Your excuse request is sent.");
  await expect(requests.getByRole("row").filter({ hasText: "Their mail server bounced us" })).toContainText(
    "Waiting for a decision",
  );
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot(shot("excuse", info.project.name));

  await managerPage.goto("/manager/excuses");
  await card.getByLabel("Note to the partner").fill("Bounces confirmed.");
  await card.getByRole("button", { name: "Approve excuse" }).click();
  await expect(managerPage.getByRole("status")).toContainText("Excuse approved");

  await page.reload();
  await expect(requests.getByRole("row").filter({ hasText: "Their mail server bounced us" })).toContainText(
    "Excused Bounces confirmed.",
  );
  await expect(breach).toContainText("Excused");
  noConsoleErrors();
});

test("a rep sees its own figures; the rules in force are one click away with what changed", async ({ world }) => {
  const { partner, territory } = await isolatedPartner(world);
  const company = `Rep Compliance ${Date.now()}`;
  // One lead the admin accepted (the company's, not the rep's), one the rep accepts.
  await world.accepted(partner.partner.id, { territory });
  await world.offer(partner.partner.id, { company, territory });
  const rep = await world.pageAs(partner.rep);
  await rep.goto("/partner");
  await rep
    .getByRole("listitem")
    .filter({ has: rep.getByRole("heading", { name: company }) })
    .getByRole("button", { name: "Accept" })
    .click();
  await expect(rep.getByRole("status")).toContainText("Offer accepted");

  await rep.goto("/partner/compliance");
  const own = panel(rep, "Your own figures");
  await expect(own).toContainText("from 1 deadline counted");
  await expect(
    own
      .getByRole("table", { name: "Score components of your own leads" })
      .getByRole("row")
      .filter({ hasText: "Acceptance" })
      .getByRole("cell")
      .nth(1),
  ).toHaveText("1");
  await expect(
    rep
      .getByRole("table", { name: "Score components of the company" })
      .getByRole("row")
      .filter({ hasText: "Acceptance" })
      .getByRole("cell")
      .nth(1),
  ).toHaveText("2");
  expect(await seriousViolations(rep)).toEqual([]);

  const admin = await world.pageAs(partner.admin);
  await admin.goto("/partner/compliance");
  await expect(admin.getByRole("heading", { name: "Compliance", exact: true })).toBeVisible();
  await expect(panel(admin, "Your own figures")).toHaveCount(0);
  await admin.getByRole("link", { name: /The rules in force \(version \d+\)/ }).click();
  await expect(admin).toHaveURL(/\/partner\/rules$/);
  await expect(admin.getByRole("heading", { name: "What changed in this version" })).toBeVisible();
});
