import { expect, test } from "@playwright/test";
import { watchConsole } from "./support";

// Runs on the server started empty (`--empty`, project "first-run"): no user exists yet.
test("an empty portal opens on its setup, which creates the first channel manager once", async ({ page }) => {
  let noConsoleErrors = watchConsole(page);
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Set up the portal");
  await expect(page.getByText("Demo data")).toHaveCount(0);
  noConsoleErrors();

  await page.getByLabel("Your name").fill("Ana Lima");
  await page.getByLabel("Email").fill("ana@vendor.test");
  await page.getByLabel("Password", { exact: true }).fill("a long enough passphrase");
  await page.getByLabel("Password again").fill("something else entirely");
  await page.getByRole("button", { name: "Create account and sign in" }).click();
  await expect(page.getByText("The two passwords are not the same.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue("ana@vendor.test");
  noConsoleErrors = watchConsole(page); // from here on (the refusal above is a 400 the console reports)

  await page.getByLabel("Password", { exact: true }).fill("a long enough passphrase");
  await page.getByLabel("Password again").fill("a long enough passphrase");
  await page.getByRole("button", { name: "Create account and sign in" }).click();
  await expect(page).toHaveURL(/\/manager$/);
  await expect(page.getByRole("status")).toContainText("Welcome, Ana Lima: the portal is yours.");

  // Never again: the setup is gone, for the manager and for anyone else.
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/manager$/);
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/login$/);
  await page.getByLabel("Email").fill("ana@vendor.test");
  await page.getByLabel("Password", { exact: true }).fill("a long enough passphrase");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/manager$/);
  noConsoleErrors();
});
