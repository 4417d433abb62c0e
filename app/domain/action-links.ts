/**
 * Action links from email (ADR 021): what one link may still do at `now`, and when it stops.
 * A link acts for one partner user on one offer: accept it, or log a touch on its lead.
 */
import type { ActionLinkAction, OfferState } from "@db/schema";
import { canAccept, canLogActivity } from "./lead-state";

export type { ActionLinkAction };

/** How long a link to log a touch works (a reminder's link is for the next few days' calls). */
export const TOUCH_LINK_DAYS = 3;
const DAY_MS = 86_400_000;

/** The touch "I contacted them" logs unless the page's choice says otherwise (call, email or meeting). */
export const DEFAULT_TOUCH_KIND = "call";

/** An accept link lasts as long as the offer may be accepted; a touch link a few days. */
export function actionLinkExpiry(action: ActionLinkAction, offer: { acceptDueAt: Date }, now: Date): Date {
  return action === "accept_offer" ? offer.acceptDueAt : new Date(now.getTime() + TOUCH_LINK_DAYS * DAY_MS);
}

export interface ActionLinkFacts {
  action: ActionLinkAction;
  usedAt: Date | null;
  expiresAt: Date;
  /** The link's user is enabled, works for the offer's partner and may act on the offer (a rep: its own or undispatched). */
  userMayAct: boolean;
  offer: { state: OfferState; acceptDueAt: Date };
}

export type ActionLinkVerdict =
  { state: "open" } | { state: "unknown" | "used" | "expired" | "unavailable"; message: string };

const SIGN_IN = "Sign in to see your company's leads.";

export const ACTION_LINK_MESSAGES = {
  unknown: `This link is not valid: check that you opened the whole link from the email. ${SIGN_IN}`,
  used: `This link has already been used: a link from an email works once. ${SIGN_IN}`,
  expiredAccept: `This link has expired: the time to accept the offer has run out. ${SIGN_IN}`,
  expiredTouch: `This link has expired (a link to log a touch works for ${TOUCH_LINK_DAYS} days). Sign in to log the touch on the lead's page.`,
  notYours: `This link's account is disabled or can no longer act on this lead. Sign in with your own account.`,
} as const;

/**
 * Whether a link may act at `now`. Expired at due ≤ now (the claim in the database uses the same
 * edge); a link for a user or an offer that has moved on explains what happened instead.
 */
export function actionLinkVerdict(link: ActionLinkFacts | undefined, now: Date): ActionLinkVerdict {
  if (!link) return { state: "unknown", message: ACTION_LINK_MESSAGES.unknown };
  if (link.usedAt) return { state: "used", message: ACTION_LINK_MESSAGES.used };
  if (link.expiresAt.getTime() <= now.getTime())
    return {
      state: "expired",
      message: link.action === "accept_offer" ? ACTION_LINK_MESSAGES.expiredAccept : ACTION_LINK_MESSAGES.expiredTouch,
    };
  if (!link.userMayAct) return { state: "unavailable", message: ACTION_LINK_MESSAGES.notYours };
  const possible = link.action === "accept_offer" ? canAccept(link.offer, now) : canLogActivity(link.offer);
  return possible.ok ? { state: "open" } : { state: "unavailable", message: `${possible.reason} ${SIGN_IN}` };
}
