import type { ExpressionBuilder } from "kysely";
import type { Database } from "@db/schema";

/**
 * Which offers a partner-side user may act on: its own company's, and for a rep those
 * dispatched to it or to nobody yet. Applied in the queries, so a foreign offer is simply
 * not found (404), exactly like a missing one.
 */
export interface OfferScope {
  partnerId: string | null;
  /** Set for reps only. */
  repId: string | null;
}

const NO_PARTNER = "00000000-0000-0000-0000-000000000000";

export function offerInScope(scope: OfferScope) {
  return (eb: ExpressionBuilder<Database, "offers">) => {
    const own = eb("offers.partner_id", "=", scope.partnerId ?? NO_PARTNER);
    if (!scope.repId) return own;
    return eb.and([own, eb.or([eb("offers.rep_id", "is", null), eb("offers.rep_id", "=", scope.repId)])]);
  };
}

export function offerIsInScope(offer: { partner_id: string; rep_id: string | null }, scope: OfferScope): boolean {
  if (offer.partner_id !== scope.partnerId) return false;
  return !scope.repId || offer.rep_id === null || offer.rep_id === scope.repId;
}
