import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { watchConsole } from "./support";

const shot = (name: string) => ({ path: `/tmp/shots/${name}.png`, fullPage: true });

test("a manager filters, searches, pages through and exports the lead list", async ({ world, managerPage: page }) => {
  const checkConsole = watchConsole(page);
  const tag = `Listtest${randomUUID().slice(0, 6)}`;
  // 52 leads of one prefix: more than one page of 50.
  for (let i = 0; i < 52; i++)
    await world.lead({ company: `${tag} ${String(i).padStart(2, "0")}`, territory: i % 2 ? "US-CA" : "DE" });

  await page.goto("/manager");
  await page
    .getByRole("navigation", { name: /main|workspace/i })
    .getByRole("link", { name: "Leads" })
    .click();
  await expect(page.getByRole("heading", { name: "All leads" })).toBeVisible();

  await page.getByLabel("Search").fill(tag.toLowerCase());
  await page.getByLabel("State").selectOption("queued");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${tag.toLowerCase()}.*state=queued`));
  await expect(page.getByText("52 leads match.")).toBeVisible();
  const table = page.getByRole("table", { name: "Leads" });
  await expect(table.getByRole("row")).toHaveCount(51); // the header and a page of 50
  await page.screenshot(shot(`manager-leads-${page.viewportSize()?.width}`));

  // The second page holds the other two; back again to the first.
  await page.getByRole("link", { name: "Next →" }).click();
  await expect(table.getByRole("row")).toHaveCount(3);
  await expect(page.getByRole("link", { name: "Next →" })).toHaveCount(0);
  await page.getByRole("link", { name: "← Previous" }).click();
  await expect(table.getByRole("row")).toHaveCount(51);
  await expect(page.getByRole("link", { name: "← Previous" })).toHaveCount(0);

  // A country finds its subdivisions: half of them are in US-CA.
  await page.getByLabel("Territory").fill("US");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByText("26 leads match.")).toBeVisible();
  await expect(page.getByLabel("Territory")).toHaveValue("US");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export these leads (CSV)" }).click();
  const file = readFileSync((await (await download).path())!, "utf8");
  const lines = file.trim().split("\r\n");
  expect(lines).toHaveLength(27);
  expect(lines.slice(1).every((l) => l.includes(tag) && l.includes('"US-CA"'))).toBe(true);

  // Each lead links to its page.
  await expect(table.getByRole("link", { name: `${tag} 01` })).toHaveAttribute(
    "href",
    /^\/manager\/leads\/[0-9a-f-]{36}$/,
  );

  // A filter the list cannot use says so next to the field, and the rest still applies.
  await page.goto(`/manager/leads?q=${tag.toLowerCase()}&territory=not-a-code`);
  await expect(page.getByText("A territory is a country or subdivision code, such as US or US-CA.")).toBeVisible();
  await expect(page.getByText("52 leads match.")).toBeVisible();
  checkConsole();
});

/** The queue is oldest first: page on until the lead's row shows (new leads are at the end). */
async function selectOnQueue(page: Page, company: string) {
  await page.goto("/manager/queue");
  const box = page.getByLabel(`Select ${company}`);
  while (!(await box.isVisible())) {
    // Follow "Next" and wait for that page: clicking again mid-navigation would be lost.
    const next = await page.getByRole("link", { name: "Next →" }).getAttribute("href");
    await page.goto(next!);
  }
  await box.check();
}

test("a manager routes queued leads again in bulk and reads each lead's result", async ({
  world,
  managerPage: page,
}) => {
  const tag = `Queuetest${randomUUID().slice(0, 6)}`;
  await world.partner({ name: `${tag} Partner`, territories: ["NZ"], verticals: ["software"] });
  await world.lead({ company: `${tag} Routable`, territory: "NZ" });
  await world.lead({ company: `${tag} Nowhere`, territory: "AQ" });
  await world.lead({ company: `${tag} Parked`, territory: "AQ" });

  await page.goto("/manager/queue");
  await expect(page.getByRole("heading", { name: "Queue" })).toBeVisible();
  await page.screenshot(shot(`manager-queue-${page.viewportSize()?.width}`));

  // Nothing selected: the page says so and nothing changes.
  await page.getByRole("button", { name: "Route again" }).click();
  await expect(page.getByText("Select at least one lead.")).toBeVisible();

  await selectOnQueue(page, `${tag} Routable`);
  await page.getByLabel(`Select ${tag} Nowhere`).check();
  await page.getByRole("button", { name: "Route again" }).click();
  await expect(
    page
      .getByRole("status")
      .filter({ hasText: "1 routed; 1 back in the queue: No partner is eligible for this lead." }),
  ).toBeVisible();

  // Offering needs a partner; then the offer overrides the territory with a reason.
  await selectOnQueue(page, `${tag} Nowhere`);
  await page.getByRole("button", { name: "Offer to this partner" }).click();
  await expect(page.getByText("Choose the partner to offer the leads to.")).toBeVisible();
  // The two refusals above answer 400 on purpose; from here on nothing may fail.
  const checkConsole = watchConsole(page);
  await selectOnQueue(page, `${tag} Nowhere`);
  await page.getByLabel("Partner").selectOption({ label: `${tag} Partner` });
  await page.getByLabel("Reason for the offer").fill("They sell into Antarctica research stations");
  await page.getByRole("button", { name: "Offer to this partner" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 offered." })).toBeVisible();

  await selectOnQueue(page, `${tag} Parked`);
  await page.getByRole("button", { name: "Move to nurture" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 moved to nurture." })).toBeVisible();
  await page.goto(`/manager/leads?q=${tag.toLowerCase()}`);
  const rows = page.getByRole("table", { name: "Leads" }).getByRole("row");
  await expect(rows.filter({ hasText: `${tag} Routable` })).toContainText("Offered");
  await expect(rows.filter({ hasText: `${tag} Nowhere` })).toContainText("Offered");
  await expect(rows.filter({ hasText: `${tag} Parked` })).toContainText("Nurture");
  checkConsole();
});

test("the home page links each counter to its list and shows what needs attention", async ({
  world,
  managerPage: page,
}) => {
  await world.lead({ company: `Hometest${randomUUID().slice(0, 6)}`, territory: "AQ" });
  await page.goto("/manager");
  await expect(page.getByRole("heading", { name: "Needs attention" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Qualified leads without a partner" })).toBeVisible();
  await page.screenshot(shot(`manager-home-${page.viewportSize()?.width}`));
  await page.getByRole("link", { name: /^Offered/ }).click();
  await expect(page).toHaveURL(/\/manager\/leads\?state=offered$/);
  await expect(page.getByLabel("State")).toHaveValue("offered");
  await page.goto("/manager");
  await page.getByRole("link", { name: /^In your queue/ }).click();
  await expect(page).toHaveURL(/\/manager\/queue$/);
});

test.describe("at 360 px", () => {
  test.use({ viewport: { width: 360, height: 800 } });
  test("the lead list, the queue and the home page fit a phone", async ({ world, managerPage: page }) => {
    await world.lead({ company: `Phonetest${randomUUID().slice(0, 6)}`, territory: "AQ" });
    for (const [path, name] of [
      ["/manager/leads", "leads"],
      ["/manager/queue", "queue"],
      ["/manager", "home"],
    ]) {
      await page.goto(path);
      await page.screenshot(shot(`manager-${name}-360`));
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
  });
});
