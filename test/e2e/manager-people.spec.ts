import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { seriousViolations, signIn, watchConsole } from "./support";

/** A browser of its own, signed in as no one: where an invitee opens their link. */
async function freshPage(browser: Browser, baseURL: string): Promise<Page> {
  return (await browser.newContext({ baseURL })).newPage();
}

const uniqueEmail = (who: string) => `${who}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@vendor.test`;

/** Invites a channel manager on /manager/people (by keyboard) and returns the link shown. */
async function invite(page: Page, email: string): Promise<string> {
  await page.goto("/manager/people");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Email").press("Enter");
  await expect(page.getByRole("status")).toContainText(`Invitation for ${email} created`);
  return page.getByLabel("Invitation link").inputValue();
}

test("a manager invites another: the link is shown once and signs the new manager in", async ({
  managerPage: page,
  browser,
  baseURL,
}) => {
  const noConsoleErrors = watchConsole(page);
  await page.goto("/manager/people");
  expect(await seriousViolations(page)).toEqual([]);

  const email = uniqueEmail("new-manager");
  const link = await invite(page, email);
  expect(link).toMatch(new RegExp(`^${baseURL}/invite/[A-Za-z0-9_-]{20,}$`));
  await expect(page.getByRole("status")).toContainText("It is shown only now.");
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: "/tmp/people-pages-invited.png", fullPage: true });

  // Shown once: the page again lists the invitation, without its link.
  await page.reload();
  await expect(page.getByLabel("Invitation link")).toHaveCount(0);
  await expect(page.getByRole("listitem").filter({ hasText: email })).toContainText("expires");
  expect(await page.content()).not.toContain(link.split("/invite/")[1]);
  noConsoleErrors();

  const invitee = await freshPage(browser, baseURL!);
  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { level: 1 })).toHaveText("Accept your invitation");
  await expect(invitee.getByText("You are invited as channel manager")).toBeVisible();
  await expect(invitee.getByLabel("Email")).toHaveValue(email);
  await expect(invitee.getByLabel("Email")).toHaveAttribute("readonly", "");
  expect(await seriousViolations(invitee)).toEqual([]);
  await invitee.screenshot({ path: "/tmp/people-pages-accept.png", fullPage: true });

  // Bad input: each message next to its field, and nothing is used up.
  await invitee.getByRole("button", { name: "Create my account" }).click();
  await expect(invitee.getByText("Enter your name.")).toBeVisible();
  await expect(invitee.getByText("Choose a password.")).toBeVisible();
  await expect(invitee.getByLabel("Your name")).toHaveAttribute("aria-invalid", "true");
  expect(await seriousViolations(invitee)).toEqual([]);
  await invitee.getByLabel("Your name").fill("Nadia Okafor");
  await invitee.getByLabel("Password", { exact: true }).fill("short");
  await invitee.getByLabel("Password again").fill("short");
  await invitee.getByRole("button", { name: "Create my account" }).click();
  await expect(invitee.getByText("Use at least 10 characters.")).toBeVisible();
  await expect(invitee.getByLabel("Your name")).toHaveValue("Nadia Okafor");
  await invitee.getByLabel("Password", { exact: true }).fill("a long enough passphrase");
  await invitee.getByLabel("Password again").fill("another long passphrase");
  await invitee.getByRole("button", { name: "Create my account" }).click();
  await expect(invitee.getByText("The two passwords are not the same.")).toBeVisible();

  // By keyboard: the password again, then Enter.
  await invitee.getByLabel("Password", { exact: true }).fill("a long enough passphrase");
  await invitee.getByLabel("Password again").fill("a long enough passphrase");
  await invitee.getByLabel("Password again").press("Enter");
  await expect(invitee).toHaveURL(/\/manager$/);
  await expect(invitee.getByRole("status")).toContainText("Welcome, Nadia Okafor. Your account is ready.");
  await expect(invitee.getByRole("banner")).toContainText("Nadia Okafor");

  // The inviter sees the new manager, and the invitation is no longer pending.
  await page.reload();
  await expect(page.getByRole("row").filter({ hasText: email })).toContainText("Nadia Okafor");
  await expect(page.getByRole("listitem").filter({ hasText: email })).toHaveCount(0);

  // The link worked once: opened again, it explains itself.
  const again = await freshPage(browser, baseURL!);
  await again.goto(link);
  await expect(again.getByRole("heading", { level: 1 })).toHaveText("This invitation cannot be used");
  await expect(again.getByRole("status")).toContainText("This invitation has already been used.");
  expect(await seriousViolations(again)).toEqual([]);
  await again.getByRole("link", { name: "Sign in" }).click();
  await expect(again).toHaveURL(/\/login$/);
  await signIn(again, email, "a long enough passphrase");
  await expect(again).toHaveURL(/\/manager$/);
  await invitee.context().close();
  await again.context().close();
});

