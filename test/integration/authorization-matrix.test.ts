/**
 * Every route × who → the status it must answer. A route is not done until its rows are here.
 *
 * ADDING A ROUTE: add one `row(...)` per method to MATRIX below: "METHOD /path", then what the
 * anonymous visitor, a disabled user, a channel manager, a partner admin and a partner rep get.
 * A route with an action exports its zod form schema as `actionSchema`; add one POST row per
 * `intent` in it (body `{ intent: "…" }`; a 400 for missing fields is the usual answer). A record
 * id in the path is a `{fixture}` placeholder filled from `insertFixtures`; `{missing}` is an id
 * that exists nowhere. A partner-side route with a record id (routes/partner.*) needs a row with
 * another partner's record, placeholder `{foreign…}`, answering partner users exactly what the
 * `{missing}` row answers (404): the scope is applied in the query, not only in the UI.
 * The first test ("every route and intent has rows") reads the route ids and intents from the
 * build and names whatever has no row; the test after it proves that check catches a new route.
 *
 * How: the real Remix server build (`build/index.js`) is loaded and driven through Remix's own
 * `createRequestHandler`, with real sessions in a fresh test database. That exercises the real
 * route matching, nested layout loaders (which run in parallel, so each child guards itself),
 * error boundaries and status codes — what a browser gets. The express middleware in front
 * (headers, origin check, body limits) has tests of its own and is covered end to end by Playwright.
 * The build is rebuilt first when it is missing or older than any source file, so the matrix
 * never judges stale code.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { matchRoutes, type AgnosticRouteObject } from "@remix-run/router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { initProcessDatabase, type DatabaseHandle, type DB } from "@db/client";
import { startSession } from "~/auth/lucia.server";
import { setDisabled } from "~/models/user.server";
import { CLI_ACTOR, createUser } from "~/services/account.server";
import { createTestAcceptedOffer, createTestOffer } from "~/services/test-world.server";
import { createTestDatabase } from "../support/test-database";
import { expectOk } from "../support/outcome";

const WHO = ["anonymous", "disabled", "channel_manager", "partner_admin", "partner_rep"] as const;
type Who = (typeof WHO)[number];
/** 200/400/403/404: that status. "login": a redirect to the sign-in page. `{ to }`: a redirect there. */
type Expect = number | "login" | { to: string };

/** Records the `{placeholders}` of MATRIX requests stand for; `missing` exists nowhere. */
interface Fixtures {
  campaignId: string;
  /** A finished CSV import. */
  importId: string;
  /** A partner with no users (another than the signed-in partner users'). */
  partnerId: string;
  /** An inquiry in the nurture pool (no partner holds it; no row here changes it). */
  leadId: string;
  missing: string;
  /** Partner side: an open offer and an accepted lead of the users' own partner, the same of another partner. */
  ownOffer: string;
  ownOfferedLead: string;
  ownLead: string;
  foreignOffer: string;
  foreignLead: string;
  /** A missed deadline of the partner users' own company, and one of another partner. */
  ownBreach: string;
  foreignBreach: string;
  /** The signed-in rep's own id, and a person of another partner. */
  ownRep: string;
  foreignUser: string;
}

interface Row {
  /** "METHOD /path", with `{fixture}` placeholders. */
  request: string;
  expect: Record<Who, Expect>;
  body?: Record<string, string>;
}

const LOGIN = "login" as const;
const to = (location: string) => ({ to: location });
/** One line per request: "METHOD /path", then anonymous, disabled, manager, partner admin, partner rep. */
const row = (
  request: string,
  anonymous: Expect,
  disabled: Expect,
  channel_manager: Expect,
  partner_admin: Expect,
  partner_rep: Expect,
  body?: Record<string, string>,
): Row => ({
  request,
  expect: { anonymous, disabled, channel_manager, partner_admin, partner_rep },
  body,
});

