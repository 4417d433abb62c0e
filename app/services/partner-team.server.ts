/**
 * A partner admin's team page (ADR 020): invite reps, move a member's open leads, disable a rep
 * (never leaving its leads with nobody able to see them), and the company's capacity, pause and
 * time zone. Admins only, and only their own company: the partner id comes from the actor and
 * is applied in every query, so another partner's user answers exactly as a missing one.
 */
import { endAllSessions } from "~/auth/lucia.server";
import { now } from "~/clock.server";
import type { DB, Executor } from "~/db.server";
import { companySettingsFrom, type CompanySettingsForm } from "~/domain/company-settings";
import { fail, invalidFields, succeed, type Failure, type Outcome } from "~/domain/outcome";
import { recordAudit } from "~/models/audit.server";
import { pendingInvitations } from "~/models/invitation.server";
import { enqueueEmails } from "~/models/outbox.server";
import { lockPartner } from "~/models/partner.server";
import {
  companySettings,
  countLiveOffersOfMember,
  lockTeamMembers,
  moveLiveOffersOfMember,
  teamWithOpenLeads,
  updateCompanySettings,
} from "~/models/partner-team.server";
import { setDisabled } from "~/models/user.server";
import type { Actor } from "./actor";
import { createInvitation } from "./invitations.server";

const NO_MEMBER = "There is no such member of your team.";

/** The admin's own partner, or the refusal for anyone else. */
function adminPartner(actor: Actor): { partnerId: string } | Failure {
  if (actor.role !== "partner_admin" || !actor.partnerId)
    return fail("forbidden", "Only your company's admin manages the team.");
  return { partnerId: actor.partnerId };
}

/** Everything the team page shows: people with their open leads, waiting invitations, settings. */
export async function teamOverview(db: Executor, actor: Actor) {
  const scope = adminPartner(actor);
  if ("ok" in scope) return scope;
  const at = now();
  const [team, invitations, settings] = await Promise.all([
    teamWithOpenLeads(db, scope.partnerId),
    pendingInvitations(db, scope.partnerId, at),
    companySettings(db, scope.partnerId),
  ]);
  if (!settings) return fail("not_found", "Your company no longer exists.");
  return succeed({ at, team, invitations, settings });
}

/** An invitation for a rep of the admin's own company (the link is shown once). */
export async function inviteRep(db: DB, email: string, actor: Actor) {
  const scope = adminPartner(actor);
  if ("ok" in scope) return scope;
  return createInvitation(db, { email, role: "partner_rep", partnerId: scope.partnerId }, actor);
}

/** Where a member's open leads go: another active member, or nobody (the shared inbox). */
export type HandTo = { userId: string } | "nobody";

export type Member = Awaited<ReturnType<typeof lockTeamMembers>>[number];

/** Locks the member and the one taking over (in id order); either missing or foreign: not found. */
async function lockPair(trx: Executor, partnerId: string, fromId: string, to: HandTo) {
  const ids = to === "nobody" ? [fromId] : [fromId, to.userId];
  const members = await lockTeamMembers(trx, partnerId, ids);
  const from = members.find((m) => m.id === fromId);
  if (!from) return fail("not_found", NO_MEMBER);
  if (to === "nobody") return { from, target: null };
  const target = members.find((m) => m.id === to.userId);
  if (!target) return fail("not_found", NO_MEMBER, { handTo: [NO_MEMBER] });
  if (target.disabled || target.id === from.id) return invalidFields({ handTo: [TAKE_OVER] }, TAKE_OVER);
  return { from, target };
}
const TAKE_OVER = "Choose another active member of your team to take the leads.";

/** Moves the member's live offers (one update), telling the new holder and noting each on the lead. */
export async function handOver(
  trx: Executor,
  partnerId: string,
  from: Member,
  target: Member | null,
  actor: Actor,
  at: Date,
) {
  const moved = await moveLiveOffersOfMember(trx, partnerId, from.id, target?.id ?? null);
  if (target)
    await enqueueEmails(
      trx,
      moved.map((o) => ({
        to: target.email,
        template: "offer_dispatched",
        key: `offer_dispatched:${o.id}:${target.id}:${at.getTime()}`,
        at,
        data: { offerId: o.id, leadId: o.lead_id },
      })),
    );
  for (const o of moved)
    await recordAudit(trx, {
      actorId: actor.userId,
      actorLabel: actor.label,
      action: "offer.dispatched",
      subjectType: "lead",
      subjectId: o.lead_id,
      details: { offerId: o.id, repId: target?.id ?? null, from: from.id },
      at,
    });
  return moved.length;
}

