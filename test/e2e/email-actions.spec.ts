/**
 * Links from email (ADR 021): opening one shows what the button will do and changes nothing;
 * the button acts once, as the link's user; a reused link explains itself; a cross-site post
 * is refused. Also at 360 px (PHONE_SPECS): people open these from their phones.
 */
import { expect, test } from "./fixtures";
import { seriousViolations, signIn, watchConsole } from "./support";

const shot = (name: string, project: string) => ({ path: `/tmp/shots/email-${name}-${project}.png`, fullPage: true });

test("an accept link opened signed out: the page changes nothing, the button accepts once, then sign-in shows the lead", async ({
  page,
  partner,
  world,
  adminPage,
}, info) => {
  const company = `Mailed Offer ${Date.now()}`;
  const { lead, offerId } = await world.offer(partner.partner.id, { company });
  const { path } = await world.actionLink(partner.admin, offerId, "accept_offer");
  const noConsoleErrors = watchConsole(page);

  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: "Accept this offer?" })).toBeVisible();
  await expect(page.getByRole("heading", { name: company })).toContainText("Score 60");
  await expect(page.getByText("Accept by")).toBeVisible();
  await expect(page.getByText(`You act as ${partner.admin.name}`)).toBeVisible();
  const html = await page.content();
  expect(html).not.toContain("Casey Buyer");
  expect(html).not.toContain("@customer.test");
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot(shot("confirm-accept", info.project.name));

  // Opening the link (as a mail scanner would) left the offer waiting in the inbox.
  await adminPage.goto("/partner");
  await expect(adminPage.getByRole("heading", { name: company })).toBeVisible();

  await page.getByRole("button", { name: "Accept the offer" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Done" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText(`Offer accepted: ${company}`);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot(shot("done", info.project.name));
  noConsoleErrors();

  await page.getByRole("link", { name: "Sign in to see the lead" }).click();
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fpartner%2Fleads%2F/);
  await signIn(page, partner.admin.email, partner.admin.password);
  await expect(page).toHaveURL(new RegExp(`/partner/leads/${lead.id}$`));
  await expect(page.getByText("Casey Buyer")).toBeVisible();

  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: "This link cannot be used" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("already been used");
  await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot(shot("used", info.project.name));
});

test("a touch link opened while signed in as its user logs the touch chosen and shows the lead", async ({
  partner,
  world,
  repPage,
}, info) => {
  const company = `Mailed Touch ${Date.now()}`;
  const { lead, offerId } = await world.accepted(partner.partner.id, { company });
  const { path } = await world.actionLink(partner.rep, offerId, "log_touch");

  await repPage.goto(path);
  await expect(repPage.getByRole("heading", { level: 1, name: "Did you contact them?" })).toBeVisible();
  await expect(repPage.getByRole("radio", { name: "A call" })).toBeChecked();
  expect(await seriousViolations(repPage)).toEqual([]);
  await repPage.screenshot(shot("confirm-touch", info.project.name));

  await repPage.getByRole("radio", { name: "An email" }).check();
  await repPage.getByRole("button", { name: "Log the touch" }).click();
  await expect(repPage).toHaveURL(new RegExp(`/partner/leads/${lead.id}$`));
  await expect(repPage.getByRole("status")).toContainText(`Touch logged on ${company}.`);
  const latest = repPage.getByRole("list", { name: "Timeline, latest first" }).getByRole("listitem").first();
  await expect(latest).toContainText(/^Email · /);
});

test("a post from another site is refused and the link still works", async ({ page, partner, world }) => {
  const { offerId } = await world.offer(partner.partner.id);
  const { path } = await world.actionLink(partner.admin, offerId, "accept_offer");
  const forged = await page.request.post(path, {
    form: { intent: "accept_offer" },
    headers: { Origin: "https://attacker.example" },
  });
  expect(forged.status()).toBe(403);
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: "Accept this offer?" })).toBeVisible();
});
