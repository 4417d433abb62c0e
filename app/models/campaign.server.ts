import { sql } from "kysely";
import type { Campaign } from "@db/schema";
import type { Executor } from "~/db.server";

export interface CampaignValues {
  name: string;
  channel: string;
  starts_at: Date | null;
  ends_at: Date | null;
  cost_cents: number;
}

export interface CampaignSummary extends Campaign {
  leads: number;
  won: number;
  revenue_cents: number;
}

/** Campaigns with what reports need for cost per lead and per won deal. */
export async function listCampaigns(db: Executor, opts: { archived: boolean }): Promise<CampaignSummary[]> {
  return db
    .selectFrom("campaigns as c")
    .selectAll("c")
    .select([
      sql<number>`(select count(*)::int from leads l where l.campaign_id = c.id)`.as("leads"),
      sql<number>`(select count(*)::int from leads l join lead_outcomes o on o.lead_id = l.id
                   where l.campaign_id = c.id and o.outcome = 'won')`.as("won"),
      sql<number>`(select coalesce(sum(o.amount_cents), 0)::bigint from leads l join lead_outcomes o on o.lead_id = l.id
                   where l.campaign_id = c.id and o.outcome = 'won')`.as("revenue_cents"),
    ])
    .where("c.archived_at", opts.archived ? "is not" : "is", null)
    .orderBy(sql`coalesce(c.starts_at, c.created_at)`, "desc")
    .orderBy("c.name")
    .execute();
}

export async function getCampaign(db: Executor, id: string): Promise<Campaign | undefined> {
  return db.selectFrom("campaigns").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Campaigns a new lead may join (not archived), for pickers. */
export async function activeCampaignChoices(db: Executor): Promise<Pick<Campaign, "id" | "name">[]> {
  return db
    .selectFrom("campaigns")
    .select(["id", "name"])
    .where("archived_at", "is", null)
    .orderBy(sql`lower(name)`)
    .execute();
}

export async function campaignNameTaken(db: Executor, name: string, exceptId?: string): Promise<boolean> {
  let q = db
    .selectFrom("campaigns")
    .select("id")
    .where(sql<string>`lower(name)`, "=", name.toLowerCase());
  if (exceptId) q = q.where("id", "<>", exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function insertCampaign(db: Executor, values: CampaignValues & { created_at: Date }): Promise<Campaign> {
  return db.insertInto("campaigns").values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateCampaign(db: Executor, id: string, values: CampaignValues): Promise<Campaign | undefined> {
  return db.updateTable("campaigns").set(values).where("id", "=", id).returningAll().executeTakeFirst();
}

/** Archive (at a time) or restore (null); answers whether the campaign exists. */
export async function setCampaignArchived(db: Executor, id: string, at: Date | null): Promise<boolean> {
  const res = await db.updateTable("campaigns").set({ archived_at: at }).where("id", "=", id).executeTakeFirst();
  return res.numUpdatedRows > 0n;
}
