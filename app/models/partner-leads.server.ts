import { sql } from "kysely";
import type { ActivityKind, ObligationKind, ObligationState, OutcomeKind } from "@db/schema";
import type { Executor } from "~/db.server";
import { offerInScope, type OfferScope } from "./offer-scope.server";

/** An obligation the lead list and page show (what is due, and when). */
export interface DueItem {
  offerId: string;
  kind: ObligationKind;
  sequence: number;
  state: ObligationState;
  dueAt: Date;
  metAt: Date | null;
}

export interface OpenLead {
  offerId: string;
  leadId: string;
  company: string;
  contactName: string;
  territory: string;
  stage: string | null;
  acceptedAt: Date | null;
  repName: string | null;
}

/**
 * The accepted leads without an outcome in the user's scope. Bounded by the partner's capacity
 * (accepted leads without an outcome count against it), so not paginated.
 */
export async function openLeads(db: Executor, scope: OfferScope): Promise<OpenLead[]> {
  return db
    .selectFrom("offers")
    .innerJoin("leads as l", "l.id", "offers.lead_id")
    .leftJoin("users as u", "u.id", "offers.rep_id")
    .select([
      "offers.id as offerId",
      "offers.lead_id as leadId",
      "l.company_name as company",
      "l.contact_name as contactName",
      "l.territory",
      "l.stage",
      "offers.decided_at as acceptedAt",
      "u.name as repName",
    ])
    .where(offerInScope(scope))
    .where("offers.state", "=", "accepted")
    .execute();
}

/** The obligations still to meet (open, or missed and still meetable) of the given offers. */
export async function pendingObligations(db: Executor, offerIds: string[]): Promise<DueItem[]> {
  if (offerIds.length === 0) return [];
  return db
    .selectFrom("obligations")
    .select(["offer_id as offerId", "kind", "sequence", "state", "due_at as dueAt", "met_at as metAt"])
    .where("offer_id", "in", offerIds)
    .where("kind", "!=", "accept")
    .where("state", "in", ["open", "missed"])
    .orderBy("due_at")
    .execute();
}

export interface PartnerLead {
  offerId: string;
  offerState: "accepted" | "closed";
  leadId: string;
  company: string;
  contactName: string;
  contactTitle: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  territory: string;
  vertical: string | null;
  companySize: number | null;
  interest: string | null;
  timeline: string | null;
  campaign: string | null;
  score: number;
  stage: string | null;
  offeredAt: Date;
  acceptedAt: Date | null;
  repName: string | null;
  outcome: OutcomeKind | null;
  amountCents: number | null;
  outcomeReason: string | null;
  outcomeNote: string | null;
  outcomeAt: Date | null;
}

/**
 * A lead the user's company accepted (open or closed), with its contact details. Another
 * partner's lead, one only offered (contacts stay hidden until accepted) or one taken back is
 * not found, exactly like a missing one.
 */
export async function findPartnerLead(
  db: Executor,
  leadId: string,
  scope: OfferScope,
): Promise<PartnerLead | undefined> {
  const row = await db
    .selectFrom("offers")
    .innerJoin("leads as l", "l.id", "offers.lead_id")
    .leftJoin("campaigns as c", "c.id", "l.campaign_id")
    .leftJoin("users as u", "u.id", "offers.rep_id")
    .leftJoin("lead_outcomes as lo", "lo.offer_id", "offers.id")
    .leftJoin("reason_codes as rc", (j) =>
      j.onRef("rc.code", "=", "lo.reason_code").on(sql<boolean>`rc.list::text = lo.outcome::text`),
    )
    .select([
      "offers.id as offerId",
      "offers.state as offerState",
      "offers.lead_id as leadId",
      "l.company_name as company",
      "l.contact_name as contactName",
      "l.contact_title as contactTitle",
      "l.contact_email as contactEmail",
      "l.contact_phone as contactPhone",
      "l.territory",
      "l.vertical",
      "l.company_size as companySize",
      "l.interest",
      "l.timeline",
      "c.name as campaign",
      "l.score",
      "l.stage",
      "offers.offered_at as offeredAt",
      "offers.decided_at as acceptedAt",
      "u.name as repName",
      "lo.outcome",
      "lo.amount_cents as amountCents",
      "rc.label as outcomeReason",
      "lo.note as outcomeNote",
      "lo.reported_at as outcomeAt",
    ])
    .where("offers.lead_id", "=", leadId)
    .where(offerInScope(scope))
    .where("offers.state", "in", ["accepted", "closed"])
    .executeTakeFirst();
  return row as PartnerLead | undefined;
}

export interface TimelineActivity {
  id: string;
  kind: ActivityKind;
  stage: string | null;
  note: string;
  at: Date;
  by: string | null;
}

/** The offer's activities, latest first. */
export async function offerActivities(db: Executor, offerId: string): Promise<TimelineActivity[]> {
  return db
    .selectFrom("activities as a")
    .leftJoin("users as u", "u.id", "a.user_id")
    .select(["a.id", "a.kind", "a.stage", "a.note", "a.at", "u.name as by"])
    .where("a.offer_id", "=", offerId)
    .orderBy("a.at", "desc")
    .orderBy("a.id", "desc")
    .execute();
}

/** All of the offer's follow-up obligations (not the accept), in due order. */
export async function offerFollowUps(db: Executor, offerId: string): Promise<DueItem[]> {
  return db
    .selectFrom("obligations")
    .select(["offer_id as offerId", "kind", "sequence", "state", "due_at as dueAt", "met_at as metAt"])
    .where("offer_id", "=", offerId)
    .where("kind", "!=", "accept")
    .orderBy("due_at")
    .orderBy("sequence")
    .execute();
}
