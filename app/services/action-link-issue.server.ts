/**
 * Issuing action links from email (ADR 021): the token is 32 random bytes in the link, stored
 * only as its SHA-256, like invitations. Apart from redeeming (action-links.server.ts), so that
 * the mail sender issues links without importing the use cases a link performs.
 */
import type { ActionLinkAction, User } from "@db/schema";
import { isPartnerRole } from "~/auth/roles";
import type { Executor } from "~/db.server";
import { actionLinkExpiry, actionLinkVerdict, type ActionLinkVerdict } from "~/domain/action-links";
import { fail, succeed, type Outcome } from "~/domain/outcome";
import { actionLinkSubject, insertActionLinks, type ActionLinkSubject } from "~/models/action-link.server";
import { offerIsInScope } from "~/models/offer-scope.server";
import { findUserById } from "~/models/user.server";
import { hashSecretToken, newSecretToken } from "~/security/secret-token.server";
import { offerScopeOf, type Actor } from "./actor";

export type { ActionLinkAction };

/** The link's path; the email prefixes the portal's address (APP_URL) when it is written. */
export const actionLinkPath = (token: string): string => `/action/${token}`;

export const actorOf = (user: User): Actor => ({
  userId: user.id,
  label: user.email,
  role: user.role,
  partnerId: user.partner_id,
});

/** An enabled partner user of the offer's company who may act on it (a rep: its own or an undispatched one). */
function userMayAct(user: User | undefined, subject: ActionLinkSubject): user is User {
  if (!user || user.disabled || !isPartnerRole(user.role) || user.partner_id !== subject.partnerId) return false;
  return offerIsInScope({ partner_id: subject.partnerId, rep_id: subject.repId }, offerScopeOf(actorOf(user)));
}

export function verdictOf(
  link: { action: ActionLinkAction; usedAt: Date | null; expiresAt: Date },
  user: User | undefined,
  subject: ActionLinkSubject,
  at: Date,
): ActionLinkVerdict {
  return actionLinkVerdict(
    {
      ...link,
      userMayAct: userMayAct(user, subject),
      offer: { state: subject.offerState, acceptDueAt: subject.acceptDueAt },
    },
    at,
  );
}

/**
 * A link for an email, issued as the email is written (never stored in the outbox): refused unless the
 * user may take the action on the offer at `now`. Accept links expire with the offer's accept
 * deadline, touch links after TOUCH_LINK_DAYS.
 */
export async function issueActionLink(
  db: Executor,
  input: { userId: string; action: ActionLinkAction; offerId: string; now: Date },
): Promise<Outcome<{ path: string; expiresAt: Date }>> {
  const subject = await actionLinkSubject(db, input.offerId);
  if (!subject) return fail("not_found", "This offer does not exist.");
  const user = await findUserById(db, input.userId);
  const expiresAt = actionLinkExpiry(input.action, subject, input.now);
  const verdict = verdictOf({ action: input.action, usedAt: null, expiresAt }, user, subject, input.now);
  if (verdict.state !== "open") return fail("conflict", verdict.message);
  const token = newSecretToken();
  await insertActionLinks(db, [
    {
      userId: input.userId,
      action: input.action,
      offerId: input.offerId,
      expiresAt,
      tokenHash: hashSecretToken(token),
      at: input.now,
    },
  ]);
  return succeed({ path: actionLinkPath(token), expiresAt });
}
