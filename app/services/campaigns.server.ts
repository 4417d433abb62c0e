/**
 * Campaigns: what channel managers spend to bring leads in (cost in cents), so reports can
 * show cost per lead and per won deal. Archived campaigns keep their leads but take no new ones.
 */
import { z } from "zod";
import type { DB } from "@db/client";
import type { Campaign } from "@db/schema";
import { now } from "~/clock.server";
import { recordAudit } from "~/models/audit.server";
import { campaignNameTaken, getCampaign, insertCampaign, setCampaignArchived, updateCampaign, type CampaignValues } from "~/models/campaign.server";
import { fail, succeed, type Actor, type Outcome } from "./actor";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const optionalDate = z
  .string()
  .trim()
  .refine((v) => v === "" || (DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))), "must be a date (YYYY-MM-DD)")
  .transform((v) => (v === "" ? null : new Date(`${v}T00:00:00Z`)));

/** The campaign form: dates are whole days (UTC), the cost is typed in currency units and kept in cents. */
export const campaignFieldsSchema = z
  .object({
    name: z.string({ error: "is required" }).trim().min(1, "is required").max(120, "must be at most 120 characters"),
    channel: z.string({ error: "is required" }).trim().min(1, "is required").max(60, "must be at most 60 characters"),
    starts_on: optionalDate.prefault(""),
    ends_on: optionalDate.prefault(""),
    cost: z
      .string()
      .trim()
      .transform((v) => v.replace(/[,\s]/g, ""))
      .refine((v) => v === "" || /^\d{1,10}(\.\d{1,2})?$/.test(v), "must be an amount such as 1250 or 1250.50")
      .transform((v) => (v === "" ? 0 : Math.round(Number(v) * 100)))
      .prefault(""),
  })
  .refine((v) => !v.starts_on || !v.ends_on || v.ends_on >= v.starts_on, {
    path: ["ends_on"],
    message: "must not be before the start",
  });
export type CampaignFields = z.infer<typeof campaignFieldsSchema>;

export const CAMPAIGN_CHANNELS = ["Webinar", "Trade show", "Paid search", "Social", "Email", "Content", "Partner event", "Other"];

function toValues(f: CampaignFields): CampaignValues {
  // Ends are inclusive days: store the last instant of the end day.
  const endsAt = f.ends_on ? new Date(f.ends_on.getTime() + 24 * 60 * 60 * 1000 - 1) : null;
  return { name: f.name, channel: f.channel, starts_at: f.starts_on, ends_at: endsAt, cost_cents: f.cost };
}

type Saved = Outcome<{ campaign: Campaign }> | { ok: false; code: "invalid"; error: string; field: "name" };

export async function createCampaign(db: DB, fields: CampaignFields, actor: Actor): Promise<Saved> {
  const at = now();
  return db.transaction().execute(async (trx) => {
    if (await campaignNameTaken(trx, fields.name)) return nameTaken();
    const campaign = await insertCampaign(trx, { ...toValues(fields), created_at: at });
    await audit(trx, actor, "campaign.create", campaign, at);
    return succeed({ campaign });
  });
}

export async function editCampaign(db: DB, id: string, fields: CampaignFields, actor: Actor): Promise<Saved> {
  const at = now();
  return db.transaction().execute(async (trx) => {
    if (await campaignNameTaken(trx, fields.name, id)) return nameTaken();
    const campaign = await updateCampaign(trx, id, toValues(fields));
    if (!campaign) return fail("not_found", "This campaign does not exist.");
    await audit(trx, actor, "campaign.update", campaign, at);
    return succeed({ campaign });
  });
}

export async function archiveCampaign(db: DB, id: string, archive: boolean, actor: Actor): Promise<Outcome> {
  const at = now();
  return db.transaction().execute(async (trx) => {
    if (!(await setCampaignArchived(trx, id, archive ? at : null))) return fail("not_found", "This campaign does not exist.");
    const campaign = await getCampaign(trx, id);
    await audit(trx, actor, archive ? "campaign.archive" : "campaign.restore", campaign!, at);
    return succeed({});
  });
}

function nameTaken() {
  return { ok: false as const, code: "invalid" as const, field: "name" as const, error: "Another campaign already has this name." };
}

async function audit(trx: Parameters<typeof recordAudit>[0], actor: Actor, action: string, c: Campaign, at: Date) {
  await recordAudit(trx, {
    actorId: actor.userId, actorLabel: actor.label, action, subjectType: "campaign", subjectId: c.id,
    details: { name: c.name, channel: c.channel, costCents: c.cost_cents }, at,
  });
}

/** The form's values for an existing campaign (dates as YYYY-MM-DD, cost in currency units). */
export function campaignFormValues(c: Campaign): Record<string, string> {
  const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "");
  return {
    name: c.name,
    channel: c.channel,
    starts_on: day(c.starts_at),
    ends_on: day(c.ends_at),
    cost: (c.cost_cents / 100).toFixed(2),
  };
}
