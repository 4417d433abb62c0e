import { expect, test } from "./fixtures";
import { watchConsole } from "./support";

const shot = (name: string, project: string) => ({ path: `/tmp/shots/${name}-${project}.png`, fullPage: true });

test("a rep logs a note, then a touch: only the touch meets the first-touch deadline", async ({
  partner,
  world,
  repPage,
}, info) => {
  const company = `Touch Corp ${Date.now()}`;
  const { lead } = await world.accepted(partner.partner.id, { company });
  let noConsoleErrors = watchConsole(repPage);
  await repPage.goto("/partner/leads");
  const row = repPage.getByRole("row").filter({ hasText: company });
  await expect(row).toContainText(/left/);
  await expect(row).toContainText("After the first touch");
  await repPage.screenshot(shot("leads", info.project.name));
  await row.getByRole("link", { name: company }).click();
  await expect(repPage).toHaveURL(new RegExp(`/partner/leads/${lead.id}$`));
  const deadlines = repPage.getByRole("list", { name: "Deadlines" });

  await repPage.getByLabel("Note", { exact: true }).fill("Asked marketing for the webinar recording");
  await repPage.getByRole("button", { name: "Add note" }).click();
  await expect(repPage.getByRole("status")).toContainText("Note added (a note is not a touch).");
  await expect(repPage.getByRole("list", { name: "Timeline, latest first" })).toContainText("not a touch");
  await expect(deadlines.getByRole("listitem").filter({ hasText: "First touch" })).toContainText("Open");

  noConsoleErrors();

  // A day in the future is refused next to the field (the browser logs the 400).
  await repPage.getByLabel("Kind of touch").selectOption("email");
  await repPage.getByLabel("Day").fill("2999-01-01");
  await repPage.getByRole("button", { name: "Log touch" }).click();
  await expect(repPage.getByText("The day of a touch cannot be in the future.")).toBeVisible();

  noConsoleErrors = watchConsole(repPage);
  const today = await repPage.getByLabel("Day").getAttribute("max");
  await repPage.getByLabel("Day").fill(today!);
  await repPage.getByLabel("What happened (optional)").fill("Sent the intro deck");
  await repPage.getByRole("button", { name: "Log touch" }).click();
  await expect(repPage.getByRole("status")).toContainText("Touch logged.");
  await expect(deadlines.getByRole("listitem").filter({ hasText: "First touch" })).toContainText("Met");
  await expect(deadlines.getByRole("listitem").filter({ hasText: "Status update 1" })).toContainText(/left/);

  await repPage.getByLabel("Stage").selectOption("qualified");
  await repPage.getByRole("button", { name: "Change stage" }).click();
  await expect(repPage.getByRole("status")).toContainText("Stage changed to qualified.");
  noConsoleErrors();
  await repPage.screenshot(shot("lead", info.project.name));
});

test("no response is refused with the rule and the progress; won needs its amount", async ({
  partner,
  world,
  repPage,
}, info) => {
  const company = `Outcome Inc ${Date.now()}`;
  const { lead } = await world.accepted(partner.partner.id, { company });
  await repPage.goto(`/partner/leads/${lead.id}`);
  await expect(
    repPage.getByText(
      "“No response” can be reported after 4 logged touches over at least 7 days: 0 of 4 touches so far",
    ),
  ).toBeVisible();

  await repPage.getByLabel("Outcome").selectOption({ label: "Lost: No response from the contact" });
  await repPage.getByRole("button", { name: "Report outcome" }).click();
  await expect(
    repPage.getByText(/needs at least 4 logged touches over at least 7 days; 0 touches are logged so far/),
  ).toBeVisible();

  await repPage.getByLabel("Outcome").selectOption("won");
  await repPage.getByRole("button", { name: "Report outcome" }).click();
  await expect(repPage.getByText("Enter the deal amount, such as 12500 or 12500.50.")).toBeVisible();
  await repPage.screenshot(shot("lead-errors", info.project.name));

  await repPage.getByLabel("Deal amount (if won)").fill("12,500.50");
  await repPage.getByRole("button", { name: "Report outcome" }).click();
  await expect(repPage.getByRole("status")).toContainText("Outcome reported: the lead is closed.");
  await expect(repPage.getByRole("heading", { name: "Outcome", exact: true })).toBeVisible();
  await expect(repPage.getByText("12,500.50")).toBeVisible();
  await repPage.goto("/partner/leads");
  await expect(repPage.getByText(company)).toHaveCount(0);
});

