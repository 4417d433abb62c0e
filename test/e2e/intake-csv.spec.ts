import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { watchConsole } from "./support";

/**
 * A CSV with good and bad rows, through the browser: upload, map a column the portal cannot
 * guess, watch the progress, read the result and download the rejects.
 */
const ROWS = 30_000;
const BAD = [7, 11, 2500, 29_999]; // data row numbers with a bad territory

function mixedCsv(tag: string): Buffer {
  const lines = ["Ref;Person;Org;Mail;Country;Title"];
  for (let i = 1; i <= ROWS; i++) {
    const country = BAD.includes(i) ? "Middle Earth" : i % 3 ? "US-CA" : "DE";
    lines.push(`${tag}-${i};Person ${i};Org ${tag} ${i};p${i}.${tag}@e2e.example;${country};Director`);
  }
  return Buffer.from(lines.join("\r\n") + "\r\n");
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

test("a channel manager imports a CSV with good and bad rows, maps a column, watches it load and downloads the rejects", async ({
  managerPage: page,
}) => {
  test.setTimeout(120_000);
  // Console errors are checked between the steps that answer 400 on purpose (the browser logs those).
  let noConsoleErrors = watchConsole(page);
  const tag = `e${Date.now().toString(36)}`;
  const csv = mixedCsv(tag);
  await page.goto("/manager");
  await expect(page).toHaveURL(/\/manager$/);

  await page.getByRole("link", { name: "Intake" }).click();
  await page.getByRole("link", { name: "Import a file" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Import a CSV file");
  expect(await seriousViolations(page)).toEqual([]);

  noConsoleErrors();
  // Upload without a source: the field says what is missing, nothing is imported.
  await page.getByLabel("CSV file").setInputFiles({ name: "badge-scans.csv", mimeType: "text/csv", buffer: csv });
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByText("Name the source of this file")).toBeVisible();
  noConsoleErrors = watchConsole(page);

  await page.getByLabel("CSV file").setInputFiles({ name: "badge-scans.csv", mimeType: "text/csv", buffer: csv });
  await page.getByLabel("Source").fill("Spring summit badge scans");
  await page.getByRole("button", { name: "Upload" }).click();

  // Mapping: the delimiter was detected, "Org" must be mapped by hand.
  await expect(page.getByRole("status")).toContainText("File received");
  await expect(page.getByLabel("Delimiter")).toHaveValue(";");
  await expect(page.getByLabel("Encoding")).toHaveValue("utf-8");
  await expect(page.getByRole("table", { name: /first 5 rows as read/ })).toContainText(`Org ${tag} 1`);
  const orgColumn = page.getByLabel("Org", { exact: true });
  await expect(orgColumn).toHaveValue("");
  await expect(page.getByLabel("Mail", { exact: true })).toHaveValue("contact_email");
  expect(await seriousViolations(page)).toEqual([]);

  noConsoleErrors();
  // Starting without a company column is refused with the reason.
  await page.getByRole("button", { name: "Start the import" }).click();
  await expect(page.getByText("Choose the column that holds “Company”.")).toBeVisible();

  noConsoleErrors = watchConsole(page);
  await orgColumn.selectOption("company_name");
  await page.getByRole("button", { name: "Start the import" }).click();

  // Progress, read from the staging table while the import runs.
  await expect(page.getByRole("progressbar")).toBeVisible();
  await expect(page.getByText(/rows read/)).toBeVisible();

  // The result.
  await expect(page.getByText("Leads created")).toBeVisible({ timeout: 90_000 });
  const good = ROWS - BAD.length;
  await expect(page.getByRole("region", { name: "Import result" })).toContainText(good.toLocaleString("en-US"));
  const rejects = page.getByRole("table", { name: "Rejected rows" });
  await expect(rejects).toContainText("Country");
  for (const row of BAD) await expect(rejects.getByRole("cell", { name: String(row + 1), exact: true })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: /Download rejected rows/ }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("badge-scans-rejects.csv");
  const text = (await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, "");
  const lines = text.trimEnd().split("\r\n");
  expect(lines[0]).toBe('"line","field","reason","Ref","Person","Org","Mail","Country","Title"');
  expect(lines).toHaveLength(BAD.length + 1);
  expect(lines[1]).toBe(
    `"8","Country","Country: must be an ISO 3166 country or subdivision code such as US, US-CA or DE","${tag}-7","Person 7","Org ${tag} 7","p7.${tag}@e2e.example","Middle Earth","Director"`,
  );

  // The same file again: "already imported", and nothing is doubled.
  await page.goto("/manager/intake/imports");
  await page.getByLabel("CSV file").setInputFiles({ name: "badge-scans-again.csv", mimeType: "text/csv", buffer: csv });
  await page.getByLabel("Source").fill("Spring summit badge scans");
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByRole("status")).toContainText("already imported");
  await expect(page.getByRole("region", { name: "Import result" })).toContainText(good.toLocaleString("en-US"));
  noConsoleErrors();
});
