import { expect, test } from "./fixtures";
import { watchConsole } from "./support";

test("a channel manager rejects a note-less rejection, then approves a partner's excuse and it leaves the queue", async ({
  managerPage: page,
  partner,
  world,
}) => {
  const company = `Holiday Corp ${Date.now()}`;
  const reason = "The buyer was on holiday for two weeks; we called the day they came back.";
  await world.excuse(partner.partner.id, reason, { company });

  await page.goto("/manager");
  await page.getByRole("link", { name: "Decide excuse requests" }).click();
  await expect(page).toHaveURL(/\/manager\/excuses$/);
  await expect(page.getByRole("navigation").getByRole("link", { name: "Excuses" })).toHaveAttribute(
    "aria-current",
    "page",
  );

  const waiting = page.getByRole("list", { name: "Excuse requests waiting" });
  const card = waiting.getByRole("listitem").filter({ hasText: company });
  await expect(card.getByRole("heading")).toHaveText(`${partner.partner.name}: ${company}`);
  await expect(card).toContainText(reason);
  await expect(card).toContainText(/First touch due .* UTC, missed/);
  await expect(card).toContainText(partner.admin.name);
  await page.screenshot({
    path: "/tmp/shots/manager-excuses.png",
    fullPage: true,
  });

  // Rejecting without a note is refused next to the field; the request keeps waiting.
  await card.getByRole("button", { name: "Reject excuse" }).click();
  await expect(card.getByText("Say why the breach still counts: the partner reads it.")).toBeVisible();
  await expect(card.getByLabel("Note to the partner")).toHaveAttribute("aria-invalid", "true");

  const noConsoleErrors = watchConsole(page);
  await card.getByLabel("Note to the partner").fill("Fair enough: holidays happen.");
  await card.getByRole("button", { name: "Approve excuse" }).click();
  await expect(page.getByRole("status")).toContainText(
    "Excuse approved: the breach no longer counts against the partner.",
  );
  await expect(waiting.getByText(company)).toHaveCount(0);
  const decided = page
    .getByRole("table", { name: /Decided excuse requests/ })
    .getByRole("row")
    .filter({ hasText: company });
  await expect(decided).toContainText("Approved");
  await expect(decided).toContainText("Fair enough: holidays happen.");
  noConsoleErrors();
});

test("the excuse queue works with the keyboard alone and without JavaScript at 360 px", async ({
  browser,
  baseURL,
  partner,
  world,
  manager,
}) => {
  const company = `Keyboard Inc ${Date.now()}`;
  await world.excuse(partner.partner.id, "Their inbox bounced our emails for a week.", { company });
  const context = await browser.newContext({
    baseURL,
    javaScriptEnabled: false,
    viewport: { width: 360, height: 800 },
  });
  await context.addCookies([
    {
      name: "portal_session",
      value: manager.session,
      url: baseURL!,
      httpOnly: true,
      sameSite: "Lax",
    },
  ]);
  const page = await context.newPage();
  await page.goto("/manager/excuses");
  await page.screenshot({
    path: "/tmp/shots/manager-excuses-360.png",
    fullPage: true,
  });
  const card = page.getByRole("listitem").filter({ hasText: company });
  await card.getByLabel("Note to the partner").focus();
  await page.keyboard.type("Bounces are on your side: check your sending domain.");
  await page.keyboard.press("Tab"); // Approve
  await page.keyboard.press("Tab"); // Reject
  await expect(card.getByRole("button", { name: "Reject excuse" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status")).toContainText("Excuse rejected: the breach keeps counting.");
  const decided = page
    .getByRole("table", { name: /Decided excuse requests/ })
    .getByRole("row")
    .filter({ hasText: company });
  await expect(decided).toContainText("Rejected");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await context.close();
});
