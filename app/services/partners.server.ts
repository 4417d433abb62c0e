/** Creating and editing partners (a channel manager's use cases), and what the partner page reads. */
import { now } from "~/clock.server";
import type { DB, Executor } from "~/db.server";
import { startOfDayInZone, type PartnerFormFields } from "~/domain/partner-fields";
import { recordAudit } from "~/models/audit.server";
import { pendingInvitations } from "~/models/invitation.server";
import { activeVerticals } from "~/models/lead-intake.server";
import {
  findPartner,
  insertPartner,
  lockPartner,
  partnerBreaches,
  partnerNameTaken,
  partnerOpenLoad,
  partnerOverrides,
  partnerStandingHistory,
  updatePartner,
  type PartnerFields,
} from "~/models/partner.server";
import { listPartnerTeam } from "~/models/user.server";
import { standingInput } from "./standing.server";
import { fail, invalidFields, succeed, type Outcome } from "~/domain/outcome";
import type { Actor } from "./actor";

export type SavePartnerResult = Outcome<{ partnerId: string; name: string }>;

async function checkedFields(db: Executor, form: PartnerFormFields, exceptId: string | null) {
  if (await partnerNameTaken(db, form.name, exceptId))
    return { field: "name" as const, error: "Another partner already has this name." };
  const known = new Set((await activeVerticals(db)).map((v) => v.code));
  const unknown = form.verticals.filter((v) => !known.has(v));
  if (unknown.length)
    return {
      field: "verticals" as const,
      error: `Not on the vertical list: ${unknown.join(", ")}. Known: ${[...known].join(", ")}.`,
    };
  const fields: PartnerFields = {
    name: form.name,
    contactEmail: form.contact_email,
    territories: form.territories,
    verticals: form.verticals,
    capacity: form.capacity,
    timeZone: form.time_zone,
    active: form.active === "on",
    pausedUntil: form.paused_until ? startOfDayInZone(form.paused_until, form.time_zone) : null,
  };
  return { fields };
}

export async function createPartner(db: DB, form: PartnerFormFields, actor: Actor): Promise<SavePartnerResult> {
  const checked = await checkedFields(db, form, null);
  if (!checked.fields) return invalidFields({ [checked.field]: [checked.error] });
  const fields = checked.fields;
  return db.transaction().execute(async (trx) => {
    const partner = await insertPartner(trx, fields);
    await recordAudit(trx, {
      actorId: actor.userId,
      actorLabel: actor.label,
      action: "partner.created",
      subjectType: "partner",
      subjectId: partner.id,
      details: { ...fields },
      at: now(),
    });
    return succeed({ partnerId: partner.id, name: partner.name });
  });
}

/** Under the partner lock, like every other change the router reads (capacity, pause, territories). */
export async function editPartner(
  db: DB,
  partnerId: string,
  form: PartnerFormFields,
  actor: Actor,
): Promise<SavePartnerResult> {
  const checked = await checkedFields(db, form, partnerId);
  if (!checked.fields) return invalidFields({ [checked.field]: [checked.error] });
  const fields = checked.fields;
  return db.transaction().execute(async (trx) => {
    if (!(await lockPartner(trx, partnerId))) return fail("not_found", "This partner does not exist.");
    await updatePartner(trx, partnerId, fields);
    await recordAudit(trx, {
      actorId: actor.userId,
      actorLabel: actor.label,
      action: "partner.edited",
      subjectType: "partner",
      subjectId: partnerId,
      details: { ...fields },
      at: now(),
    });
    return succeed({ partnerId, name: fields.name });
  });
}

/** Everything the manager's partner page shows, or undefined for no such partner. */
export async function partnerOverview(db: Executor, partnerId: string) {
  const partner = await findPartner(db, partnerId);
  if (!partner) return undefined;
  const at = now();
  const { input, row } = await standingInput(db, partnerId, at);
  const [openLoad, team, invitations, breaches, history, overrides] = await Promise.all([
    partnerOpenLoad(db, partnerId),
    listPartnerTeam(db, partnerId),
    pendingInvitations(db, partnerId, at),
    partnerBreaches(db, partnerId),
    partnerStandingHistory(db, partnerId),
    partnerOverrides(db, partnerId),
  ]);
  const override = input.override && input.override.expiresAt.getTime() > at.getTime() ? input.override : null;
  return {
    at,
    partner,
    openLoad,
    team,
    invitations,
    breaches,
    history,
    override,
    overrides: overrides.map((o) => {
      const details = (o.details ?? {}) as { reason?: string; expiresAt?: string };
      return {
        id: o.id,
        action: o.action,
        actorLabel: o.actor_label,
        at: o.at,
        reason: details.reason ?? null,
        expiresAt: details.expiresAt ?? null,
      };
    }),
    standing: { level: row?.level ?? "good", since: row?.since ?? null, reason: row?.reason ?? "New partner" },
    score: input.score,
  };
}