// prettier-ignore
const MATRIX: Row[] = [
  //   request                                     anonymous     disabled      manager          partner admin    partner rep
  row("GET /",                                     LOGIN,        LOGIN,        to("/manager"),  to("/partner"),  to("/partner")),
  row("GET /login",                                200,          200,          to("/manager"),  to("/partner"),  to("/partner")),
  row("GET /login?redirectTo=/partner",            200,          200,          to("/partner"),  to("/partner"),  to("/partner")),
  row("POST /login",                               400,          400,          to("/manager"),  to("/partner"),  to("/partner"),  { intent: "sign-in" }),
  row("GET /logout",                               to("/login"), to("/login"), 200,             200,             200),
  row("POST /logout",                              to("/login"), to("/login"), to("/login"),    to("/login"),    to("/login"),    { intent: "sign-out" }),
  row("GET /account/password",                     LOGIN,        LOGIN,        200,             200,             200),
  row("POST /account/password",                    LOGIN,        LOGIN,        400,             400,             400,             { intent: "change-password" }),
  row("GET /account",                              LOGIN,        LOGIN,        200,             200,             200),
  row("POST /account",                             LOGIN,        LOGIN,        400,             400,             400,             { intent: "save-profile", time_zone: "Mars/Olympus" }),
  // Invitations: the token is the credential; an unknown one explains itself and changes nothing.
  row("GET /invite/{missing}",                     200,          200,          200,             200,             200),
  row("POST /invite/{missing}",                    400,          400,          400,             400,             400,             { intent: "accept", name: "N", password: "a long enough passphrase", confirmPassword: "a long enough passphrase" }),
  // Links from email (ADR 021): the token is the credential for one action; an unknown one explains itself.
  row("GET /action/{missing}",                     200,          200,          200,             200,             200),
  row("POST /action/{missing}",                    404,          404,          404,             404,             404,             { intent: "accept_offer" }),
  row("POST /action/{missing}",                    404,          404,          404,             404,             404,             { intent: "log_touch", kind: "call" }),
  row("GET /manager",                              LOGIN,        LOGIN,        200,             403,             403),
  row("GET /partner",                              LOGIN,        LOGIN,        403,             200,             200),
  row("GET /healthz",                              200,          200,          200,             200,             200),
  // The first-run setup is gone once anyone exists.
  row("GET /setup",                                to("/login"), to("/login"), to("/login"),    to("/login"),    to("/login")),
  row("POST /setup",                               to("/login"), to("/login"), to("/login"),    to("/login"),    to("/login"),    { intent: "create-manager" }),
  // Test-only routes, here because the matrix runs with TEST_CLOCK=1 (without it: 404).
  row("GET /dev/clock",                            LOGIN,        LOGIN,        200,             403,             403),
  row("POST /dev/clock",                           LOGIN,        LOGIN,        400,             403,             403,             { intent: "set", at: "not a time" }),
  row("POST /dev/clock",                           LOGIN,        LOGIN,        400,             403,             403,             { intent: "advance", minutes: "0" }),
  // The e2e fixtures: no session needed (they create the people), only TEST_CLOCK=1.
  row("GET /dev/fixtures",                         405,          405,          405,             405,             405),
  row("POST /dev/fixtures",                        200,          200,          200,             200,             200,             { intent: "manager" }),
  row("POST /dev/fixtures",                        200,          200,          200,             200,             200,             { intent: "partner", territories: "US,CA" }),
  row("POST /dev/fixtures",                        200,          200,          200,             200,             200,             { intent: "lead" }),
  row("POST /dev/fixtures",                        200,          200,          200,             200,             200,             { intent: "routed" }),
  row("POST /dev/fixtures",                        400,          400,          400,             400,             400,             { intent: "offer" }),
  row("POST /dev/fixtures",                        400,          400,          400,             400,             400,             { intent: "accepted" }),
  row("POST /dev/fixtures",                        400,          400,          400,             400,             400,             { intent: "reported" }),
  row("POST /dev/fixtures",                        400,          400,          400,             400,             400,             { intent: "excuse" }),
  row("POST /dev/fixtures",                        400,          400,          400,             400,             400,             { intent: "action-link" }),
  // Lead intake: channel managers only. The API answers to keys, never to a session.
  row("GET /manager/intake",                       LOGIN,        LOGIN,        200,             403,             403),
  row("GET /manager/intake/new",                   LOGIN,        LOGIN,        200,             403,             403),
  row("POST /manager/intake/new",                  LOGIN,        LOGIN,        400,             403,             403,             { intent: "create" }),
  row("POST /manager/intake/new",                  LOGIN,        LOGIN,        200,             403,             403,             { intent: "preview" }),
  row("GET /manager/intake/imports",               LOGIN,        LOGIN,        200,             403,             403),
  row("POST /manager/intake/imports",              LOGIN,        LOGIN,        400,             403,             403,             { intent: "upload" }),
  row("GET /manager/intake/imports/{importId}",    LOGIN,        LOGIN,        200,             403,             403),
  row("POST /manager/intake/imports/{importId}",   LOGIN,        LOGIN,        400,             403,             403,             { intent: "settings" }),
  row("POST /manager/intake/imports/{importId}",   LOGIN,        LOGIN,        400,             403,             403,             { intent: "start" }),
  // A finished import has nothing to resume: back to its page.
  row("POST /manager/intake/imports/{importId}",   LOGIN,        LOGIN,        to("/manager/intake/imports/{importId}"), 403, 403, { intent: "resume" }),
  row("GET /manager/intake/imports/{importId}/rejects.csv", LOGIN, LOGIN,      200,             403,             403),
  row("GET /manager/intake/imports/{missing}",     LOGIN,        LOGIN,        404,             403,             403),
  row("GET /manager/intake/imports/{missing}/rejects.csv", LOGIN, LOGIN,       404,             403,             403),
  row("GET /manager/intake/api-keys",              LOGIN,        LOGIN,        200,             403,             403),
  row("POST /manager/intake/api-keys",             LOGIN,        LOGIN,        400,             403,             403,             { intent: "create" }),
  row("POST /manager/intake/api-keys",             LOGIN,        LOGIN,        400,             403,             403,             { intent: "revoke", keyId: "not an id" }),
  row("GET /manager/intake/duplicates",            LOGIN,        LOGIN,        200,             403,             403),
  row("POST /manager/intake/duplicates",           LOGIN,        LOGIN,        404,             403,             403,             { intent: "keep", leadId: "{missing}" }),
  row("POST /manager/intake/duplicates",           LOGIN,        LOGIN,        404,             403,             403,             { intent: "merge", leadId: "{missing}" }),
  row("GET /manager/campaigns",                    LOGIN,        LOGIN,        200,             403,             403),
  row("GET /manager/campaigns/new",                LOGIN,        LOGIN,        200,             403,             403),
  row("POST /manager/campaigns/new",               LOGIN,        LOGIN,        400,             403,             403,             { intent: "save" }),
  // A name already taken is a field error, never a 500.
  row("POST /manager/campaigns/new",               LOGIN,        LOGIN,        400,             403,             403,             { intent: "save", name: "Matrix campaign", channel: "Webinar" }),
  row("GET /manager/campaigns/{campaignId}",       LOGIN,        LOGIN,        200,             403,             403),
  row("POST /manager/campaigns/{campaignId}",      LOGIN,        LOGIN,        400,             403,             403,             { intent: "save" }),
  row("POST /manager/campaigns/{missing}",         LOGIN,        LOGIN,        404,             403,             403,             { intent: "archive" }),
  row("POST /manager/campaigns/{missing}",         LOGIN,        LOGIN,        404,             403,             403,             { intent: "restore" }),
  row("GET /manager/campaigns/{missing}",          LOGIN,        LOGIN,        404,             403,             403),
  // Lead list, its export and the queue: channel managers only. Filters a page cannot use are
  // dropped with a message (never a 500); a lead that is not there is reported per lead.
  row("GET /manager/leads",                        LOGIN,        LOGIN,        200,             403,             403),
  row("GET /manager/leads?state=nope&partner=x&after=garbage", LOGIN, LOGIN,   200,             403,             403),
  row("GET /manager/leads.csv?state=queued",       LOGIN,        LOGIN,        200,             403,             403),
  row("GET /manager/queue",                        LOGIN,        LOGIN,        200,             403,             403),
  row("POST /manager/queue",                       LOGIN,        LOGIN,        400,             403,             403,             { intent: "route" }),
  row("POST /manager/queue",                       LOGIN,        LOGIN,        400,             403,             403,             { intent: "offer", leadId: "{missing}" }),
  row("POST /manager/queue",                       LOGIN,        LOGIN,        400,             403,             403,             { intent: "nurture", leadId: "not an id" }),
  row("POST /manager/queue",                       LOGIN,        LOGIN,        to("/manager/queue"), 403,        403,             { intent: "route", leadId: "{missing}" }),
  row("GET /manager/partners",                     LOGIN,        LOGIN,        200,             403,             403),
  row("GET /manager/partners?afterName=x&afterId=bad", LOGIN,    LOGIN,        200,             403,             403),
  row("GET /manager/partners/new",                 LOGIN,        LOGIN,        200,             403,             403),
  row("POST /manager/partners/new",                LOGIN,        LOGIN,        400,             403,             403,             { intent: "save" }),
  row("GET /manager/partners/{partnerId}",         LOGIN,        LOGIN,        200,             403,             403),
  row("GET /manager/partners/{missing}",           LOGIN,        LOGIN,        404,             403,             403),
  row("GET /manager/partners/not-an-id",           LOGIN,        LOGIN,        404,             403,             403),
  row("POST /manager/partners/{partnerId}",        LOGIN,        LOGIN,        400,             403,             403,             { intent: "withhold" }),
  row("POST /manager/partners/{partnerId}",        LOGIN,        LOGIN,        400,             403,             403,             { intent: "reinstate", reason: "r", expires_on: "2001-01-01" }),
  row("POST /manager/partners/{partnerId}",        LOGIN,        LOGIN,        to("/manager/partners/{partnerId}"), 403, 403, { intent: "clear-override" }),
  row("POST /manager/partners/{partnerId}",        LOGIN,        LOGIN,        400,             403,             403,             { intent: "invite-admin", email: "not an email" }),
  row("POST /manager/partners/{partnerId}",        LOGIN,        LOGIN,        404,             403,             403,             { intent: "disable-user", userId: "{missing}" }),
  row("POST /manager/partners/{missing}",          LOGIN,        LOGIN,        404,             403,             403,             { intent: "clear-override" }),
  row("GET /manager/partners/{partnerId}/edit",    LOGIN,        LOGIN,        200,             403,             403),
  row("GET /manager/partners/{missing}/edit",      LOGIN,        LOGIN,        404,             403,             403),
  row("POST /manager/partners/{partnerId}/edit",   LOGIN,        LOGIN,        400,             403,             403,             { intent: "save" }),
  row("POST /manager/partners/{missing}/edit",     LOGIN,        LOGIN,        404,             403,             403,             { intent: "save" }),
  row("GET /manager/people",                       LOGIN,        LOGIN,        200,             403,             403),
  row("POST /manager/people",                      LOGIN,        LOGIN,        400,             403,             403,             { intent: "invite", email: "" }),
  row("POST /manager/people",                      LOGIN,        LOGIN,        404,             403,             403,             { intent: "disable", userId: "{missing}" }),
  // The lead page. The fixture lead is an inquiry: routing it is a conflict (409); the rows
  // with missing fields answer 400 and change nothing.
  row("GET /manager/leads/{leadId}",               LOGIN,        LOGIN,        200,             403,             403),
  row("GET /manager/leads/{missing}",              LOGIN,        LOGIN,        404,             403,             403),
  row("GET /manager/leads/not-an-id",              LOGIN,        LOGIN,        404,             403,             403),
  row("POST /manager/leads/{leadId}",              LOGIN,        LOGIN,        409,             403,             403,             { intent: "route" }),
  row("POST /manager/leads/{missing}",             LOGIN,        LOGIN,        404,             403,             403,             { intent: "promote" }),
  row("POST /manager/leads/{leadId}",              LOGIN,        LOGIN,        400,             403,             403,             { intent: "offer" }),
  row("POST /manager/leads/{leadId}",              LOGIN,        LOGIN,        400,             403,             403,             { intent: "recall" }),
  row("POST /manager/leads/{leadId}",              LOGIN,        LOGIN,        400,             403,             403,             { intent: "reassign" }),
  row("POST /manager/leads/{leadId}",              LOGIN,        LOGIN,        400,             403,             403,             { intent: "correct-outcome" }),
  // The excuse queue: a malformed page cursor is the first page; a decision on nothing answers 404.
  row("GET /manager/excuses",                      LOGIN,        LOGIN,        200,             403,             403),
  row("GET /manager/excuses?after=not-a-cursor",   LOGIN,        LOGIN,        200,             403,             403),
  row("POST /manager/excuses",                     LOGIN,        LOGIN,        404,             403,             403,             { intent: "approve", excuseId: "{missing}" }),
  row("POST /manager/excuses",                     LOGIN,        LOGIN,        400,             403,             403,             { intent: "approve", excuseId: "not-an-id" }),
  row("POST /manager/excuses",                     LOGIN,        LOGIN,        400,             403,             403,             { intent: "reject", excuseId: "{missing}" }),
  row("POST /manager/excuses",                     LOGIN,        LOGIN,        404,             403,             403,             { intent: "reject", excuseId: "{missing}", note: "No" }),
  // The rules: channel managers only. Bad input answers 400 and changes nothing; a reason that
  // is not on the list answers 404.
  row("GET /manager/rules",                        LOGIN,        LOGIN,        200,             403,             403),
  row("GET /manager/rules/policy",                 LOGIN,        LOGIN,        200,             403,             403),
  row("POST /manager/rules/policy",                LOGIN,        LOGIN,        400,             403,             403,             { intent: "save", accept_hours: "0" }),
  row("GET /manager/rules/scoring",                LOGIN,        LOGIN,        200,             403,             403),
  row("POST /manager/rules/scoring",               LOGIN,        LOGIN,        400,             403,             403,             { intent: "preview", threshold: "-1" }),
  row("POST /manager/rules/scoring",               LOGIN,        LOGIN,        400,             403,             403,             { intent: "save", threshold: "40" }),
  row("GET /manager/rules/reasons",                LOGIN,        LOGIN,        200,             403,             403),
  row("POST /manager/rules/reasons",               LOGIN,        LOGIN,        400,             403,             403,             { intent: "add", list: "decline", label: "" }),
  row("POST /manager/rules/reasons",               LOGIN,        LOGIN,        404,             403,             403,             { intent: "rename", list: "lost", code: "no_such_reason", label: "New" }),
  row("POST /manager/rules/reasons",               LOGIN,        LOGIN,        404,             403,             403,             { intent: "retire", list: "lost", code: "no_such_reason" }),
  row("POST /manager/rules/reasons",               LOGIN,        LOGIN,        400,             403,             403,             { intent: "restore", list: "nope", code: "other" }),
  row("GET /manager/api-docs",                     LOGIN,        LOGIN,        200,             403,             403),
  row("GET /api/v1/leads",                         405,          405,          405,             405,             405),
  row("POST /api/v1/leads",                        401,          401,          401,             401,             401),
  row("GET /api/v1/leads/{missing}",               401,          401,          401,             401,             401),
  row("POST /api/v1/leads/{missing}",              405,          405,          405,             405,             405),
  // Partner compliance: partner users only; an excuse for another partner's breach is a 404, like a missing one.
  row("GET /partner/compliance",                   LOGIN,        LOGIN,        403,             200,             200),
  row("POST /partner/compliance",                  LOGIN,        LOGIN,        403,             400,             400,             { intent: "request-excuse", obligationId: "{ownBreach}" }),
  row("POST /partner/compliance",                  LOGIN,        LOGIN,        403,             404,             404,             { intent: "request-excuse", obligationId: "{missing}", reason: "Customer silent" }),
  row("POST /partner/compliance",                  LOGIN,        LOGIN,        403,             404,             404,             { intent: "request-excuse", obligationId: "{foreignBreach}", reason: "Customer silent" }),
  row("POST /partner/compliance",                  LOGIN,        LOGIN,        403,             404,             404,             { intent: "request-excuse", obligationId: "not an id", reason: "Customer silent" }),
  row("GET /partner/rules",                        LOGIN,        LOGIN,        403,             200,             200),
  row("GET /no-such-page",                         404,          404,          404,             404,             404),
  row("GET /manager/no-such-page",                 404,          404,          404,             404,             404),
  row("POST /no-such-page",                        404,          404,          404,             404,             404),
  // Partner inbox (/partner). Another partner's offer answers like a missing one; only admins dispatch.
  row("POST /partner?index",                       LOGIN,        LOGIN,        403,             404,             404,             { intent: "accept", offerId: "{foreignOffer}" }),
  row("POST /partner?index",                       LOGIN,        LOGIN,        403,             404,             404,             { intent: "accept", offerId: "{missing}" }),
  row("POST /partner?index",                       LOGIN,        LOGIN,        403,             400,             400,             { intent: "accept", offerId: "not-an-id" }),
  row("POST /partner?index",                       LOGIN,        LOGIN,        403,             400,             400,             { intent: "decline", offerId: "{ownOffer}" }),
  row("POST /partner?index",                       LOGIN,        LOGIN,        403,             404,             404,             { intent: "decline", offerId: "{foreignOffer}", reason: "no_capacity" }),
  row("POST /partner?index",                       LOGIN,        LOGIN,        403,             404,             404,             { intent: "decline", offerId: "{missing}", reason: "no_capacity" }),
  row("POST /partner?index",                       LOGIN,        LOGIN,        403,             to("/partner"),  403,             { intent: "dispatch", offerId: "{ownOffer}", repId: "" }),
  row("POST /partner?index",                       LOGIN,        LOGIN,        403,             404,             403,             { intent: "dispatch", offerId: "{foreignOffer}", repId: "" }),
  row("POST /partner?index",                       LOGIN,        LOGIN,        403,             404,             403,             { intent: "dispatch", offerId: "{missing}", repId: "" }),
  // Leads: an accepted lead of the own partner; an offer not yet accepted shows no contact (404).
  row("GET /partner/leads",                        LOGIN,        LOGIN,        403,             200,             200),
  row("GET /partner/leads?show=closed",            LOGIN,        LOGIN,        403,             200,             200),
  row("GET /partner/leads?show=closed&after=x~{foreignOffer}", LOGIN, LOGIN,   403,             200,             200),
  row("GET /partner/leads?show=closed&after=-005000-01-01T00:00:00.000Z~{foreignOffer}", LOGIN, LOGIN, 403, 200, 200),
  row("GET /partner/leads/{ownLead}",              LOGIN,        LOGIN,        403,             200,             200),
  row("GET /partner/leads/{ownOfferedLead}",       LOGIN,        LOGIN,        403,             404,             404),
  row("GET /partner/leads/{foreignLead}",          LOGIN,        LOGIN,        403,             404,             404),
  row("GET /partner/leads/{missing}",              LOGIN,        LOGIN,        403,             404,             404),
  row("GET /partner/leads/not-an-id",              LOGIN,        LOGIN,        403,             404,             404),
  row("POST /partner/leads/{ownLead}",             LOGIN,        LOGIN,        403,             400,             400,             { intent: "touch" }),
  row("POST /partner/leads/{ownLead}",             LOGIN,        LOGIN,        403,             400,             400,             { intent: "touch", kind: "call", day: "2999-01-01" }),
  row("POST /partner/leads/{ownLead}",             LOGIN,        LOGIN,        403,             400,             400,             { intent: "note" }),
  row("POST /partner/leads/{ownLead}",             LOGIN,        LOGIN,        403,             400,             400,             { intent: "stage" }),
  row("POST /partner/leads/{ownLead}",             LOGIN,        LOGIN,        403,             400,             400,             { intent: "outcome" }),
  row("POST /partner/leads/{ownLead}",             LOGIN,        LOGIN,        403,             400,             400,             { intent: "outcome", outcome: "lost:no_response" }),
  row("POST /partner/leads/{ownLead}",             LOGIN,        LOGIN,        403,             400,             400,             { intent: "outcome", outcome: "won", amount: "0" }),
  row("POST /partner/leads/{foreignLead}",         LOGIN,        LOGIN,        403,             404,             404,             { intent: "touch", kind: "call", day: "2000-01-01" }),
  row("POST /partner/leads/{foreignLead}",         LOGIN,        LOGIN,        403,             404,             404,             { intent: "note", note: "x" }),
  row("POST /partner/leads/{foreignLead}",         LOGIN,        LOGIN,        403,             404,             404,             { intent: "stage", stage: "qualified" }),
  row("POST /partner/leads/{foreignLead}",         LOGIN,        LOGIN,        403,             404,             404,             { intent: "outcome", outcome: "won", amount: "100" }),
  row("POST /partner/leads/{missing}",             LOGIN,        LOGIN,        403,             404,             404,             { intent: "note", note: "x" }),
  row("POST /partner/leads/{missing}",             LOGIN,        LOGIN,        403,             404,             404,             { intent: "touch", kind: "call", day: "2000-01-01" }),
  row("POST /partner/leads/{missing}",             LOGIN,        LOGIN,        403,             404,             404,             { intent: "stage", stage: "qualified" }),
  row("POST /partner/leads/{missing}",             LOGIN,        LOGIN,        403,             404,             404,             { intent: "outcome", outcome: "won", amount: "100" }),
  row("POST /partner/leads/not-an-id",             LOGIN,        LOGIN,        403,             404,             404,             { intent: "note", note: "x" }),
  // Team: admins only (a rep gets 403 for the page and every intent); another partner's person is a 404, like a missing one.
  row("GET /partner/team",                         LOGIN,        LOGIN,        403,             200,             403),
  row("POST /partner/team",                        LOGIN,        LOGIN,        403,             400,             403,             { intent: "invite", email: "not an email" }),
  row("POST /partner/team",                        LOGIN,        LOGIN,        403,             400,             403,             { intent: "reassign", userId: "{ownRep}" }),
  row("POST /partner/team",                        LOGIN,        LOGIN,        403,             404,             403,             { intent: "reassign", userId: "{foreignUser}", handTo: "nobody" }),
  row("POST /partner/team",                        LOGIN,        LOGIN,        403,             404,             403,             { intent: "reassign", userId: "{missing}", handTo: "nobody" }),
  row("POST /partner/team",                        LOGIN,        LOGIN,        403,             404,             403,             { intent: "reassign", userId: "{ownRep}", handTo: "{foreignUser}" }),
  row("POST /partner/team",                        LOGIN,        LOGIN,        403,             404,             403,             { intent: "disable", userId: "{foreignUser}" }),
  row("POST /partner/team",                        LOGIN,        LOGIN,        403,             404,             403,             { intent: "disable", userId: "{missing}" }),
  row("POST /partner/team",                        LOGIN,        LOGIN,        403,             404,             403,             { intent: "disable", userId: "{ownRep}", handTo: "{foreignUser}" }),
  row("POST /partner/team",                        LOGIN,        LOGIN,        403,             400,             403,             { intent: "disable", userId: "not-an-id" }),
  row("POST /partner/team",                        LOGIN,        LOGIN,        403,             400,             403,             { intent: "save-settings", capacity: "lots" }),
];

