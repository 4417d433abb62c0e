/**
 * Issuing action links from email (ADR 021): the token is 32 random bytes in the link, stored
 * only as its SHA-256, like invitations. Apart from redeeming (action-links.server.ts), so that
 * offer creation writes links without importing the use cases a link performs.
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
 * Writes links in the caller's transaction and answers their paths, in order. The caller has
 * checked that each user may act on the offer (offer creation: the partner's active admins).
 */
export async function writeActionLinks(
  db: Executor,
  links: { userId: string; action: ActionLinkAction; offerId: string; expiresAt: Date }[],
  at: Date,
): Promise<string[]> {
  const tokens = links.map(() => newSecretToken());
  await insertActionLinks(
    db,
    links.map((link, i) => ({ ...link, tokenHash: hashSecretToken(tokens[i]), at })),
  );
  return tokens.map(actionLinkPath);
}

/**
 * A link for an email (the notifications write it into their outbox rows): refused unless the
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
  const [path] = await writeActionLinks(
    db,
    [{ userId: input.userId, action: input.action, offerId: input.offerId, expiresAt }],
    input.now,
  );
  return succeed({ path, expiresAt });
}
