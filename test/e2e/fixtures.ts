/**
 * Specs set up their own world: fresh people, partners, leads and offers created on the e2e
 * server through its test-only `/dev/fixtures` route (TEST_CLOCK=1), already signed in (the
 * route writes each person's session through the auth module). No spec shares a user or a
 * record with another, so specs run in any order.
 *
 *   import { expect, test } from "./fixtures";
 *   test("a rep sees the offer", async ({ partner, repPage, world }) => {
 *     const { lead } = await world.offer(partner.partner.id, { territory: "US-CA" });
 *     await repPage.goto("/partner");
 *     …
 *   });
 *
 * `managerPage`, `adminPage` and `repPage` are pages in browser contexts of their own, so one
 * test can watch the manager and the partner side at once. `partner` is a partner with an admin
 * and a rep (the ones `adminPage` and `repPage` are signed in as); `world` creates more.
 */
import { test as base, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import type { TestPartner, TestPerson } from "~/services/test-world.server";

export { expect } from "@playwright/test";
export type { TestPartner, TestPerson };

export interface LeadOptions {
  company?: string;
  territory?: string;
  vertical?: string;
  /** An inquiry in nurture instead of a qualified lead in the queue. */
  kind?: "lead" | "inquiry";
}
export interface PartnerOptions {
  name?: string;
  territories?: string[];
  verticals?: string[];
  capacity?: number;
}
export interface TestLead {
  id: string;
  company_name: string;
  territory: string | null;
  vertical: string | null;
  state: string;
}

export interface World {
  manager(): Promise<TestPerson>;
  partner(options?: PartnerOptions): Promise<TestPartner>;
  lead(options?: LeadOptions): Promise<TestLead>;
  /** A new lead the router decides at once: offered to the best eligible partner, or queued. */
  routed(options?: LeadOptions): Promise<{ lead: TestLead; result: "offered" | "queued"; partnerId?: string }>;
  /** A new lead offered to the partner, waiting for its answer. */
  offer(partnerId: string, options?: LeadOptions): Promise<{ lead: TestLead; offerId: string }>;
  /** A new lead the partner accepted (by its admin; no rep holds it yet), contact revealed. */
  accepted(partnerId: string, options?: LeadOptions): Promise<{ lead: TestLead; offerId: string }>;
  /** A new lead the partner accepted and its admin reported won (1,250.00). */
  reported(partnerId: string, options?: LeadOptions): Promise<{ lead: TestLead; offerId: string }>;
  /** A breach (a missed first touch of a new accepted lead) the partner's admin asked to excuse. */
  excuse(partnerId: string, reason: string, options?: LeadOptions): Promise<{ lead: TestLead; excuseId: string }>;
  /** A link from an email that acts once as the person on the offer (ADR 021): its path, `/action/…`. */
  actionLink(person: TestPerson, offerId: string, action: "accept_offer" | "log_touch"): Promise<{ path: string }>;
  /** A page in a browser context of its own, signed in as the person. */
  pageAs(person: TestPerson): Promise<Page>;
}

async function create<T>(request: APIRequestContext, form: Record<string, string | number | undefined>): Promise<T> {
  const defined = Object.fromEntries(Object.entries(form).filter(([, v]) => v !== undefined)) as Record<
    string,
    string | number
  >;
  const response = await request.post("/dev/fixtures", { form: defined });
  if (!response.ok()) throw new Error(`/dev/fixtures ${form.intent}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Signs a context in as the person: their session cookie, no sign-in page. */
export async function signInAs(page: Page, person: TestPerson, baseURL: string): Promise<void> {
  await page
    .context()
    .addCookies([{ name: "portal_session", value: person.session, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
}

interface Fixtures {
  world: World;
  manager: TestPerson;
  partner: TestPartner;
  managerPage: Page;
  adminPage: Page;
  repPage: Page;
}

export const test = base.extend<Fixtures & { openPages: Page[] }>({
  openPages: async ({}, use) => {
    const pages: Page[] = [];
    await use(pages);
    for (const page of pages) await page.context().close();
  },
  world: async ({ request, browser, baseURL, viewport, openPages }, use) => {
    const pageAs = async (person: TestPerson) => {
      const page = await newPage(browser, baseURL!, viewport);
      openPages.push(page);
      await signInAs(page, person, baseURL!);
      return page;
    };
    await use({
      manager: () => create(request, { intent: "manager" }),
      partner: (o = {}) =>
        create(request, {
          intent: "partner",
          ...o,
          territories: o.territories?.join(","),
          verticals: o.verticals?.join(","),
        }),
      lead: (o = {}) => create(request, { intent: "lead", ...o }),
      routed: (o = {}) => create(request, { intent: "routed", ...o }),
      offer: async (partnerId, o = {}) => create(request, { intent: "offer", partnerId, ...o }),
      accepted: async (partnerId, o = {}) => create(request, { intent: "accepted", partnerId, ...o }),
      reported: async (partnerId, o = {}) => create(request, { intent: "reported", partnerId, ...o }),
      excuse: async (partnerId, reason, o = {}) => create(request, { intent: "excuse", partnerId, reason, ...o }),
      actionLink: (person, offerId, action) =>
        create(request, { intent: "action-link", userId: person.id, offerId, action }),
      pageAs,
    });
  },
  manager: async ({ world }, use) => use(await world.manager()),
  partner: async ({ world }, use) => use(await world.partner()),
  managerPage: async ({ world, manager }, use) => use(await world.pageAs(manager)),
  adminPage: async ({ world, partner }, use) => use(await world.pageAs(partner.admin)),
  repPage: async ({ world, partner }, use) => use(await world.pageAs(partner.rep)),
});

function newPage(browser: Browser, baseURL: string, viewport: { width: number; height: number } | null): Promise<Page> {
  return browser.newContext({ baseURL, viewport }).then((context) => context.newPage());
}