/** Routes whose action reads no form (so exports no `actionSchema`), and why. */
const NOT_A_FORM: Record<string, string> = {
  "routes/$": "answers 404 to any method",
  "routes/api.v1.leads": "reads JSON with an API key",
  "routes/api.v1.leads.$leadId": "answers 405",
};

type BuiltRoutes = ServerBuild["routes"];

/** The `intent` values a zod form schema accepts (literal, enum, union, preprocess, refine). */
function intentsOf(schema: z.ZodType): string[] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  switch (def.type) {
    case "pipe":
      return intentsOf(def.out as z.ZodType);
    case "union":
      return (def.options as z.ZodType[]).flatMap(intentsOf);
    case "object": {
      const intent = (def.shape as Record<string, z.ZodType>).intent;
      return intent ? intentsOf(intent) : [];
    }
    case "literal":
      return (def.values as unknown[]).map(String);
    case "enum":
      return Object.values(def.entries as Record<string, string>);
    default:
      return [];
  }
}

function routeTree(routes: BuiltRoutes, parentId?: string): AgnosticRouteObject[] {
  return Object.values(routes)
    .filter((r) => r!.parentId === parentId)
    .map(
      (r) =>
        ({
          id: r!.id,
          path: r!.path,
          index: r!.index,
          caseSensitive: r!.caseSensitive,
          children: r!.index ? undefined : routeTree(routes, r!.id),
        }) as AgnosticRouteObject,
    );
}

