import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { signIn, watchConsole } from "./support";

const shot = (name: string, project: string) => ({ path: `/tmp/shots/team-${name}-${project}.png`, fullPage: true });
const memberCard = (page: Page, name: string) =>
  page.getByRole("listitem").filter({ has: page.getByRole("heading", { name, exact: true }) });

/** Hands an offer in the admin's inbox to a member (the inbox's own form). */
async function handTo(page: Page, company: string, name: string) {
  await page.goto("/partner");
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: company }) });
  await card.getByText("Hand to a rep…").click();
  await card.getByLabel("Rep").selectOption({ label: name });
  await card.getByRole("button", { name: "Hand over" }).click();
  await expect(card).toContainText(`For ${name}`);
}

test("an admin invites a rep: the link works once in a fresh browser and the rep signs in", async ({
  adminPage,
  browser,
  baseURL,
}, info) => {
  const noConsoleErrors = watchConsole(adminPage);
  const email = `new-rep-${Date.now()}@e2e.test`;
  await adminPage.goto("/partner");
  await adminPage.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Team" }).click();
  await expect(adminPage.getByRole("heading", { name: "Team", level: 1 })).toBeVisible();
  await adminPage.getByLabel("Rep's email").fill(email);
  await adminPage.getByRole("button", { name: "Create invitation" }).click();
  const link = await adminPage.getByLabel("Invitation link").inputValue();
  expect(link).toMatch(/\/invite\/[\w-]{40,}$/);
  await expect(adminPage.getByRole("list", { name: "Invitations not yet used" })).toContainText(email);
  await adminPage.screenshot(shot("invited", info.project.name));
  noConsoleErrors();

  const context = await browser.newContext({ baseURL, viewport: info.project.use.viewport });
  try {
    const page = await context.newPage();
    await page.goto(link);
    await expect(page.getByText(/invited as partner rep/i)).toBeVisible();
    await page.getByLabel("Your name").fill("Robin Rep");
    await page.getByLabel("Password", { exact: true }).fill("a long enough passphrase");
    await page.getByLabel("Password again").fill("a long enough passphrase");
    await page.getByRole("button", { name: "Create my account" }).click();
    await expect(page).toHaveURL(/\/partner$/);
    await expect(page.getByText("Welcome, Robin Rep")).toBeVisible();
    // A rep has no Team: neither in the navigation nor at its address.
    await expect(page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Team" })).toHaveCount(
      0,
    );
    await page.getByRole("button", { name: "Sign out" }).click();
    await signIn(page, email, "a long enough passphrase");
    await expect(page).toHaveURL(/\/partner$/);
    // The link worked once.
    await page.goto(link);
    await expect(page.getByText("This invitation has already been used.")).toBeVisible();
  } finally {
    await context.close();
  }
  await adminPage.reload();
  await expect(memberCard(adminPage, "Robin Rep")).toContainText("Partner rep");
});

test("an admin moves a rep's open leads, then disables the rep, whose leads go on with someone else", async ({
  partner,
  world,
  adminPage,
  repPage,
}, info) => {
  const first = `Moving Co ${Date.now()}`;
  const second = `Staying Co ${Date.now()}`;
  await world.offer(partner.partner.id, { company: first });
  await world.offer(partner.partner.id, { company: second });
  await handTo(adminPage, first, partner.rep.name);

  await adminPage.goto("/partner/team");
  const rep = memberCard(adminPage, partner.rep.name);
  await expect(rep).toContainText("1 open lead");
  await rep.getByText("Move open leads…").click();
  await rep.getByRole("button", { name: "Move leads" }).click();
  await expect(rep.getByText("Choose who takes the leads.")).toBeVisible();
  await rep.getByLabel(/^Move .* to$/).selectOption({ label: `${partner.admin.name} (Partner admin)` });
  await rep.getByRole("button", { name: "Move leads" }).click();
  await expect(adminPage.getByRole("status")).toContainText(
    `1 open lead of ${partner.rep.name} moved to ${partner.admin.name}`,
  );
  await expect(memberCard(adminPage, partner.admin.name)).toContainText("1 open lead");
  await expect(rep).toContainText("0 open leads");

  // With a lead in hand, disabling asks who takes it.
  await handTo(adminPage, second, partner.rep.name);
  await adminPage.goto("/partner/team");
  await rep.getByText("Disable…").click();
  await rep.getByRole("button", { name: `Disable ${partner.rep.name}` }).click();
  await expect(rep.getByText(/Choose who takes over .*1 open lead\./)).toBeVisible();
  await adminPage.screenshot(shot("disable-asks", info.project.name));
  await rep.getByLabel(/^Who takes/).selectOption({ label: "Nobody yet: back to the shared inbox" });
  await rep.getByRole("button", { name: `Disable ${partner.rep.name}` }).click();
  await expect(adminPage.getByRole("status")).toContainText(
    `${partner.rep.name} is disabled and signed out everywhere.`,
  );
  await expect(rep).toContainText("Disabled");
  await adminPage.goto("/partner");
  const card = adminPage.getByRole("listitem").filter({ has: adminPage.getByRole("heading", { name: second }) });
  await expect(card).toContainText("Unclaimed");

  await repPage.goto("/partner");
  await expect(repPage).toHaveURL(/\/login/);
});

