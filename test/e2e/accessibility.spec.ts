import { expect, test } from "./fixtures";
import { seriousViolations } from "./support";

for (const width of [360, 1280]) {
  test.describe(`at ${width}px`, () => {
    test.use({ viewport: { width, height: 800 } });

    test("the sign-in page has no serious accessibility violations", async ({ page }) => {
      await page.goto("/login");
      expect(await seriousViolations(page)).toEqual([]);
      // And with errors on the page.
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByText("Enter your email address.")).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });

    test("the manager home has no serious accessibility violations", async ({ managerPage: page }) => {
      await page.goto("/manager");
      expect(await seriousViolations(page)).toEqual([]);
    });

    test("the lead list and the queue have no serious accessibility violations", async ({
      world,
      managerPage: page,
    }) => {
      await world.lead({ territory: "AQ" });
      for (const path of ["/manager/leads?territory=not-a-code", "/manager/queue"]) {
        await page.goto(path);
        expect(await seriousViolations(page), path).toEqual([]);
      }
    });

    test("the excuse queue has no serious accessibility violations", async ({ managerPage: page, partner, world }) => {
      await world.excuse(partner.partner.id, "The customer went silent after a merger.");
      await page.goto("/manager/excuses");
      expect(await seriousViolations(page)).toEqual([]);
    });

    test("the partner home has no serious accessibility violations", async ({ adminPage: page }) => {
      await page.goto("/partner");
      expect(await seriousViolations(page)).toEqual([]);
    });

    test("the partner inbox, its forms open, has no serious accessibility violations", async ({
      partner,
      world,
      adminPage: page,
    }) => {
      await world.offer(partner.partner.id);
      await page.goto("/partner");
      for (const summary of await page.locator("summary").all()) await summary.click();
      expect(await seriousViolations(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(
        0,
      );
    });

    test("the partner leads list has no serious accessibility violations", async ({
      partner,
      world,
      adminPage: page,
    }) => {
      await world.accepted(partner.partner.id);
      await page.goto("/partner/leads");
      expect(await seriousViolations(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(
        0,
      );
    });

    test("the partner lead page, with and without errors, has no serious accessibility violations", async ({
      partner,
      world,
      adminPage: page,
    }) => {
      const { lead } = await world.accepted(partner.partner.id);
      await page.goto(`/partner/leads/${lead.id}`);
      expect(await seriousViolations(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(
        0,
      );
      await page.getByRole("button", { name: "Report outcome" }).click();
      await expect(page.getByText("Choose the outcome.")).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });

    test("the partner team page, its forms open and with errors, has no serious accessibility violations", async ({
      partner,
      world,
      adminPage: page,
    }) => {
      const { lead } = await world.offer(partner.partner.id);
      await page.goto("/partner");
      const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: lead.company_name }) });
      await card.getByText("Hand to a rep…").click();
      await card.getByLabel("Rep").selectOption({ label: partner.rep.name });
      await card.getByRole("button", { name: "Hand over" }).click();
      await expect(card).toContainText(`For ${partner.rep.name}`);
      await page.goto("/partner/team");
      await page.getByText("Move open leads…").click();
      await page.getByText("Disable…").click();
      expect(await seriousViolations(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(
        0,
      );
      await page.getByLabel("Capacity (open leads)").fill("many");
      await page.getByRole("button", { name: "Save settings" }).click();
      await expect(page.getByText("Enter a whole number of open leads")).toBeVisible();
      await page.getByRole("button", { name: `Disable ${partner.rep.name}` }).click();
      await expect(page.getByText(/Choose who takes over/)).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });

    test("the error pages have no serious accessibility violations", async ({ page }) => {
      await page.goto("/no-such-page");
      expect(await seriousViolations(page)).toEqual([]);
    });

    test("no page scrolls sideways", async ({ adminPage: page }) => {
      await page.goto("/partner");
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
  });
}
