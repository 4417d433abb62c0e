import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { seriousViolations, watchConsole } from "./support";

/*
 * The rules are global: every spec that changes one puts it back as it found it (as a further
 * version), so the specs after it meet the rules they expect.
 */

async function savePolicy(page: Page, field: string, value: string, note: string) {
  await page.goto("/manager/rules/policy");
  await page.getByLabel(field).fill(value);
  await page.getByLabel("Why the rules change").fill(note);
  await page.getByRole("button", { name: "Save as new version" }).click();
  await expect(page).toHaveURL(/\/manager\/rules$/);
}

test("a manager edits a deadline into a new version; the history and the partners' rules page show what changed", async ({
  managerPage: page,
  adminPage,
  manager,
}) => {
  await page.goto("/manager");
  await page.getByRole("navigation").getByRole("link", { name: "Rules" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("The lead rules in force");
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole("link", { name: "Edit the deadlines and score" }).click();
  const accept = page.getByLabel("Hours to accept an offer");
  const before = await accept.inputValue();
  const after = before === "36" ? "30" : "36";

  // A bad value is refused next to its field and changes nothing.
  await accept.fill("0");
  await page.getByRole("button", { name: "Save as new version" }).click();
  await expect(page.getByText("Enter the hours as a number above 0")).toBeVisible();
  await expect(accept).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Say why the rules change: partners read it.")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: "/tmp/shots/manager-rules-policy-errors.png", fullPage: true });

  const noConsoleErrors = watchConsole(page); // from here on: the refused save above answered 400 on purpose
  const note = `Faster answers ${Date.now()}`;
  await accept.fill(after);
  await page.getByLabel("Why the rules change").fill(note);
  await page.getByRole("button", { name: "Save as new version" }).click();
  await expect(page).toHaveURL(/\/manager\/rules$/);
  await expect(page.getByRole("status")).toContainText(/Version \d+ of the rules is in force/);
  const change = new RegExp(`^Time to accept an offer: .+ → ${after} hours$`);
  const latest = page.getByRole("list", { name: "Versions of the rules" }).getByRole("listitem").first();
  await expect(latest).toContainText("In force");
  await expect(latest).toContainText(note);
  await expect(latest).toContainText(manager.name);
  await expect(latest.getByRole("listitem")).toHaveText([change]);
  await expect(page.getByText(`Accept or decline an offer within ${after} hours.`)).toBeVisible();
  await page.screenshot({ path: "/tmp/shots/manager-rules.png", fullPage: true });

  // Partners read the same rule set, with what changed and why.
  await adminPage.goto("/partner/rules");
  await expect(adminPage.getByText(`Accept or decline an offer within ${after} hours.`)).toBeVisible();
  await expect(adminPage.getByText(change)).toBeVisible();
  await expect(adminPage.getByText(note)).toBeVisible();

  await savePolicy(page, "Hours to accept an offer", before, "Back to the usual time to accept");
  await expect(page.getByRole("status")).toContainText(/Version \d+ of the rules is in force/);
  await expect(page.getByText(`Accept or decline an offer within ${after} hours.`)).toHaveCount(0);
  noConsoleErrors();
});

test("a manager previews a scoring change on today's records, then saves it as a new version", async ({
  managerPage: page,
  world,
}) => {
  await world.lead({ territory: "US-NY" });
  await page.goto("/manager/rules");
  await page.getByRole("link", { name: "Lead scoring" }).click();
  const threshold = page.getByLabel("Threshold (points a lead needs)");
  const before = await threshold.inputValue();

  await threshold.fill("lots");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByText("Enter the threshold: a whole number of points from 0 to 1000.")).toBeVisible();

  // Nothing reaches 1000 points: every current lead would be an inquiry, no inquiry a lead.
  await threshold.fill("1000");
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByRole("status").filter({ hasText: "would become" });
  await expect(preview).toContainText(
    /[1-9][\d,]* current leads? would become (inquiries|an inquiry), 0 inquiries would become leads\./,
  );
  await expect(preview).toContainText("Nothing is saved yet.");
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: "/tmp/shots/manager-rules-scoring-preview.png", fullPage: true });

  // Saving needs a note; then the new threshold is in force and in the history.
  const raised = String(Number(before) + 5);
  await threshold.fill(raised);
  await page.getByRole("button", { name: "Save as new version" }).click();
  await expect(page.getByText("Say why the scoring changes.")).toBeVisible();
  await page.getByLabel("Why the scoring changes").fill("Fewer, better leads for the partners");
  await page.getByRole("button", { name: "Save as new version" }).click();
  await expect(page.getByRole("status")).toContainText(/Scoring version \d+ is in force/);
  const latest = page.getByRole("list", { name: "Versions of the scoring" }).getByRole("listitem").first();
  await expect(latest).toContainText(`Threshold: ${before} → ${raised} points`);
  await expect(latest).toContainText("Fewer, better leads for the partners");
  await expect(threshold).toHaveValue(raised);

  await threshold.fill(before);
  await page.getByLabel("Why the scoring changes").fill("Back to the usual threshold");
  await page.getByRole("button", { name: "Save as new version" }).click();
  await expect(page.getByRole("status")).toContainText(/Scoring version \d+ is in force/);
  await expect(threshold).toHaveValue(before);
});

test("a manager adds, renames and retires a reason; a retired one cannot be added again", async ({
  managerPage: page,
}) => {
  const label = `Budget frozen ${Date.now()}`;
  await page.goto("/manager/rules/reasons");
  await page.getByRole("button", { name: "Add lost reason" }).click();
  await expect(page.getByText("Enter the reason as partners will read it.")).toBeVisible();

  await page.getByLabel("New lost reason").fill(label);
  await page.getByRole("button", { name: "Add lost reason" }).click();
  await expect(page.getByRole("status")).toContainText("Reason added in lost reasons.");
  await page.getByLabel(`New label for “${label}”`).fill(`${label} until next year`);
  await page.getByRole("button", { name: `Rename “${label}”` }).click();
  await expect(page.getByRole("status")).toContainText("Reason renamed");
  const renamed = `${label} until next year`;
  await page.getByRole("button", { name: `Retire “${renamed}”` }).click();
  await expect(page.getByRole("status")).toContainText("Partners no longer see it");
  await expect(page.getByRole("button", { name: `Restore “${renamed}”` })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: "/tmp/shots/manager-rules-reasons.png", fullPage: true });

  await page.getByLabel("New lost reason").fill(renamed);
  await page.getByRole("button", { name: "Add lost reason" }).click();
  await expect(page.getByText(`“${renamed}” is on this list, retired: restore it instead.`).first()).toBeVisible();
});
