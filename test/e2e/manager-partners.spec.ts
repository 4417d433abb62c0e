import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { seriousViolations, watchConsole } from "./support";

const shot = (name: string) => ({ path: `/tmp/shots/partners-${name}.png`, fullPage: true });
const panel = (page: Page, title: string | RegExp) =>
  page.locator("section", { has: page.getByRole("heading", { level: 2, name: title }) });
const header = (page: Page) => page.locator(".page-header");

/** A calendar day (YYYY-MM-DD) this many days from now. */
function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The partner list is by name, 50 a page: page on until the partner's row shows. */
async function partnerRow(page: Page, name: string) {
  await page.goto("/manager/partners");
  const table = page.getByRole("table", { name: "Partners by name" });
  const row = table.getByRole("row", { name: new RegExp(name) });
  while (!(await row.isVisible())) {
    const next = await page.getByRole("link", { name: "Next page" }).getAttribute("href");
    await page.goto(`/manager/partners${next!}`);
  }
  return row;
}

test("a manager creates a partner (bad input first), edits it, invites its admin and finds it in the list", async ({
  managerPage: page,
}) => {
  const tag = randomUUID().slice(0, 6);
  const name = `Aardvark Systems ${tag}`;
  await page.goto("/manager/partners");
  await expect(page.getByRole("heading", { level: 1, name: "Partners" })).toBeVisible();
  await page.screenshot(shot("list"));
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole("link", { name: "New partner" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "New partner" })).toBeVisible();

  // Nothing filled in, a territory in words and a capacity in words: each field says what is wrong.
  await page.getByLabel("Territories").fill("Texas");
  await page.getByLabel("Capacity (open leads)").fill("lots");
  await page.getByRole("button", { name: "Create partner" }).click();
  await expect(page.getByText("Enter the partner's name.")).toBeVisible();
  await expect(page.getByText("Enter a valid email address, like channel@partner.com.")).toBeVisible();
  await expect(page.getByText("Use codes separated by commas, like US, US-CA, DE.")).toBeVisible();
  await expect(page.getByText("Enter a whole number of open leads, from 0 to 9999.")).toBeVisible();
  await expect(page.getByLabel("Territories")).toHaveValue("Texas");
  expect(await seriousViolations(page)).toEqual([]);

  const checkCreation = watchConsole(page);
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Channel contact email").fill(`channel-${tag}@aardvark.test`);
  await page.getByLabel("Territories").fill("US-TX, US-OK");
  await page.getByLabel("Verticals").fill("software");
  await page.getByLabel("Capacity (open leads)").fill("5");
  await page.getByLabel("Partner's time zone").selectOption("America/Chicago");
  await page.screenshot(shot("new"));
  await page.getByRole("button", { name: "Create partner" }).click();
  await expect(page.getByRole("status")).toContainText(`Partner “${name}” created. Invite its admin below.`);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const settings = panel(page, "Settings");
  await expect(settings).toContainText("US-TXUS-OK");
  await expect(settings).toContainText("0 of 5 (capacity)");
  await expect(settings).toContainText("Not paused");
  await expect(settings).toContainText("America/Chicago");
  await expect(header(page)).toContainText("Good standing");
  await expect(page.getByRole("heading", { level: 2, name: /Scorecard: \d+ Provisional/ })).toBeVisible();
  checkCreation();

  // Edit: a pause (shown in the partner's zone, named) and a larger capacity.
  await page.getByRole("link", { name: "Edit partner" }).click();
  await expect(page.getByLabel("Name")).toHaveValue(name);
  await page.getByLabel("Capacity (open leads)").fill("");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Enter a whole number of open leads, from 0 to 9999.")).toBeVisible();
  await page.getByLabel("Capacity (open leads)").fill("8");
  await page.getByLabel("Paused until").fill(daysFromNow(10));
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toContainText(`Partner “${name}” saved.`);
  await expect(settings).toContainText("0 of 8 (capacity)");
  await expect(settings).toContainText(/Paused until\s*\w{3}, \d+ \w{3} \d{4}, 00:00 GMT-6/);
  await expect(header(page)).toContainText("Paused");

  // Invite the admin: the link is shown once.
  const invite = page.getByRole("form", { name: "Invite the partner's admin" });
  await invite.getByRole("button", { name: "Create invitation" }).click();
  await expect(invite.locator(".field-error")).toBeVisible();
  // The refusals above answer 400 on purpose; from here on nothing may fail.
  const checkConsole = watchConsole(page);
  await invite.getByLabel("Admin's email").fill(`admin-${tag}@aardvark.test`);
  await invite.getByRole("button", { name: "Create invitation" }).click();
  await expect(page.getByLabel("Invitation link")).toHaveValue(/\/invite\/[\w-]+$/);
  await expect(page.getByText(`Invitation for admin-${tag}@aardvark.test created.`)).toBeVisible();
  await page.screenshot(shot("invited"));
  expect(await seriousViolations(page)).toEqual([]);
  await page.reload();
  await expect(page.getByLabel("Invitation link")).toHaveCount(0);
  await expect(panel(page, "People")).toContainText(`Invited, not yet accepted: admin-${tag}@aardvark.test`);

  // The list shows its standing, provisional score, open leads against capacity and last activity.
  const row = await partnerRow(page, name);
  await expect(row).toContainText("Good standing");
  await expect(row).toContainText("Provisional");
  await expect(row).toContainText("0 / 8");
  await expect(row).toContainText("never");
  await row.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  checkConsole();
});