test("a lead is disqualified with a reason from the list, from the keyboard alone", async ({
  partner,
  world,
  adminPage,
}) => {
  const company = `Disq Ltd ${Date.now()}`;
  const { lead } = await world.accepted(partner.partner.id, { company });
  await adminPage.goto(`/partner/leads/${lead.id}`);
  await adminPage.getByLabel("Outcome").focus();
  await adminPage.getByLabel("Outcome").selectOption({ label: "Disqualified: Student or job seeker" });
  await adminPage.keyboard.press("Tab"); // amount
  await adminPage.keyboard.press("Tab"); // note
  await adminPage.keyboard.type("Applied for an internship");
  await adminPage.keyboard.press("Tab");
  await expect(adminPage.getByRole("button", { name: "Report outcome" })).toBeFocused();
  await adminPage.keyboard.press("Enter");
  await expect(adminPage.getByRole("status")).toContainText("Outcome reported");
  await expect(adminPage.getByText("Student or job seeker")).toBeVisible();
});

test("a closed lead is on the Closed list with its outcome; a manager's correction shows with its reason", async ({
  partner,
  world,
  adminPage,
  managerPage,
}, info) => {
  const company = `Closed Co ${Date.now()}`;
  const { lead } = await world.accepted(partner.partner.id, { company });
  await adminPage.goto(`/partner/leads/${lead.id}`);
  // The fixture's offer was made by hand: the manager's reason is on the page.
  await expect(adminPage.getByText("Offered to you by hand")).toBeVisible();
  await expect(adminPage.getByText("e2e fixture")).toBeVisible();
  await adminPage.getByLabel("Outcome").selectOption("won");
  await adminPage.getByLabel("Deal amount (if won)").fill("12500");
  await adminPage.getByRole("button", { name: "Report outcome" }).click();
  await expect(adminPage.getByRole("status")).toContainText("Outcome reported");

  await managerPage.goto(`/manager/leads/${lead.id}`);
  await managerPage.getByLabel("Correct outcome").selectOption("lost");
  await managerPage.getByLabel("Reason (lost or disqualified)").selectOption({ label: "lost: No budget" });
  await managerPage.getByLabel("Why correct it").fill("The customer cancelled the order in writing.");
  await managerPage.getByRole("button", { name: "Correct the outcome" }).click();
  await expect(managerPage.getByText("Outcome corrected.", { exact: false })).toBeVisible();

  const noConsoleErrors = watchConsole(adminPage);
  await adminPage.goto("/partner/leads");
  await expect(adminPage.getByText(company)).toHaveCount(0);
  const views = adminPage.getByRole("navigation", { name: "Open or closed leads" });
  await expect(views.getByRole("link", { name: "Open" })).toHaveAttribute("aria-current", "page");
  await views.getByRole("link", { name: "Closed" }).click();
  await expect(adminPage).toHaveURL(/\/partner\/leads\?show=closed$/);
  await expect(views.getByRole("link", { name: "Closed" })).toHaveAttribute("aria-current", "page");
  const row = adminPage.getByRole("table", { name: "Closed leads, latest outcome first" }).getByRole("row").filter({
    hasText: company,
  });
  await expect(row).toContainText("Lost No budget");
  await expect(row).toContainText(/reported .*\d{4}/);
  await adminPage.screenshot(shot("closed-leads", info.project.name));

  await row.getByRole("link", { name: company }).click();
  const corrections = adminPage.getByRole("list", { name: "Outcome corrections, oldest first" });
  await expect(corrections).toContainText("Won, 12,500.00 → Lost: No budget");
  await expect(corrections).toContainText("Why: The customer cancelled the order in writing.");
  await expect(adminPage.getByRole("link", { name: "All closed leads" })).toHaveAttribute(
    "href",
    "/partner/leads?show=closed",
  );
  noConsoleErrors();
  await adminPage.screenshot(shot("closed-lead", info.project.name));
});
