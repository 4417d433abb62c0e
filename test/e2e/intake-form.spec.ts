import { expect, test } from "./fixtures";
import { watchConsole } from "./support";

test("a channel manager types in a lead, sees its score move, fixes a field and saves it", async ({
  managerPage: page,
}) => {
  await page.goto("/manager");
  await expect(page).toHaveURL(/\/manager$/);
  let noConsoleErrors = watchConsole(page);
  await page.goto("/manager/intake/new");

  const preview = page.locator("section", { hasText: "Score preview" });
  await page.getByLabel("Contact name").fill("Grace Hopper");
  await page.getByLabel("Company", { exact: true }).fill(`Compiler Works ${Date.now()}`);
  await page.getByLabel("Territory").fill("US-CA");
  await expect(preview).toContainText("10 points");
  await expect(preview).toContainText("Inquiry");
  await page.getByLabel("Contact title or role").fill("Director of Engineering");
  await page.getByLabel("Vertical").selectOption("software");
  await expect(preview).toContainText("45 points");
  await expect(preview).toContainText("Qualified lead");
  noConsoleErrors();

  // A bad email is named next to the field; nothing is saved (the browser logs the 400).
  await page.getByLabel("Contact email").fill("grace-at-navy");
  await page.getByRole("button", { name: "Save lead" }).click();
  await expect(page.getByText("Contact email must be an email address such as name@example.com.")).toBeVisible();
  await expect(page.getByLabel("Contact email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Contact name")).toHaveValue("Grace Hopper");

  noConsoleErrors = watchConsole(page);
  await page.getByLabel("Contact email").fill("grace@navy.example");
  await page.getByRole("button", { name: "Save lead" }).click();
  await expect(page.getByRole("status")).toContainText(
    "Lead for Grace Hopper saved: score 45, qualified and handed to routing.",
  );
  noConsoleErrors();
});