test("a manager withholds and reinstates a partner with a reason and an end, and disables one of its people", async ({
  partner,
  world,
  managerPage: page,
  adminPage,
  repPage,
}) => {
  await world.excuse(partner.partner.id, "The customer went silent.", { company: `Breach ${partner.partner.id}` });
  await page.goto(`/manager/partners/${partner.partner.id}`);
  await expect(panel(page, "Breaches").getByRole("row", { name: /First touch/ })).toContainText(
    `Breach ${partner.partner.id}`,
  );
  await expect(panel(page, "Settings")).toContainText("1 of 10 (capacity)");

  // Without a reason or an end, or ending in the past: nothing changes.
  const withhold = page.getByRole("form", { name: "Force a withhold" });
  await withhold.getByRole("button", { name: "Withhold partner" }).click();
  await expect(withhold.getByText("Give a reason; the partner sees it.")).toBeVisible();
  await expect(withhold.getByText("Choose the day the override ends (YYYY-MM-DD).")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await withhold.getByLabel("Reason (the partner sees it)").fill("Three missed first touches.");
  await withhold.getByLabel("Ends on").fill("2020-01-01");
  await withhold.getByRole("button", { name: "Withhold partner" }).click();
  await expect(withhold.getByText("The override must expire in the future.")).toBeVisible();
  await expect(header(page)).toContainText("Good standing");
  await expect(page.getByRole("table", { name: /Forced withholds/ })).toHaveCount(0);

  // By keyboard: the reason, Tab to the day, Enter on the button.
  const checkConsole = watchConsole(page);
  await withhold.getByLabel("Reason (the partner sees it)").fill("");
  await withhold.getByLabel("Reason (the partner sees it)").focus();
  await page.keyboard.type("Three missed first touches in a week.");
  await page.keyboard.press("Tab");
  await expect(withhold.getByLabel("Ends on")).toBeFocused();
  await withhold.getByLabel("Ends on").fill(daysFromNow(14));
  await withhold.getByRole("button", { name: "Withhold partner" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status")).toContainText(
    "The partner is withheld: no new offers until the override ends.",
  );
  await expect(header(page)).toContainText("Withheld");
  await expect(header(page)).toContainText("Override until");
  await expect(withhold.getByLabel("Reason (the partner sees it)")).toHaveValue("");
  await expect(panel(page, "Override the standing")).toContainText("“Three missed first touches in a week.”");
  const overrides = page.getByRole("table", { name: /Forced withholds/ });
  await expect(overrides.getByRole("row").nth(1)).toContainText("Forced withhold");
  await expect(overrides.getByRole("row").nth(1)).toContainText("Three missed first touches in a week.");
  const history = page.getByRole("table", { name: "Standing changes, newest first" });
  await expect(history).toContainText("good → withheld");
  await expect(history).not.toContainText(/\d{4}-\d\d-\d\dT\d\d:/);
  await page.screenshot(shot("withheld"));

  // The partner reads why, the override's end in its own zone with the zone named: no raw timestamp.
  await adminPage.goto("/partner/compliance");
  const standing = adminPage.getByRole("main");
  await expect(standing).toContainText(
    /Withheld by a channel manager until \w{3},? \d{1,2} \w{3} \d{4}, \d\d:\d\d \S+: Three missed first touches in a week\./,
  );
  await expect(standing).not.toContainText(/\d{4}-\d\d-\d\dT\d\d:/);
  await adminPage.screenshot(shot("partner-withheld"));

  await page.getByRole("button", { name: "End the override now" }).click();
  await expect(page.getByRole("status")).toContainText("The override has ended");
  await expect(header(page)).not.toContainText("Override until");

  const reinstate = page.getByRole("form", { name: "Reinstate" });
  await reinstate.getByLabel("Reason (the partner sees it)").fill("The breach was a mail outage on our side.");
  await reinstate.getByLabel("Ends on").fill(daysFromNow(7));
  await reinstate.getByRole("button", { name: "Reinstate partner" }).click();
  await expect(page.getByRole("status")).toContainText("The partner is reinstated until the override ends.");
  await expect(header(page)).toContainText("Good standing");
  await expect(overrides.getByRole("row").nth(1)).toContainText("Reinstated");
  await expect(overrides).toContainText("Override ended");

  // Disable the rep: signed out everywhere.
  const people = page.getByRole("table", { name: "People of this partner" });
  await expect(people.getByRole("row", { name: new RegExp(partner.rep.name) })).toContainText("Partner rep");
  await page.getByRole("button", { name: `Disable ${partner.rep.name}` }).click();
  await expect(page.getByRole("status")).toContainText(`${partner.rep.name} is disabled and signed out everywhere.`);
  await expect(people.getByRole("row", { name: new RegExp(partner.rep.name) })).toContainText("Disabled");
  await expect(page.getByRole("button", { name: `Disable ${partner.rep.name}` })).toHaveCount(0);
  await repPage.goto("/partner");
  await expect(repPage).toHaveURL(/\/login/);
  await page.screenshot(shot("partner"));
  expect(await seriousViolations(page)).toEqual([]);
  checkConsole();
});

test("a partner page or edit page that does not exist says so", async ({ managerPage: page }) => {
  for (const path of [`/manager/partners/${randomUUID()}`, `/manager/partners/${randomUUID()}/edit`]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByText("There is no partner at this address.")).toBeVisible();
  }
});
