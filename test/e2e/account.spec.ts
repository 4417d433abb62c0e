import type { Locator } from "@playwright/test";
import { expect, test } from "./fixtures";
import { seriousViolations, signIn, watchConsole } from "./support";

/** What a `<time>` must read in the zone: the instant of its `datetime`, as DateTime writes it. */
async function expectShownIn(time: Locator, zone: string, zoneName: string) {
  const at = new Date((await time.getAttribute("datetime"))!);
  const expected = new Intl.DateTimeFormat("en-GB", {
    timeZone: zone,
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  }).format(at);
  expect(expected).toContain(zoneName);
  await expect(time).toHaveText(expected);
}

test("the time zone chosen on the account page names every time in the portal", async ({
  managerPage: page,
  manager,
}) => {
  const noConsoleErrors = watchConsole(page);
  await page.goto("/manager");
  // Client-side, from the header.
  await page.getByRole("banner").getByRole("link", { name: "Account" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(manager.name);
  await expect(page.getByText(manager.email)).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  noConsoleErrors();

  // By keyboard: pick the zone, then Enter in the name field submits the form.
  await page.getByLabel("Time zone").selectOption("Asia/Tokyo");
  await page.getByLabel("Name").press("Enter");
  await expect(page.getByRole("status")).toContainText("Saved. Times are shown in Asia/Tokyo.");
  await expect(page.getByLabel("Time zone")).toHaveValue("Asia/Tokyo");
  await expectShownIn(page.locator("dd time"), "Asia/Tokyo", "GMT+9");
  await page.screenshot({ path: "/tmp/people-pages-account.png", fullPage: true });

  // Another page: a pending invitation's expiry, in the same zone.
  const email = `zone-${Date.now()}@vendor.test`;
  await page.goto("/manager/people");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Create invitation" }).click();
  await expectShownIn(page.getByRole("status").locator("time"), "Asia/Tokyo", "GMT+9");
  await page.reload();
  await expectShownIn(page.getByRole("listitem").filter({ hasText: email }).locator("time"), "Asia/Tokyo", "GMT+9");

  // And back to another zone.
  await page.goto("/account");
  await page.getByLabel("Time zone").selectOption("America/Sao_Paulo");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("status")).toContainText("Saved. Times are shown in America/Sao_Paulo.");
  await expectShownIn(page.locator("dd time"), "America/Sao_Paulo", "GMT-3");
});

test("bad profile input is named and changes nothing", async ({ adminPage: page, partner }) => {
  const admin = partner.admin;
  await page.goto("/account");
  await page.getByLabel("Name").fill("   ");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Enter your name.")).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
  expect(await seriousViolations(page)).toEqual([]);

  // A zone that is not on the list, posted by hand.
  const response = await page.request.post("/account", {
    form: { intent: "save-profile", name: "Someone Else", time_zone: "Mars/Olympus" },
  });
  expect(response.status()).toBe(400);
  expect(await response.text()).toContain("Choose a time zone from the list, like Europe/Berlin.");

  await page.goto("/account");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(admin.name);
  await expect(page.getByLabel("Name")).toHaveValue(admin.name);
});

test("changing the password needs the current one, and then the new one signs in", async ({ page, partner }) => {
  const rep = partner.rep;
  const newPassword = "a different passphrase";
  await signIn(page, rep.email, rep.password);
  await expect(page).toHaveURL(/\/partner$/);
  await page.getByRole("banner").getByRole("link", { name: "Account" }).click();
  await page.getByRole("link", { name: "Change password" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Change password");
  expect(await seriousViolations(page)).toEqual([]);

  const submit = page.getByRole("button", { name: "Change password" });
  await submit.click();
  await expect(page.getByText("Enter your current password.")).toBeVisible();
  await expect(page.getByText("Enter a new password.")).toBeVisible();
  await expect(page.getByText("Type the new password again.")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: "/tmp/people-pages-password.png", fullPage: true });

  await page.getByLabel("Current password").fill("not my password");
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("New password again").fill(newPassword);
  await submit.click();
  await expect(page.getByText("This is not your current password.")).toBeVisible();
  await expect(page.getByLabel("Current password")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Current password").fill(rep.password);
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("New password again").fill("a different passphrase!");
  await submit.click();
  await expect(page.getByText("The two new passwords are not the same.")).toBeVisible();

  await page.getByLabel("Current password").fill(rep.password);
  await page.getByLabel("New password", { exact: true }).fill(rep.password);
  await page.getByLabel("New password again").fill(rep.password);
  await submit.click();
  await expect(page.getByText("Choose a password different from the current one.")).toBeVisible();

  // By keyboard: Enter in the last field.
  await page.getByLabel("Current password").fill(rep.password);
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("New password again").fill(newPassword);
  await page.getByLabel("New password again").press("Enter");
  await expect(page).toHaveURL(/\/partner$/);
  await expect(page.getByRole("status")).toContainText("Your password has been changed.");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await signIn(page, rep.email, rep.password);
  await expect(page.getByRole("alert")).toContainText("The email or password is not right");
  await signIn(page, rep.email, newPassword);
  await expect(page).toHaveURL(/\/partner$/);
});
