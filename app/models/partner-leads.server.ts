import { sql } from "kysely";
import type { ActivityKind, ObligationKind, ObligationState, OutcomeKind } from "@db/schema";
import type { Executor } from "~/db.server";
import { offerInScope, type OfferScope } from "./offer-scope.server";
import type { NonPersonalLeadFacts } from "~/domain/lead-facts";
import { NON_PERSONAL_LEAD_FACT_COLUMNS } from "./lead-facts-columns.server";

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

export interface OpenLeadWithDeadlines extends OpenLead {
  firstTouch: DueItem | undefined;
  update: DueItem | undefined;
  outcome: DueItem | undefined;
  /** The earliest deadline still to meet; overdue ones are the earliest of all. */
  nextDueAt: Date | null;
}

/**
 * The open leads in the user's scope with what is due next on each, the most urgent first:
 * ordered by the earliest deadline still to meet, so every lead with something overdue comes
 * before any lead whose deadlines are all ahead, and leads with nothing due come last.
 */
export async function openLeadsWithDeadlines(db: Executor, scope: OfferScope): Promise<OpenLeadWithDeadlines[]> {
  const leads = await openLeads(db, scope);
  const pending = await pendingObligations(
    db,
    leads.map((l) => l.offerId),
  );
  const byOffer = new Map<string, DueItem[]>();
  for (const p of pending) byOffer.set(p.offerId, [...(byOffer.get(p.offerId) ?? []), p]);
  return leads
    .map((lead) => {
      const due = byOffer.get(lead.offerId) ?? [];
      const first = (kind: DueItem["kind"]) => due.find((p) => p.kind === kind);
      return {
        ...lead,
        firstTouch: first("first_touch"),
        update: first("update"),
        outcome: first("outcome"),
        nextDueAt: due[0]?.dueAt ?? null,
      };
    })
    .sort(
      (a, b) =>
        (a.nextDueAt?.getTime() ?? Infinity) - (b.nextDueAt?.getTime() ?? Infinity) ||
        a.company.localeCompare(b.company),
    );
}

export interface ClosedLead {
  offerId: string;
  leadId: string;
  company: string;
  contactName: string;
  repName: string | null;
  outcome: OutcomeKind;
  amountCents: number | null;
  /** The lost or disqualified reason's label. */
  reason: string | null;
  reportedAt: Date;
}

/** Where a page of closed leads starts: after this outcome, in newest-first order. */
export interface ClosedCursor {
  reportedAt: Date;
  offerId: string;
}

/**
 * The leads closed in the user's scope (won, lost or disqualified; the outcome as it stands
 * after any manager's correction), newest outcome first, `limit` from `after` on (keyset: the
 * list grows with every closed lead).
 */
export async function closedLeads(
  db: Executor,
  scope: OfferScope,
  limit: number,
  after?: ClosedCursor,
): Promise<ClosedLead[]> {
  return db
    .selectFrom("offers")
    .innerJoin("lead_outcomes as lo", "lo.offer_id", "offers.id")
    .innerJoin("leads as l", "l.id", "offers.lead_id")
    .leftJoin("users as u", "u.id", "offers.rep_id")
    .leftJoin("reason_codes as rc", (j) =>
      j.onRef("rc.code", "=", "lo.reason_code").on(sql<boolean>`rc.list::text = lo.outcome::text`),
    )
    .select([
      "offers.id as offerId",
      "offers.lead_id as leadId",
      "l.company_name as company",
      "l.contact_name as contactName",
      "u.name as repName",
      "lo.outcome",
      "lo.amount_cents as amountCents",
      "rc.label as reason",
      "lo.reported_at as reportedAt",
    ])
    .where(offerInScope(scope))
    .where("offers.state", "=", "closed")
    .$if(after !== undefined, (q) =>
      q.where((eb) =>
        eb.or([
          eb("lo.reported_at", "<", after!.reportedAt),
          eb.and([eb("lo.reported_at", "=", after!.reportedAt), eb("offers.id", "<", after!.offerId)]),
        ]),
      ),
    )
    .orderBy("lo.reported_at", "desc")
    .orderBy("offers.id", "desc")
    .limit(limit)
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

export interface PartnerLead extends NonPersonalLeadFacts {
  offerId: string;
  offerState: "accepted" | "closed";
  leadId: string;
  company: string;
  contactName: string;
  contactTitle: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  score: number;
  stage: string | null;
  offeredAt: Date;
  /** A channel manager's reason for offering the lead by hand (an override says why here); null for the router's offers. */
  offerReason: string | null;
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
      ...NON_PERSONAL_LEAD_FACT_COLUMNS,
      "l.score",
      "l.stage",
      "offers.offered_at as offeredAt",
      sql<string | null>`case when offers.manual then offers.override_reason end`.as("offerReason"),
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