test("inviting needs a new, valid email address", async ({ managerPage: page, manager }) => {
  await page.goto("/manager/people");
  const create = page.getByRole("button", { name: "Create invitation" });

  await create.click();
  await expect(page.getByText("Enter a valid email address, like name@company.com.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByLabel("Email").fill("not an address");
  await create.click();
  await expect(page.getByText("Enter a valid email address, like name@company.com.")).toBeVisible();

  await page.getByLabel("Email").fill(manager.email.toUpperCase());
  await create.click();
  await expect(page.getByText("Someone with this email already has an account.").first()).toBeVisible();
  await expect(page.getByLabel("Invitation link")).toHaveCount(0);
  await expect(page.getByRole("listitem").filter({ hasText: manager.email })).toHaveCount(0);
});

test("a disabled manager is signed out and cannot sign in again", async ({
  managerPage: page,
  world,
  browser,
  baseURL,
}) => {
  const other = await world.manager();
  const otherPage = await world.pageAs(other);
  await otherPage.goto("/manager");
  await expect(otherPage).toHaveURL(/\/manager$/);

  await page.goto("/manager/people");
  const row = page.getByRole("row").filter({ hasText: other.email });
  // By keyboard: focus the row's button and press Enter.
  await row.getByRole("button", { name: `Disable ${other.name}` }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status")).toContainText(`${other.name} is disabled and signed out everywhere.`);
  await expect(row).toContainText("Disabled");
  await expect(row.getByRole("button")).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);

  // Their open session has ended.
  await otherPage.reload();
  await expect(otherPage).toHaveURL(/\/login/);

  // And their password no longer signs them in.
  const signInPage = await freshPage(browser, baseURL!);
  await signIn(signInPage, other.email, other.password);
  await expect(signInPage).toHaveURL(/\/login/);
  await expect(signInPage.getByRole("alert")).toContainText("This account has been disabled.");
  await signInPage.context().close();
});

test("a manager cannot disable their own account, so the last manager stays", async ({
  managerPage: page,
  manager,
}) => {
  await page.goto("/manager/people");
  const mine = page.getByRole("row").filter({ hasText: manager.email });
  await expect(mine).toContainText("You");
  await expect(mine).toContainText("Active");
  await expect(mine.getByRole("button")).toHaveCount(0);

  // Even posted by hand, the server refuses it with a reason and changes nothing.
  const response = await page.request.post("/manager/people", {
    form: { intent: "disable", userId: manager.id },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(400);
  expect(await response.text()).toContain("You cannot disable your own account.");
  await page.reload();
  await expect(mine).toContainText("Active");

  // A user id that is not one.
  const bad = await page.request.post("/manager/people", { form: { intent: "disable", userId: "nobody" } });
  expect(bad.status()).toBe(400);
  expect(await bad.text()).toContain("Choose a channel manager.");
});

test.describe("an invitation link that cannot be used explains itself", () => {
  test("an unknown link", async ({ page }) => {
    const response = await page.goto("/invite/not-a-real-token");
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("This invitation cannot be used");
    await expect(page.getByRole("status")).toContainText("This invitation link is not valid.");
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("an expired link, and its page posted anyway", async ({ managerPage: page, browser, baseURL }) => {
    const email = uniqueEmail("late");
    const link = await invite(page, email);
    const invitee = await freshPage(browser, baseURL!);
    await invitee.goto(link); // opened in time…

    // …but finished eight days later (the test clock, set back afterwards).
    const before = (await (await page.request.get("/dev/clock")).json()) as { now: string };
    const started = Date.now();
    try {
      const moved = await page.request.post("/dev/clock", { form: { intent: "advance", minutes: 8 * 24 * 60 } });
      expect(moved.ok()).toBe(true);

      await invitee.getByLabel("Your name").fill("Late Larry");
      await invitee.getByLabel("Password", { exact: true }).fill("a long enough passphrase");
      await invitee.getByLabel("Password again").fill("a long enough passphrase");
      await invitee.getByRole("button", { name: "Create my account" }).click();
      await expect(invitee.getByRole("alert")).toContainText("This invitation has expired (they last 7 days).");
      await expect(invitee).toHaveURL(link);

      await invitee.goto(link);
      await expect(invitee.getByRole("heading", { level: 1 })).toHaveText("This invitation cannot be used");
      await expect(invitee.getByRole("status")).toContainText("This invitation has expired (they last 7 days).");
      expect(await seriousViolations(invitee)).toEqual([]);

      await page.goto("/manager/people");
      await expect(page.getByRole("listitem").filter({ hasText: email })).toHaveCount(0);
    } finally {
      const back = new Date(new Date(before.now).getTime() + (Date.now() - started)).toISOString();
      await page.request.post("/dev/clock", { form: { intent: "set", at: back } });
      await invitee.context().close();
    }
  });
});
