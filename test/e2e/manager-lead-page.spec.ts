import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { seriousViolations, watchConsole } from "./support";

const shot = (name: string) => ({ path: `/tmp/shots/lead-page-${name}.png`, fullPage: true });
const tagged = (what: string) => `${what}${randomUUID().slice(0, 6)}`;
const panel = (page: Page, title: string | RegExp) =>
  page.locator("section", { has: page.getByRole("heading", { level: 2, name: title }) });
/** The lead's state and holder, as the page header says them. */
const header = (page: Page) => page.locator(".page-header");

test("a manager reads a lead, its score with its points, and routes it now; times are in the manager's zone", async ({
  world,
  managerPage: page,
}) => {
  const tag = tagged("Leadpage");
  await world.partner({ name: `${tag} Reykjavik`, territories: ["IS"] });
  const lead = await world.lead({ company: `${tag} Customer`, territory: "IS" });

  // The manager reads times in Tokyo.
  await page.goto("/account");
  await page.getByLabel("Time zone").selectOption("Asia/Tokyo");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Times are shown in Asia/Tokyo" })).toBeVisible();

  const checkConsole = watchConsole(page);
  await page.goto(`/manager/leads/${lead.id}`);
  await expect(page.getByRole("heading", { level: 1, name: `${tag} Customer` })).toBeVisible();
  const fields = panel(page, "The lead");
  for (const value of ["Casey Buyer", "VP Sales", "250", "IS", "software", "E2E fixtures"])
    await expect(fields).toContainText(value);
  await expect(fields).toContainText(/Taken in\s*\w{3}, \d+ \w{3} \d{4}, \d\d:\d\d GMT\+9/);

  // The score is the sum of the points of the rules that matched.
  await expect(page.getByRole("heading", { level: 2, name: "Score 50" })).toBeVisible();
  const rules = page.getByRole("table", { name: "Scoring rules that matched" });
  await expect(rules.getByRole("row", { name: /title is director, vp/ })).toContainText("20");
  await expect(rules.getByRole("row", { name: /company size 50–5000/ })).toContainText("15");
  await expect(rules.getByRole("row")).toHaveCount(4); // the header and three rules: 20 + 15 + 15
  await expect(panel(page, "Last routing decision")).toContainText("This lead has not been routed yet.");
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole("button", { name: "Route now" }).click();
  await expect(page.getByRole("status")).toContainText("Routed: the lead is offered to the best-ranked partner.");
  await expect(header(page)).toContainText(`held by ${tag} Reykjavik (offered)`);
  const decision = panel(page, "Last routing decision");
  await expect(decision).toContainText(/GMT\+9, manual by channel-manager-\w+@e2e\.test: chose .*Reykjavik\./);
  const considered = page.getByRole("table", { name: "Partners considered" });
  await expect(considered.getByRole("row", { name: new RegExp(`${tag} Reykjavik`) })).toContainText("Chosen");
  // Every reason is in words, with its times in the manager's zone: no raw timestamps.
  await expect(considered).not.toContainText(/\d{4}-\d\d-\d\dT\d\d:/);
  const timeline = page.getByRole("table", { name: /Everything that happened/ });
  await expect(timeline.getByRole("row").nth(1)).toContainText("GMT+9");
  await expect(timeline).toContainText(`Offered to ${tag} Reykjavik by the router`);
  await page.screenshot(shot("routed"));
  expect(await seriousViolations(page)).toEqual([]);
  checkConsole();
});

