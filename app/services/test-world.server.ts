/**
 * The worlds end-to-end specs set up for themselves (through the test-only `/dev/fixtures`
 * route, which exists only with TEST_CLOCK=1): people with a known password and a session,
 * partners with an admin and a rep, leads and offers. Every name is unique, so specs never share
 * data and may run in any order. Offers go through the real use case (a manual offer).
 */
import { randomUUID } from "node:crypto";
import type { DB } from "~/db.server";
import type { Lead, Partner, Role, User } from "@db/schema";
import { startSession } from "~/auth/lucia.server";
import { hashPassword } from "~/auth/password.server";
import { now } from "~/clock.server";
import { scoreLead } from "~/domain/lead-scoring";
import { scoringConfigInForce } from "~/models/scoring-config.server";
import { insertUser } from "~/models/user.server";
import type { Actor } from "~/services/actor";
import { issueActionLink, type ActionLinkAction } from "~/services/action-link-issue.server";
import { offerLeadManually } from "~/services/assignment.server";
import { requestExcuse } from "~/services/excuses.server";
import { reportOutcome } from "~/services/lead-work.server";
import { acceptOffer } from "~/services/offer-decisions.server";
import { routeAgain } from "~/services/routing.server";

/** Every fixture person's password (for specs of the real sign-in page). */
const TEST_PASSWORD = "e2e-fixture-password";
const FIXTURE_ACTOR: Actor = {
  userId: null,
  label: "test:fixtures",
  role: "system",
  partnerId: null,
};

let passwordHash: Promise<string> | undefined;
const unique = () => randomUUID().slice(0, 8);

export interface TestPerson {
  id: string;
  email: string;
  name: string;
  role: Role;
  partnerId: string | null;
  /** For specs of the real sign-in page. */
  password: string;
  /** The session cookie's value (cookie `portal_session`): the person is signed in with it. */
  session: string;
}

async function person(db: DB, role: Role, partnerId: string | null, label: string): Promise<TestPerson> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const tag = unique();
  const user: User = await insertUser(db, {
    email: `${role.replace("_", "-")}-${tag}@e2e.test`,
    name: `${label} ${tag}`,
    role,
    partner_id: partnerId,
    password_hash: await passwordHash,
  });
  const { session } = await startSession(db, user.id);
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    partnerId,
    password: TEST_PASSWORD,
    session: session.id,
  };
}

export function createTestManager(db: DB): Promise<TestPerson> {
  return person(db, "channel_manager", null, "Manager");
}

export interface PartnerOptions {
  name?: string;
  territories?: string[];
  verticals?: string[];
  capacity?: number;
}

export interface TestPartner {
  partner: Pick<Partner, "id" | "name" | "territories" | "verticals" | "capacity">;
  admin: TestPerson;
  rep: TestPerson;
}

/** A partner in good standing with an admin and a rep, both signed in. */
export async function createTestPartner(db: DB, options: PartnerOptions = {}): Promise<TestPartner> {
  const partner = await db
    .insertInto("partners")
    .values({
      name: options.name ?? `Partner ${unique()}`,
      territories: options.territories ?? ["US"],
      verticals: options.verticals ?? ["software"],
      capacity: options.capacity ?? 10,
      contact_email: `channel-${unique()}@e2e.test`,
    })
    .returning(["id", "name", "territories", "verticals", "capacity"])
    .executeTakeFirstOrThrow();
  const admin = await person(db, "partner_admin", partner.id, "Admin");
  const rep = await person(db, "partner_rep", partner.id, "Rep");
  return { partner, admin, rep };
}

export interface LeadOptions {
  company?: string;
  territory?: string;
  vertical?: string;
  /** An inquiry (scored below the threshold, kept in nurture) instead of a qualified lead. */
  kind?: "lead" | "inquiry";
}

