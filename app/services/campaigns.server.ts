/**
 * Campaigns: what channel managers spend to bring leads in (cost in cents), so reports can
 * show cost per lead and per won deal. Archived campaigns keep their leads but take no new ones.
 */
import type { Campaign } from "@db/schema";
import { now } from "~/clock.server";
import type { DB, Executor } from "~/db.server";
import type { CampaignFields } from "~/domain/intake-campaigns";
import { recordAudit } from "~/models/audit.server";
import {
  campaignNameTaken,
  getCampaign,
  insertCampaign,
  setCampaignArchived,
  updateCampaign,
  type CampaignValues,
} from "~/models/campaign.server";
import { isUuid } from "~/security/ids";
import { type Actor } from "./actor";
import { fail, invalidFields, succeed, type Outcome } from "~/domain/outcome";

/** Why leads may not join this campaign (unknown or archived); null when they may. */
export async function campaignProblem(db: Executor, campaignId: string | null): Promise<string | null> {
  if (!campaignId) return null;
  const campaign = isUuid(campaignId) ? await getCampaign(db, campaignId) : undefined;
  if (!campaign) return "is not a known campaign";
  if (campaign.archived_at) return `is the archived campaign “${campaign.name}”`;
  return null;
}

function toValues(f: CampaignFields): CampaignValues {
  // Ends are inclusive days: store the last instant of the end day.
  const endsAt = f.ends_on ? new Date(f.ends_on.getTime() + 24 * 60 * 60 * 1000 - 1) : null;
  return { name: f.name, channel: f.channel, starts_at: f.starts_on, ends_at: endsAt, cost_cents: f.cost };
}

type Saved = Outcome<{ campaign: Campaign }>;

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
    if (!(await setCampaignArchived(trx, id, archive ? at : null)))
      return fail("not_found", "This campaign does not exist.");
    const campaign = await getCampaign(trx, id);
    await audit(trx, actor, archive ? "campaign.archive" : "campaign.restore", campaign!, at);
    return succeed({});
  });
}

const nameTaken = () => invalidFields({ name: ["Another campaign already has this name."] });

async function audit(trx: Parameters<typeof recordAudit>[0], actor: Actor, action: string, c: Campaign, at: Date) {
  await recordAudit(trx, {
    actorId: actor.userId,
    actorLabel: actor.label,
    action,
    subjectType: "campaign",
    subjectId: c.id,
    details: { name: c.name, channel: c.channel, costCents: c.cost_cents },
    at,
  });
}