test("a manual offer overrides territory with a reason, never a withhold; without a partner or a reason nothing changes", async ({
  world,
  managerPage: page,
}) => {
  const tag = tagged("Offerpage");
  const local = await world.partner({ name: `${tag} Valletta`, territories: ["MT"] });
  const foreign = await world.partner({ name: `${tag} Luxembourg`, territories: ["LU"] });
  const withheld = await world.partner({ name: `${tag} Withheld`, territories: ["MT"] });
  const lead = await world.lead({ company: `${tag} Customer`, territory: "MT" });

  // Withhold the third partner from its page.
  await page.goto(`/manager/partners/${withheld.partner.id}`);
  const withhold = page.getByRole("form", { name: "Force a withhold" });
  await withhold.getByLabel("Reason (the partner sees it)").fill("Three missed first touches this month.");
  await withhold.getByLabel("Ends on").fill(daysFromNow(30));
  await withhold.getByRole("button", { name: "Withhold partner" }).click();
  await expect(page.getByRole("status")).toContainText("The partner is withheld");

  await page.goto(`/manager/leads/${lead.id}`);
  const offer = page.getByRole("form", { name: "Offer to a partner" });
  const radio = (p: { partner: { name: string } }) => offer.getByRole("radio", { name: new RegExp(p.partner.name) });
  await expect(radio(local)).toBeEnabled();
  await expect(offer.getByText(`${tag} Valletta`).locator("..")).toContainText("Eligible, ranked 1");
  await expect(radio(foreign)).toBeEnabled();
  await expect(offer.getByText(`${tag} Luxembourg`).locator("..")).toContainText("Override with a reason");
  await expect(radio(withheld)).toBeDisabled();
  await expect(offer.getByText(`${tag} Withheld`).locator("..")).toContainText("Cannot be offered");

  // No partner chosen: the picker says so.
  await offer.getByRole("button", { name: "Offer the lead" }).click();
  await expect(offer.getByText("Choose a partner.")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // A partner outside the territory, chosen with the keyboard, needs a reason.
  await radio(foreign).focus();
  await page.keyboard.press("Space");
  await expect(radio(foreign)).toBeChecked();
  await offer.getByRole("button", { name: "Offer the lead" }).click();
  await expect(offer.getByText(/Does not cover the lead's territory MT .*Give a reason to override\./)).toBeVisible();
  await expect(header(page)).toContainText("queued");
  await expect(header(page)).not.toContainText("held by");
  expect(await seriousViolations(page)).toEqual([]);

  const checkConsole = watchConsole(page);
  await offer.getByRole("radio", { name: new RegExp(foreign.partner.name) }).check();
  await offer.getByLabel("Reason for the override").fill("They speak Maltese and already know this customer.");
  await offer.getByRole("button", { name: "Offer the lead" }).click();
  await expect(page.getByRole("status")).toContainText("Offered.");
  await expect(header(page)).toContainText(`held by ${tag} Luxembourg (offered)`);
  await expect(page.getByRole("table", { name: /Everything that happened/ })).toContainText(
    `Offered to ${tag} Luxembourg by hand (override: They speak Maltese and already know this customer.)`,
  );
  await page.screenshot(shot("offered"));

  // The partner has the offer in its inbox, with the override's reason.
  const partnerPage = await world.pageAs(foreign.admin);
  await partnerPage.goto("/partner");
  const card = partnerPage.getByRole("listitem", { name: `${tag} Customer` });
  await expect(card).toContainText("Offered to you by hand");
  await expect(card).toContainText("They speak Maltese and already know this customer.");
  await partnerPage.screenshot(shot("partner-offer"));
  // Accepted, the lead page keeps saying why it came by hand.
  await card.getByRole("button", { name: "Accept" }).click();
  await expect(partnerPage).toHaveURL(`/partner/leads/${lead.id}`);
  await expect(partnerPage.getByText("Offered to you by hand")).toBeVisible();
  await expect(partnerPage.getByText("They speak Maltese and already know this customer.")).toBeVisible();
  checkConsole();
});

test("a manager recalls and reassigns with a reason; without one nothing changes", async ({
  world,
  managerPage: page,
}) => {
  const tag = tagged("Recallpage");
  const first = await world.partner({ name: `${tag} Lisbon`, territories: ["PT"] });
  const second = await world.partner({ name: `${tag} Porto`, territories: ["PT"] });
  const { lead } = await world.offer(first.partner.id, { company: `${tag} Customer`, territory: "PT" });

  await page.goto(`/manager/leads/${lead.id}`);
  await expect(header(page)).toContainText(`held by ${tag} Lisbon (offered)`);
  const recall = page.getByRole("form", { name: `Recall from ${tag} Lisbon` });
  await recall.getByRole("button", { name: "Recall" }).click();
  await expect(recall.getByText("Say why.")).toBeVisible();
  await expect(header(page)).toContainText(`held by ${tag} Lisbon (offered)`);

  const reassign = page.getByRole("form", { name: "Reassign to another partner" });
  await reassign.getByLabel("New partner").selectOption({ label: `${tag} Porto (eligible)` });
  await reassign.getByRole("button", { name: "Reassign" }).click();
  await expect(reassign.getByText("Say why.")).toBeVisible();
  await expect(header(page)).toContainText(`held by ${tag} Lisbon (offered)`);
  expect(await seriousViolations(page)).toEqual([]);

  const checkConsole = watchConsole(page);
  await reassign.getByLabel("New partner").selectOption({ label: `${tag} Porto (eligible)` });
  await reassign.getByLabel("Why reassign it").fill("Lisbon asked us to move it to their Porto office.");
  await reassign.getByRole("button", { name: "Reassign" }).click();
  await expect(page.getByRole("status")).toContainText("Reassigned: recalled and offered to the partner you chose.");
  await expect(header(page)).toContainText(`held by ${tag} Porto (offered)`);
  const porto = await world.pageAs(second.admin);
  await porto.goto("/partner");
  await expect(porto.getByText(`${tag} Customer`).first()).toBeVisible();

  // Recall by keyboard alone: the reason, then Tab to the button and Enter.
  await page
    .getByRole("form", { name: `Recall from ${tag} Porto` })
    .getByLabel("Why recall it")
    .focus();
  await page.keyboard.type("The customer asked to pause the project.");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Recall" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status")).toContainText("Recalled from the partner and handed back to the router.");
  await expect(header(page)).not.toContainText("held by");
  const timeline = page.getByRole("table", { name: /Everything that happened/ });
  await expect(timeline).toContainText(`Recalled from ${tag} Porto: The customer asked to pause the project.`);
  await expect(timeline).toContainText(
    `Recalled from ${tag} Lisbon: Lisbon asked us to move it to their Porto office.`,
  );
  checkConsole();
});

test("a manager promotes an inquiry to a lead", async ({ world, managerPage: page }) => {
  const checkConsole = watchConsole(page);
  const lead = await world.lead({ company: tagged("Inquirypage"), territory: "AQ", kind: "inquiry" });
  await page.goto(`/manager/leads/${lead.id}`);
  await expect(header(page)).toContainText("Inquiry, score 15");
  await expect(page.getByRole("button", { name: "Route now" })).toHaveCount(0);
  const promote = page.getByRole("form", { name: "Promote to a lead" });
  await promote.getByLabel("Why promote it (optional)").fill("Met them at the trade fair; they are buying.");
  await promote.getByRole("button", { name: "Promote to a lead" }).click();
  await expect(page.getByRole("status")).toContainText("Promoted to a lead and sent to the router.");
  await expect(header(page)).toContainText("Lead, score 15");
  // Nobody covers Antarctica: the lead waits in the queue, and may be routed from here.
  await expect(header(page)).toContainText("queued");
  await expect(page.getByRole("button", { name: "Route now" })).toBeVisible();
  await expect(panel(page, "Last routing decision")).toContainText("no partner could take it");
  expect(await seriousViolations(page)).toEqual([]);
  checkConsole();
});

test("a manager corrects a reported outcome with a reason the partner sees; a bad correction changes nothing", async ({
  partner,
  world,
  managerPage: page,
  adminPage,
}) => {
  const { lead } = await world.reported(partner.partner.id, { company: tagged("Outcomepage") });
  await page.goto(`/manager/leads/${lead.id}`);
  const form = page.getByRole("form", { name: "Reported outcome: won" });
  await expect(form).toContainText("Amount 1,250.00.");

  await form.getByLabel("Correct outcome").selectOption("lost");
  await form.getByRole("button", { name: "Correct the outcome" }).click();
  await expect(form.getByText("Choose a reason from the list.")).toBeVisible();
  await expect(form.getByText("Say why.")).toBeVisible();
  await expect(page.getByRole("form", { name: "Reported outcome: won" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Outcome corrections" })).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);

  // A reason of the other list does not fit the outcome.
  await form.getByLabel("Correct outcome").selectOption("lost");
  await form.getByLabel("Reason (lost or disqualified)").selectOption({ label: "disqualified: Other" });
  await form.getByLabel("Why correct it").fill("The signed order was cancelled; they went with a competitor.");
  await form.getByRole("button", { name: "Correct the outcome" }).click();
  await expect(form.getByText("Choose one of the lost reasons: the outcome is lost.")).toBeVisible();
  await expect(form.getByLabel("Why correct it")).toHaveValue(
    "The signed order was cancelled; they went with a competitor.",
  );

  const checkConsole = watchConsole(page);
  await form.getByLabel("Reason (lost or disqualified)").selectOption({ label: "lost: Chose a competitor" });
  await form.getByRole("button", { name: "Correct the outcome" }).click();
  await expect(page.getByRole("status")).toContainText("Outcome corrected.");
  await expect(page.getByRole("form", { name: "Reported outcome: lost" })).toContainText("Reason: Chose a competitor.");
  const corrections = page.getByRole("table", { name: "Outcome corrections" });
  await expect(corrections.getByRole("row").nth(1)).toContainText("won, 1,250.00");
  await expect(corrections.getByRole("row").nth(1)).toContainText("lost (Chose a competitor)");
  await expect(corrections).toContainText("The signed order was cancelled; they went with a competitor.");
  await page.screenshot(shot("corrected"));
  expect(await seriousViolations(page)).toEqual([]);
  checkConsole();

  // The partner reads the correction and why on its lead page.
  await adminPage.goto(`/partner/leads/${lead.id}`);
  const partnerCorrections = adminPage.getByRole("list", { name: "Outcome corrections, oldest first" });
  await expect(partnerCorrections).toContainText("Won, 1,250.00 → Lost: Chose a competitor");
  await expect(partnerCorrections).toContainText("Why: The signed order was cancelled; they went with a competitor.");
});

/** A calendar day (YYYY-MM-DD) this many days from now. */
function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
