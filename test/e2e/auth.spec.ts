import { expect, test } from "./fixtures";
import { DEMO_MANAGER_EMAIL, DEMO_PASSWORD, signIn, watchConsole } from "./support";

// The real sign-in page, with people the fixtures create (their password is `person.password`).
test.describe("signing in", () => {
  test("a channel manager lands on the manager home", async ({ page, manager }) => {
    const noConsoleErrors = watchConsole(page);
    await signIn(page, manager.email, manager.password);
    await expect(page).toHaveURL(/\/manager$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Welcome, /);
    await expect(page.getByRole("status")).toContainText(`Signed in as ${manager.name}.`);
    await expect(page.getByRole("link", { name: /^Partners \d+/ })).toBeVisible();
    noConsoleErrors();
  });

  test("a partner admin lands on the company's inbox, the company named in the header", async ({ page, partner }) => {
    await signIn(page, partner.admin.email, partner.admin.password);
    await expect(page).toHaveURL(/\/partner$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Inbox");
    await expect(page.getByRole("banner")).toContainText(partner.partner.name);
  });

  test("a partner rep lands on the inbox", async ({ page, partner }) => {
    const noConsoleErrors = watchConsole(page);
    await signIn(page, partner.rep.email, partner.rep.password);
    await expect(page).toHaveURL(/\/partner$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Inbox");
    await expect(page.getByRole("banner")).toContainText(partner.partner.name);
    noConsoleErrors();
  });

  test("a wrong password is refused with a message", async ({ page, partner }) => {
    await signIn(page, partner.rep.email, "not the password");
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole("alert")).toContainText("The email or password is not right");
    await expect(page.getByLabel("Email")).toHaveValue(partner.rep.email);
  });

  test("empty fields are named next to the fields", async ({ page }) => {
    await page.goto("/login");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("Enter your email address.")).toBeVisible();
    await expect(page.getByText("Enter your password.")).toBeVisible();
  });
});

test("the demo says on every page that its sign-ins are public", async ({ page, repPage }) => {
  await page.goto("/login");
  await expect(page.getByRole("note")).toHaveText(/^Demo data — sign-ins are public/);
  await signIn(page, DEMO_MANAGER_EMAIL, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/manager$/);
  await expect(page.getByRole("note")).toHaveText(/^Demo data — sign-ins are public/);
  await repPage.goto("/partner");
  await expect(repPage.getByRole("note")).toHaveText(/^Demo data — sign-ins are public/);
});

test("signing out ends the session", async ({ repPage: page }) => {
  await page.goto("/partner");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("status")).toContainText("You have signed out.");
  await page.goto("/partner");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fpartner$/);
});

test("a visitor is sent to sign in, then back to the page asked for", async ({ page, partner }) => {
  await page.goto("/account/password");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount%2Fpassword$/);
  await signIn(page, partner.admin.email, partner.admin.password);
  await expect(page).toHaveURL(/\/account\/password$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Change password");
});

test("a partner user is refused the manager pages with an explanation", async ({ repPage: page }) => {
  const response = await page.goto("/manager");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You don't have access to this page");
  await expect(page.getByText("Partner rep accounts cannot open this page.")).toBeVisible();
  await page.getByRole("link", { name: "Go to your home page" }).click();
  await expect(page).toHaveURL(/\/partner$/);
});

test("an unknown address shows the 404 page", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("We couldn't find that page");
});

test("changing the password keeps this session and ends the others", async ({ page, partner, world }) => {
  const rep = partner.rep;
  const otherPage = await world.pageAs(rep); // another browser, signed in as the same rep
  await otherPage.goto("/partner");
  await expect(otherPage).toHaveURL(/\/partner$/);

  const noConsoleErrors = watchConsole(page);
  await signIn(page, rep.email, rep.password);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Inbox");
  // A client-side navigation: the account page's module must load in the browser.
  await page.getByRole("banner").getByRole("link", { name: "Account" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await page.getByRole("link", { name: "Change password" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Change password");
  noConsoleErrors(); // before the deliberate refusal (a 400) below
  await page.getByLabel("Current password").fill(rep.password);
  await page.getByLabel("New password", { exact: true }).fill("short");
  await page.getByLabel("New password again").fill("short");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();

  await page.getByLabel("Current password").fill(rep.password);
  await page.getByLabel("New password", { exact: true }).fill("a brand new passphrase");
  await page.getByLabel("New password again").fill("a brand new passphrase");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page).toHaveURL(/\/partner$/);
  await expect(page.getByRole("status")).toContainText(
    "Your password has been changed. 1 other session was signed out.",
  );

  await otherPage.reload();
  await expect(otherPage).toHaveURL(/\/login/);
});

test.describe("the server", () => {
  test("sets security headers and a fresh CSP nonce on every response", async ({ request }) => {
    const a = await request.get("/login");
    const b = await request.get("/login");
    const csp = a.headers()["content-security-policy"];
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(b.headers()["content-security-policy"]).not.toBe(csp);
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    expect(await a.text()).toContain(`nonce="${nonce}"`);
    expect(a.headers()["x-frame-options"]).toBe("DENY");
    expect(a.headers()["x-content-type-options"]).toBe("nosniff");
    expect(a.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    const health = await request.get("/healthz");
    expect(health.status()).toBe(200);
    expect(await health.text()).toBe("ok");
    expect(health.headers()["x-frame-options"]).toBe("DENY");
  });

  test("refuses a form posted from another site", async ({ request }) => {
    const response = await request.post("/login", {
      form: { intent: "sign-in", email: DEMO_MANAGER_EMAIL, password: DEMO_PASSWORD },
      headers: { Origin: "https://evil.example" },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(403);
    expect(await response.text()).toContain("sent from another site");
    expect(response.headers()["set-cookie"]).toBeUndefined();
  });
});