/** A qualified lead in the channel manager's queue (the router leaves it alone), or an inquiry in nurture. */
export async function createTestLead(db: DB, options: LeadOptions = {}): Promise<Lead> {
  const source = await db
    .insertInto("sources")
    .values({ kind: "manual", name: "E2E fixtures" })
    .onConflict((oc) => oc.doNothing())
    .returning("id")
    .executeTakeFirst();
  const sourceId =
    source?.id ??
    (await db.selectFrom("sources").select("id").where("name", "=", "E2E fixtures").executeTakeFirstOrThrow()).id;
  const at = now();
  const inquiry = options.kind === "inquiry";
  const territory = options.territory ?? "US-CA";
  const vertical = options.vertical ?? "software";
  // A lead is a senior buyer of a company that fits (60 points in US-CA); an inquiry says no more than where it is from.
  const facts = inquiry ? { territory, vertical } : { title: "VP Sales", companySize: 250, territory, vertical };
  const { score } = scoreLead(facts, await scoringConfigInForce(db));
  return db
    .insertInto("leads")
    .values({
      source_id: sourceId,
      contact_name: "Casey Buyer",
      contact_email: `casey-${unique()}@customer.test`,
      contact_title: facts.title ?? null,
      company_size: facts.companySize ?? null,
      company_name: options.company ?? `Customer ${unique()}`,
      territory,
      vertical,
      score,
      kind: inquiry ? "inquiry" : "lead",
      state: inquiry ? "nurture" : "queued",
      intake_at: at,
      intake_by: FIXTURE_ACTOR.label,
      updated_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * A new lead sent to the router at once (a manager's "route again"): offered to the best
 * eligible partner, or queued with the reason, and the decision stored with every candidate.
 */
export async function createTestRoutedLead(db: DB, options: LeadOptions = {}) {
  const lead = await createTestLead(db, options);
  const routed = await routeAgain(db, lead.id, FIXTURE_ACTOR);
  return routed.ok ? { ...routed, lead } : routed;
}

/** A lead offered to the partner (waiting for its answer), through the manual-offer use case. */
export async function createTestOffer(db: DB, partnerId: string, options: LeadOptions = {}) {
  const lead = await createTestLead(db, options);
  const offered = await offerLeadManually(db, { leadId: lead.id, partnerId, reason: "e2e fixture" }, FIXTURE_ACTOR);
  if (!offered.ok) return offered;
  return { ok: true as const, lead, offerId: offered.offerId };
}

/** A lead the partner accepted (as its admin, so no rep holds it yet): its contact is revealed. */
export async function createTestAcceptedOffer(db: DB, partnerId: string, options: LeadOptions = {}) {
  const offered = await createTestOffer(db, partnerId, options);
  if (!offered.ok) return offered;
  const admin: Actor = { ...FIXTURE_ACTOR, role: "partner_admin", partnerId };
  const accepted = await acceptOffer(db, offered.offerId, admin);
  return accepted.ok ? offered : accepted;
}

/**
 * A breach the partner's admin asked to excuse: a lead it accepted whose first touch deadline
 * passed unmet (recorded missed, as the sweep does at the deadline), then the real request.
 */
export async function createTestExcuseRequest(db: DB, partnerId: string, reason: string, options: LeadOptions = {}) {
  const accepted = await createTestAcceptedOffer(db, partnerId, options);
  if (!accepted.ok) return accepted;
  const firstTouch = await db
    .updateTable("obligations")
    .set((eb) => ({ state: "missed", missed_at: eb.ref("due_at") }))
    .where("offer_id", "=", accepted.offerId)
    .where("kind", "=", "first_touch")
    .returning("id")
    .executeTakeFirstOrThrow();
  const asked = await requestExcuse(db, { obligationId: firstTouch.id, reason }, await adminOf(db, partnerId));
  if (!asked.ok) return asked;
  return { ok: true as const, lead: accepted.lead, excuseId: asked.excuseId };
}

/** A lead the partner accepted and reported won (1,250.00), as its admin: the manager may correct it. */
export async function createTestReportedOutcome(db: DB, partnerId: string, options: LeadOptions = {}) {
  const accepted = await createTestAcceptedOffer(db, partnerId, options);
  if (!accepted.ok) return accepted;
  const reported = await reportOutcome(
    db,
    { offerId: accepted.offerId, outcome: "won", amountCents: 125_000 },
    await adminOf(db, partnerId),
  );
  return reported.ok ? accepted : reported;
}

async function adminOf(db: DB, partnerId: string): Promise<Actor> {
  const admin = await db
    .selectFrom("users")
    .select("id")
    .where("partner_id", "=", partnerId)
    .where("role", "=", "partner_admin")
    .executeTakeFirstOrThrow();
  return { userId: admin.id, label: "test:partner-admin", role: "partner_admin", partnerId };
}

/** A link from an email (ADR 021) that acts once as the user on the offer: its path, `/action/…`. */
export function createTestActionLink(db: DB, input: { userId: string; action: ActionLinkAction; offerId: string }) {
  return issueActionLink(db, { ...input, now: now() });
}