const placeholder = /\{(\w+)\}/g;

/**
 * What has no row: every route id of the build needs a row reaching it, every action a POST
 * row per intent of its `actionSchema`, every partner record route a foreign-record row that
 * answers partner users like its missing-record row (404). Empty when the matrix is complete.
 */
function missingRows(routes: BuiltRoutes, rows: Row[]): string[] {
  const tree = routeTree(routes);
  const reached = rows.map((r) => {
    const [method, target] = r.request.split(" ");
    const pathname = new URL(target.replace(placeholder, "x"), "http://localhost").pathname;
    const ids = (matchRoutes(tree, pathname) ?? []).map((m) => m.route.id!);
    return { ...r, method, ids, leaf: ids.at(-1) };
  });
  const problems: string[] = [];
  for (const route of Object.values(routes)) {
    const { id, module } = route!;
    const own = reached.filter((r) => r.leaf === id);
    if (!reached.some((r) => r.ids.includes(id))) problems.push(`${id}: no row`);
    if (module.action) {
      const schema = (module as { actionSchema?: z.ZodType }).actionSchema;
      const posts = own.filter((r) => r.method === "POST");
      if (schema) {
        const intents = intentsOf(schema);
        if (!intents.length) problems.push(`${id}: actionSchema has no intent`);
        for (const intent of intents)
          if (!posts.some((r) => r.body?.intent === intent))
            problems.push(`${id}: no POST row with intent "${intent}"`);
      } else if (!(id in NOT_A_FORM)) {
        problems.push(`${id}: has an action but exports no actionSchema`);
      } else if (!posts.length) {
        problems.push(`${id}: no POST row`);
      }
    }
    if (id.startsWith("routes/partner.") && route!.path?.includes(":")) {
      const partnerSide = (r: Row) => `${r.expect.partner_admin} ${r.expect.partner_rep}`;
      const missing = own.filter((r) => r.request.includes("{missing}") && partnerSide(r) === "404 404");
      const foreign = own.filter((r) => /\{foreign\w*\}/.test(r.request));
      if (!missing.length) problems.push(`${id}: no {missing} record row answering 404 to partner users`);
      if (!foreign.length) problems.push(`${id}: no {foreign…} record row (another partner's record)`);
      for (const r of foreign)
        if (partnerSide(r) !== "404 404")
          problems.push(`${id}: ${r.request} must answer partner users 404, like a missing record`);
    }
  }
  return problems;
}

