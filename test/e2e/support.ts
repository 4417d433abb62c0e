import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** The demo's manager (app/demo/seed.server.ts): the e2e server starts on a fresh, seeded database. */
export const DEMO_PASSWORD = "partner-demo";
export const DEMO_MANAGER_EMAIL = "manager@vendor.example";

/** Signs in through the real sign-in page (specs of other pages use the fixtures' signed-in pages). */
export async function signIn(page: Page, email: string, password: string) {
  if (!page.url().includes("/login")) await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/**
 * Collects console errors and failed requests, which is how a Content-Security-Policy
 * violation (a script without the nonce, an inline style) or a hydration failure shows up.
 */
export function watchConsole(page: Page): () => void {
  const problems: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(msg.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  return () => expect(problems, "console errors").toEqual([]);
}

/** Serious or critical axe violations (WCAG 2.1 A and AA) on the page as it is now, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}
