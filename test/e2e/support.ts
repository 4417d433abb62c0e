import { expect, type Page } from "@playwright/test";

/** Demo accounts from app/demo/seed.server.ts; the e2e server starts on a fresh, seeded database. */
export const DEMO_PASSWORD = "partner-demo";
export const MANAGER = { email: "manager@vendor.example", name: "Morgan Channel" };
export const NORTHWIND_ADMIN = { email: "admin@northwind.example", company: "Northwind Systems" };
export const MAPLE_REP = { email: "rep1@maple.example", company: "Maple Channel" };

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
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