const holderName = (target: Member | null) => target?.name ?? "the shared inbox";
const leads = (n: number) => `${n} open lead${n === 1 ? "" : "s"}`;

/** Moves every open lead a member holds (a rep, or one already disabled) to `to`. */
export async function reassignOpenLeads(
  db: DB,
  input: { fromUserId: string; to: HandTo },
  actor: Actor,
): Promise<Outcome<{ moved: number; fromName: string; toName: string }>> {
  const scope = adminPartner(actor);
  if ("ok" in scope) return scope;
  const at = now();
  return db.transaction().execute(async (trx) => {
    const pair = await lockPair(trx, scope.partnerId, input.fromUserId, input.to);
    if ("ok" in pair) return pair;
    const moved = await handOver(trx, scope.partnerId, pair.from, pair.target, actor, at);
    if (moved === 0) return fail("conflict", `${pair.from.name} holds no open leads.`);
    return succeed({ moved, fromName: pair.from.name, toName: holderName(pair.target) });
  });
}

/**
 * Disables a rep and signs it out everywhere. A rep holding open leads is disabled only with
 * `handTo` saying who takes them, in the same transaction: no lead stays with someone who can
 * no longer sign in.
 */
export async function disableRep(
  db: DB,
  input: { userId: string; handTo: HandTo | null },
  actor: Actor,
): Promise<Outcome<{ name: string; moved: number; toName: string }>> {
  const scope = adminPartner(actor);
  if ("ok" in scope) return scope;
  const at = now();
  return db.transaction().execute(async (trx) => {
    const pair = await lockPair(trx, scope.partnerId, input.userId, input.handTo ?? "nobody");
    if ("ok" in pair) return pair;
    const rep = pair.from;
    if (rep.role !== "partner_rep")
      return fail("conflict", "Only reps are disabled here; the channel team disables a partner admin.");
    if (rep.disabled) return fail("conflict", `${rep.name} is already disabled.`);
    if (!input.handTo) {
      const held = await countLiveOffersOfMember(trx, scope.partnerId, rep.id);
      if (held > 0)
        return invalidFields(
          { handTo: [`Choose who takes over ${rep.name}'s ${leads(held)}.`] },
          `${rep.name} holds ${leads(held)}: choose who takes them over.`,
        );
    }
    const moved = input.handTo ? await handOver(trx, scope.partnerId, rep, pair.target, actor, at) : 0;
    await setDisabled(trx, rep.id, true);
    await endAllSessions(trx, rep.id);
    await recordAudit(trx, {
      actorId: actor.userId,
      actorLabel: actor.label,
      action: "user.disabled",
      subjectType: "user",
      subjectId: rep.id,
      details: { leadsHandedOver: moved, to: pair.target?.id ?? null },
      at,
    });
    return succeed({ name: rep.name, moved, toName: holderName(pair.target) });
  });
}

/** Capacity, pause and time zone, under the partner lock the router reads them under. */
export async function saveCompanySettings(db: DB, form: CompanySettingsForm, actor: Actor): Promise<Outcome> {
  const scope = adminPartner(actor);
  if ("ok" in scope) return scope;
  const at = now();
  const checked = companySettingsFrom(form, at);
  if (!checked.ok) return invalidFields({ [checked.field]: [checked.message] });
  return db.transaction().execute(async (trx) => {
    if (!(await lockPartner(trx, scope.partnerId))) return fail("not_found", "Your company no longer exists.");
    await updateCompanySettings(trx, scope.partnerId, checked.settings);
    await recordAudit(trx, {
      actorId: actor.userId,
      actorLabel: actor.label,
      action: "partner.settings_saved",
      subjectType: "partner",
      subjectId: scope.partnerId,
      details: { ...checked.settings },
      at,
    });
    return succeed({});
  });
}