const ROOT = path.resolve(__dirname, "../..");
const BUILD = path.join(ROOT, "build/index.js");

function newestSourceMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMtime(p));
    else if (!/\.test\.tsx?$/.test(entry.name)) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function ensureFreshBuild() {
  const sources = Math.max(
    newestSourceMtime(path.join(ROOT, "app")),
    newestSourceMtime(path.join(ROOT, "db")),
    statSync(path.join(ROOT, "remix.config.js")).mtimeMs,
  );
  if (existsSync(BUILD) && statSync(BUILD).mtimeMs >= sources) return;
  execFileSync(process.platform === "win32" ? "npx.cmd" : "npx", ["remix", "build"], { cwd: ROOT, stdio: "pipe" });
}

let testDb: DatabaseHandle;
let processDb: DatabaseHandle;
let build: ServerBuild;
let handle: (request: Request) => Promise<Response>;
let fixtures: Fixtures;
const userIds = {} as Record<Exclude<Who, "anonymous">, string>;

beforeAll(async () => {
  process.env.TEST_CLOCK = "1"; // read by the build at its first request
  ensureFreshBuild();
  build = (await import(/* @vite-ignore */ pathToFileURL(BUILD).href)) as ServerBuild;
  // The build reads the database through getDb(): the process database, opened here on a fresh
  // copy of the migrated template (PostgreSQL when DATABASE_URL is set, else in-memory PGlite).
  testDb = await createTestDatabase();
  processDb = await initProcessDatabase(testDb.config);
  const db = processDb.db;

  const own = await insertPartner(db, "Matrix Own Partner");
  const foreign = await insertPartner(db, "Matrix Foreign Partner");
  fixtures = {
    ...(await insertFixtures(db, own, foreign)),
    ...(await insertBreaches(db, own, foreign)),
    ownRep: "",
    foreignUser: "",
  };
  const accounts = [
    ["channel_manager", "channel_manager", undefined],
    ["partner_admin", "partner_admin", own],
    ["partner_rep", "partner_rep", own],
    ["disabled", "channel_manager", undefined],
  ] as const;
  for (const [who, role, partnerId] of accounts) {
    const created = await createUser(
      db,
      { email: `${who}@matrix.test`, role, partnerId, password: "matrix-password" },
      CLI_ACTOR,
    );
    expectOk(created);
    userIds[who] = created.user.id;
  }
  await setDisabled(db, userIds.disabled, true);
  fixtures.ownRep = userIds.partner_rep;
  const foreignRep = await createUser(
    db,
    { email: "foreign-rep@matrix.test", role: "partner_rep", partnerId: foreign, password: "matrix-password" },
    CLI_ACTOR,
  );
  expectOk(foreignRep);
  fixtures.foreignUser = foreignRep.user.id;
  const handler = createRequestHandler(build, "production");
  handle = (request) => handler(request, { cspNonce: "bWF0cml4LXRlc3Qtbm9uY2U=", clientAddress: "192.0.2.7" });
}, 120_000);

