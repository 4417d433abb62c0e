import { expect, test } from "./fixtures";
import { watchConsole } from "./support";

const shot = (name: string, project: string) => ({ path: `/tmp/shots/${name}-${project}.png`, fullPage: true });

test("an admin sees an offer without its contact, hands it to the rep, and the rep accepts it", async ({
  partner,
  world,
  adminPage,
  repPage,
}, info) => {
  const company = `Inbox Works ${Date.now()}`;
  const { lead } = await world.offer(partner.partner.id, { company });
  const noConsoleErrors = watchConsole(adminPage);
  await adminPage.goto("/partner");
  const card = adminPage.getByRole("listitem").filter({ has: adminPage.getByRole("heading", { name: company }) });
  await expect(card).toContainText("Score 60");
  await expect(card).toContainText("Unclaimed");
  await expect(card).toContainText(/left/);
  await expect(card).toContainText("Accept by");
  await expect(card).toContainText("Time zone: UTC");
  await expect(card).toContainText("US-CA");
  // The contact stays hidden until the offer is accepted: not on the page, not in its data.
  const html = await adminPage.content();
  expect(html).not.toContain("Casey Buyer");
  expect(html).not.toContain("@customer.test");
  await adminPage.screenshot(shot("inbox", info.project.name));

  await card.getByText("Hand to a rep…").click();
  await card.getByLabel("Rep").selectOption({ label: partner.rep.name });
  await card.getByRole("button", { name: "Hand over" }).click();
  await expect(adminPage.getByRole("status")).toContainText("Offer handed to your rep");
  await expect(card).toContainText(`For ${partner.rep.name}`);
  noConsoleErrors();

  await repPage.goto("/partner");
  const repCard = repPage.getByRole("listitem").filter({ has: repPage.getByRole("heading", { name: company }) });
  await expect(repCard).toContainText("For you");
  await repCard.getByRole("button", { name: "Accept" }).click();
  await expect(repPage).toHaveURL(new RegExp(`/partner/leads/${lead.id}$`));
  await expect(repPage.getByRole("status")).toContainText("Offer accepted");
  await expect(repPage.getByText("Casey Buyer")).toBeVisible();
  await expect(repPage.getByRole("link", { name: /@customer\.test$/ })).toBeVisible();
  await repPage.goto("/partner");
  await expect(repPage.getByRole("heading", { name: company })).toHaveCount(0);
});

test("a rep declines an offer with a reason from the list; without one nothing changes", async ({
  partner,
  world,
  repPage,
}) => {
  const company = `Decline Co ${Date.now()}`;
  await world.offer(partner.partner.id, { company });
  await repPage.goto("/partner");
  const card = repPage.getByRole("listitem").filter({ has: repPage.getByRole("heading", { name: company }) });
  await card.getByText("Decline…").click();
  await card.getByRole("button", { name: "Decline offer" }).click();
  await expect(card.getByText("Choose a reason for declining.")).toBeVisible();
  await expect(card.getByLabel("Reason")).toHaveAttribute("aria-invalid", "true");

  await card.getByLabel("Reason").selectOption({ label: "No capacity right now" });
  await card.getByLabel("Note (optional)").fill("Team at a trade show this week");
  await card.getByRole("button", { name: "Decline offer" }).click();
  await expect(repPage.getByRole("status")).toContainText("Offer declined");
  await expect(repPage.getByRole("heading", { name: company })).toHaveCount(0);
});

test("a partner never sees another partner's offer or lead, and a rep has no hand-over", async ({
  partner,
  world,
  repPage,
}) => {
  const other = await world.partner();
  const theirs = `Not Yours ${Date.now()}`;
  await world.offer(other.partner.id, { company: theirs });
  const accepted = await world.accepted(other.partner.id, { company: `${theirs} accepted` });
  await world.offer(partner.partner.id, { company: `Yours ${Date.now()}` });

  await repPage.goto("/partner");
  await expect(repPage.getByRole("heading", { level: 2 }).first()).toBeVisible();
  await expect(repPage.getByText(theirs)).toHaveCount(0);
  await expect(repPage.getByText("Hand to a rep…")).toHaveCount(0);

  const response = await repPage.goto(`/partner/leads/${accepted.lead.id}`);
  expect(response?.status()).toBe(404);
  await expect(repPage.getByText("There is no lead of yours at this address.")).toBeVisible();
});

test("the inbox works from the keyboard alone", async ({ partner, world, repPage }) => {
  const company = `Keyboard Ltd ${Date.now()}`;
  const { lead } = await world.offer(partner.partner.id, { company });
  await repPage.goto("/partner");
  const card = repPage.getByRole("listitem").filter({ has: repPage.getByRole("heading", { name: company }) });
  await card.getByRole("button", { name: "Accept" }).focus();
  await repPage.keyboard.press("Enter");
  await expect(repPage).toHaveURL(new RegExp(`/partner/leads/${lead.id}$`));
});
