import { sql } from "kysely";
import type { Executor } from "~/db.server";
import { offerInScope, type OfferScope } from "./offer-scope.server";
import type { NonPersonalLeadFacts } from "~/domain/lead-facts";
import { NON_PERSONAL_LEAD_FACT_COLUMNS } from "./lead-facts-columns.server";

/**
 * An open offer as the partner's inbox shows it: the lead's score and non-personal facts only.
 * The contact's name, email and phone are not selected here at all, so they cannot reach the
 * browser before the offer is accepted (the lead page reads them, for accepted leads only).
 */
export interface InboxOffer extends NonPersonalLeadFacts {
  offerId: string;
  leadId: string;
  offeredAt: Date;
  acceptDueAt: Date;
  repId: string | null;
  repName: string | null;
  company: string;
  score: number;
  /** A channel manager's reason for offering the lead by hand (an override says why here); null for the router's offers. */
  offerReason: string | null;
}

/**
 * The open offers in the user's scope (a rep: its own and the undispatched), soonest deadline
 * first. Bounded by the partner's capacity (open offers count against it), so not paginated.
 */
export async function inboxOffers(db: Executor, scope: OfferScope): Promise<InboxOffer[]> {
  const rows = await db
    .selectFrom("offers")
    .innerJoin("leads as l", "l.id", "offers.lead_id")
    .leftJoin("campaigns as c", "c.id", "l.campaign_id")
    .leftJoin("users as u", "u.id", "offers.rep_id")
    .select([
      "offers.id as offerId",
      "offers.lead_id as leadId",
      "offers.offered_at as offeredAt",
      "offers.accept_due_at as acceptDueAt",
      "offers.rep_id as repId",
      "u.name as repName",
      "l.company_name as company",
      ...NON_PERSONAL_LEAD_FACT_COLUMNS,
      "l.score",
      sql<string | null>`case when offers.manual then offers.override_reason end`.as("offerReason"),
    ])
    .where(offerInScope(scope))
    .where("offers.state", "=", "offered")
    .orderBy("offers.accept_due_at")
    .orderBy("offers.id")
    .execute();
  return rows;
}