afterAll(async () => {
  await processDb?.close();
  await testDb?.close();
});

async function insertFixtures(
  db: DB,
  own: string,
  foreign: string,
): Promise<Omit<Fixtures, "ownBreach" | "foreignBreach" | "ownRep" | "foreignUser">> {
  const at = new Date();
  const campaign = await db
    .insertInto("campaigns")
    .values({ name: "Matrix campaign", channel: "Webinar" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const source = await db
    .insertInto("sources")
    .values({ kind: "csv_import", name: "Matrix list" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const imp = await db
    .insertInto("csv_imports")
    .values({
      source_id: source.id,
      campaign_id: null,
      file_name: "matrix.csv",
      content_hash: "matrix",
      byte_size: 10,
      estimated_rows: 1,
      file_path: "/nonexistent/matrix.csv",
      encoding: "utf-8",
      delimiter: ",",
      has_bom: false,
      headers: JSON.stringify(["a", "b"]),
      mapping: JSON.stringify(["contact_name", "company_name"]),
      state: "done",
      result: JSON.stringify({
        rows: 0,
        valid: 0,
        rejected: 0,
        created: 0,
        updated: 0,
        promoted: 0,
        duplicates: 0,
        routed: 0,
        repeated: 0,
      }),
      created_by: null,
      created_by_label: "matrix",
      created_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const lead = await db
    .insertInto("leads")
    .values({
      source_id: source.id,
      contact_name: "Matrix Contact",
      company_name: "Matrix Co",
      territory: "US",
      score: 5,
      kind: "inquiry",
      state: "nurture",
      intake_at: at,
      intake_by: "matrix",
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const ownOffer = expectOffer(await createTestOffer(db, own));
  const ownLead = expectOffer(await createTestAcceptedOffer(db, own));
  const foreignOffer = expectOffer(await createTestOffer(db, foreign));
  const foreignLead = expectOffer(await createTestAcceptedOffer(db, foreign));
  const partnerId = await insertPartner(db, "Matrix Managed Partner");
  return {
    campaignId: campaign.id,
    importId: imp.id,
    partnerId,
    leadId: lead.id,
    missing: "00000000-0000-4000-8000-000000000000",
    ownOffer: ownOffer.offerId,
    ownOfferedLead: ownOffer.lead.id,
    ownLead: ownLead.lead.id,
    foreignOffer: foreignOffer.offerId,
    foreignLead: foreignLead.lead.id,
  };
}

function expectOffer<T extends { ok: boolean }>(made: T): Extract<T, { ok: true }> {
  if (!made.ok) throw new Error(`fixture offer refused: ${JSON.stringify(made)}`);
  return made as Extract<T, { ok: true }>;
}

/** A missed first touch of an accepted offer, for the own partner and for another one. */
async function insertBreaches(
  db: DB,
  own: string,
  foreign: string,
): Promise<Pick<Fixtures, "ownBreach" | "foreignBreach">> {
  const at = new Date(Date.now() - 10 * 86_400_000);
  const source = await db
    .insertInto("sources")
    .values({ kind: "manual", name: "Matrix breaches" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const breach = async (partnerId: string) => {
    const lead = await db
      .insertInto("leads")
      .values({
        source_id: source.id,
        contact_name: "Casey",
        company_name: "Matrix Customer",
        territory: "US",
        score: 60,
        kind: "lead",
        state: "accepted",
        intake_at: at,
        intake_by: "matrix",
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const offer = await db
      .insertInto("offers")
      .values({
        lead_id: lead.id,
        partner_id: partnerId,
        state: "accepted",
        offered_at: at,
        accept_due_at: at,
        decided_at: at,
        manual: false,
        policy_version: 1,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const ob = await db
      .insertInto("obligations")
      .values({
        offer_id: offer.id,
        lead_id: lead.id,
        partner_id: partnerId,
        kind: "first_touch",
        due_at: at,
        remind_at: at,
        missed_at: at,
        state: "missed",
        policy_version: 1,
        created_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return ob.id;
  };
  return { ownBreach: await breach(own), foreignBreach: await breach(foreign) };
}

async function insertPartner(db: DB, name: string): Promise<string> {
  const p = await db
    .insertInto("partners")
    .values({ name, contact_email: "c@matrix.test", territories: ["US"] })
    .returning("id")
    .executeTakeFirstOrThrow();
  return p.id;
}

/** A fresh session per request, so a sign-out row cannot affect the next one. */
async function cookieFor(who: Who): Promise<string | undefined> {
  if (who === "anonymous") return undefined;
  const { setCookie } = await startSession(processDb.db, userIds[who]);
  return setCookie.split(";")[0];
}

function fill(text: string): string {
  return text.replace(placeholder, (_, name: string) => {
    const value = (fixtures as unknown as Record<string, string | undefined>)[name];
    if (!value) throw new Error(`No fixture "${name}": add it to insertFixtures`);
    return value;
  });
}

function describeExpect(e: Expect): string {
  return typeof e === "number" ? String(e) : e === "login" ? "→ login" : `→ ${e.to}`;
}

describe("authorization matrix", () => {
  it("every route and intent of the build has rows", () => {
    expect(missingRows(build.routes, MATRIX)).toEqual([]);
  });

  it("the check names a route added without rows, its intents and its foreign-record row", () => {
    const added = {
      id: "routes/partner.widgets.$widgetId",
      parentId: "routes/partner",
      path: "widgets/:widgetId",
      module: {
        loader: () => null,
        action: () => null,
        actionSchema: z.discriminatedUnion("intent", [
          z.object({ intent: z.literal("archive") }),
          z.object({ intent: z.literal("restore") }),
        ]),
      },
    };
    const routes = { ...build.routes, [added.id]: added } as unknown as BuiltRoutes;
    expect(missingRows(routes, MATRIX)).toEqual([
      "routes/partner.widgets.$widgetId: no row",
      'routes/partner.widgets.$widgetId: no POST row with intent "archive"',
      'routes/partner.widgets.$widgetId: no POST row with intent "restore"',
      "routes/partner.widgets.$widgetId: no {missing} record row answering 404 to partner users",
      "routes/partner.widgets.$widgetId: no {foreign…} record row (another partner's record)",
    ]);
    // prettier-ignore
    const rows = [
      row("GET /partner/widgets/{ownWidget}",        LOGIN, LOGIN, 403, 200, 200),
      row("GET /partner/widgets/{missing}",          LOGIN, LOGIN, 403, 404, 404),
      row("GET /partner/widgets/{foreignWidget}",    LOGIN, LOGIN, 403, 200, 404),
      row("POST /partner/widgets/{ownWidget}",       LOGIN, LOGIN, 403, 303, 303, { intent: "archive" }),
    ];
    expect(missingRows(routes, [...MATRIX, ...rows])).toEqual([
      'routes/partner.widgets.$widgetId: no POST row with intent "restore"',
      "routes/partner.widgets.$widgetId: GET /partner/widgets/{foreignWidget} must answer partner users 404, like a missing record",
    ]);
  });

  for (const r of MATRIX) {
    for (const who of WHO) {
      const expected = r.expect[who];
      it(`${r.request}${r.body?.intent ? ` (${r.body.intent})` : ""} as ${who}: ${describeExpect(expected)}`, async () => {
        const [method, target] = fill(r.request).split(" ");
        const headers = new Headers();
        const cookie = await cookieFor(who);
        if (cookie) headers.set("Cookie", cookie);
        let body: URLSearchParams | undefined;
        if (method !== "GET") {
          body = new URLSearchParams(Object.fromEntries(Object.entries(r.body ?? {}).map(([k, v]) => [k, fill(v)])));
          headers.set("Content-Type", "application/x-www-form-urlencoded");
        }
        const response = await handle(new Request(`http://localhost${target}`, { method, headers, body }));
        const location = response.headers.get("Location");
        const got =
          response.status >= 300 && response.status < 400
            ? `${response.status} → ${location}`
            : String(response.status);
        if (typeof expected === "number") {
          expect(got).toBe(String(expected));
        } else if (expected === "login") {
          expect(got).toMatch(/^302 → \/login(\?|$)/);
        } else {
          expect(got).toBe(`302 → ${fill(expected.to)}`);
        }
        await response.body?.cancel();
      });
    }
  }
});
