import type { ExpressionBuilder } from "kysely";
import type { Database } from "@db/schema";
import type { Actor } from "./actor";

/**
 * Which offers a partner-side actor may act on: its own company's, and for a rep those
 * dispatched to it or to nobody yet. Applied in the queries, so a foreign offer is simply
 * not found (404), exactly like a missing one.
 */
export function offerInScope(actor: Actor) {
  return (eb: ExpressionBuilder<Database, "offers">) => {
    const own = eb("offers.partner_id", "=", actor.partnerId ?? "00000000-0000-0000-0000-000000000000");
    if (actor.role !== "partner_rep") return own;
    return eb.and([own, eb.or([eb("offers.rep_id", "is", null), eb("offers.rep_id", "=", actor.userId)])]);
  };
}

export function offerIsInScope(offer: { partner_id: string; rep_id: string | null }, actor: Actor): boolean {
  if (offer.partner_id !== actor.partnerId) return false;
  return actor.role !== "partner_rep" || offer.rep_id === null || offer.rep_id === actor.userId;
}