test("an admin pauses the company until a day: the manager's offer picker shows it paused", async ({
  partner,
  world,
  adminPage,
  managerPage,
}, info) => {
  const lead = await world.lead({ territory: "US-CA" });
  const until = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  await adminPage.goto("/partner/team");
  await adminPage.getByLabel("Paused until").fill(until);
  await adminPage.getByLabel("Pause note (optional)").fill("Team offsite; call Dana for anything urgent.");
  await adminPage.getByLabel("Capacity (open leads)").fill("6");
  await adminPage.getByRole("button", { name: "Save settings" }).click();
  await expect(adminPage.getByRole("status").filter({ hasText: "Company settings saved." })).toBeVisible();
  await expect(adminPage.getByText(/Paused: no new offers until/)).toContainText("Team offsite");
  await expect(adminPage.getByLabel("Paused until")).toHaveValue(until);
  await expect(adminPage.getByLabel("Capacity (open leads)")).toHaveValue("6");
  await adminPage.screenshot(shot("paused", info.project.name));

  await managerPage.goto(`/manager/leads/${lead.id}`);
  const choice = managerPage.getByRole("listitem").filter({ hasText: partner.partner.name });
  await expect(choice).toContainText(/paused until/i);
  await expect(choice.getByRole("radio")).toBeEnabled(); // a manual offer may override a pause, with a reason
  await expect(choice).toContainText("Override with a reason");

  // A day already begun is no pause: refused next to the field, nothing saved.
  await adminPage.getByLabel("Paused until").fill("2020-01-01");
  await adminPage.getByRole("button", { name: "Save settings" }).click();
  await expect(adminPage.getByText("Choose a day after today for the pause to end")).toBeVisible();
  await expect(adminPage.getByLabel("Paused until")).toHaveAttribute("aria-invalid", "true");
});

test("the company's time zone is the one its deadlines are shown in", async ({ partner, world, adminPage }) => {
  const company = `Zone Co ${Date.now()}`;
  await world.offer(partner.partner.id, { company });
  const card = adminPage.getByRole("listitem").filter({ has: adminPage.getByRole("heading", { name: company }) });
  await adminPage.goto("/partner");
  await expect(card).toContainText("Time zone: UTC");

  await adminPage.goto("/partner/team");
  await adminPage.getByLabel("Company time zone").selectOption("Asia/Tokyo");
  await adminPage.getByRole("button", { name: "Save settings" }).click();
  await expect(adminPage.getByRole("status").filter({ hasText: "Company settings saved." })).toBeVisible();
  await expect(adminPage.getByLabel("Company time zone")).toHaveValue("Asia/Tokyo");
  await adminPage.goto("/partner");
  await expect(card).toContainText("Time zone: Asia/Tokyo");
  await expect(card).toContainText("GMT+9");
});

test("a rep does not see Team and is refused its page and its forms", async ({ partner, repPage }) => {
  await repPage.goto("/partner");
  await expect(
    repPage.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Inbox" }),
  ).toBeVisible();
  await expect(repPage.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Team" })).toHaveCount(
    0,
  );
  const page = await repPage.goto("/partner/team");
  expect(page?.status()).toBe(403);
  const post = await repPage.request.post("/partner/team", {
    form: { intent: "disable", userId: partner.admin.id },
    headers: { Origin: new URL(repPage.url()).origin },
  });
  expect(post.status()).toBe(403);
});

test("the team page works with the keyboard alone", async ({ partner, adminPage }) => {
  await adminPage.goto("/partner/team");
  await tabTo(adminPage, adminPage.getByLabel("Rep's email"));
  await adminPage.keyboard.type(`keyboard-rep-${Date.now()}@e2e.test`);
  await adminPage.keyboard.press("Tab"); // Create invitation
  await adminPage.keyboard.press("Enter");
  await expect(adminPage.getByLabel("Invitation link")).toBeVisible();

  const rep = memberCard(adminPage, partner.rep.name);
  await tabTo(adminPage, rep.getByText("Disable…"));
  await adminPage.keyboard.press("Enter");
  await adminPage.keyboard.press("Tab");
  await expect(rep.getByRole("button", { name: `Disable ${partner.rep.name}` })).toBeFocused();
  await adminPage.keyboard.press("Enter");
  await expect(adminPage.getByRole("status")).toContainText(`${partner.rep.name} is disabled`);
});

/** Tabs from the top of the page until `target` has the focus. */
async function tabTo(page: Page, target: Locator) {
  await page.locator("body").focus();
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error("The element never got the focus");
}
