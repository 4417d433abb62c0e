import type { ActionLinkAction, OfferState } from "@db/schema";
import type { Executor } from "~/db.server";
import type { NonPersonalLeadFacts } from "~/domain/lead-facts";
import { NON_PERSONAL_LEAD_FACT_COLUMNS } from "./lead-facts-columns.server";

export async function insertActionLinks(
  db: Executor,
  links: { tokenHash: string; userId: string; action: ActionLinkAction; offerId: string; at: Date; expiresAt: Date }[],
): Promise<void> {
  if (links.length === 0) return;
  await db
    .insertInto("action_links")
    .values(
      links.map((l) => ({
        token_hash: l.tokenHash,
        user_id: l.userId,
        action: l.action,
        offer_id: l.offerId,
        created_at: l.at,
        expires_at: l.expiresAt,
      })),
    )
    .execute();
}

/**
 * The offer an action link is about, as the confirmation page shows it: the lead's score and
 * non-personal facts (no contact name, email or phone: a forwarded link must not reveal them).
 */
export interface ActionLinkSubject extends NonPersonalLeadFacts {
  offerId: string;
  offerState: OfferState;
  acceptDueAt: Date;
  partnerId: string;
  repId: string | null;
  leadId: string;
  company: string;
  score: number;
}

export async function actionLinkSubject(db: Executor, offerId: string): Promise<ActionLinkSubject | undefined> {
  return db
    .selectFrom("offers")
    .innerJoin("leads as l", "l.id", "offers.lead_id")
    .leftJoin("campaigns as c", "c.id", "l.campaign_id")
    .select([
      "offers.id as offerId",
      "offers.state as offerState",
      "offers.accept_due_at as acceptDueAt",
      "offers.partner_id as partnerId",
      "offers.rep_id as repId",
      "offers.lead_id as leadId",
      "l.company_name as company",
      ...NON_PERSONAL_LEAD_FACT_COLUMNS,
      "l.score",
    ])
    .where("offers.id", "=", offerId)
    .executeTakeFirst();
}
