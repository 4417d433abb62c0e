import type { Role } from "@db/schema";
import type { OfferScope } from "~/models/offer-scope.server";

/** Who performs a use case: a signed-in person, or a job such as the sweep. */
export interface Actor {
  userId: string | null;
  /** For the timeline and audit: an email, or `system:sweep`. */
  label: string;
  role: Role | "system";
  /** Set for partner roles: every partner-side use case is scoped to this partner. */
  partnerId: string | null;
}

/** The offers a partner-side actor may act on (its company's; a rep's own or undispatched). */
export function offerScopeOf(actor: Actor): OfferScope {
  return { partnerId: actor.partnerId, repId: actor.role === "partner_rep" ? actor.userId : null };
}

export const SWEEP_ACTOR: Actor = { userId: null, label: "system:sweep", role: "system", partnerId: null };
export const ROUTER_ACTOR: Actor = { userId: null, label: "system:router", role: "system", partnerId: null };
