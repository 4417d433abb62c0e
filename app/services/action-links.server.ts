/**
 * Action links from email (ADR 021): a link acts once, for one partner user, on one offer:
 * "accept this offer" or "I contacted them" (a touch on the accepted lead). Opening the link
 * (GET) only shows what would happen; the confirmation page's POST claims the token with a
 * conditional update and performs the action in the same transaction, as that user. Issuing
 * is in action-link-issue.server.ts.
 */
import type { ActionLinkAction, ActivityKind } from "@db/schema";
import { now } from "~/clock.server";
import type { DB, Executor } from "~/db.server";
import {
  ACTION_LINK_MESSAGES,
  actionLinkVerdict,
  DEFAULT_TOUCH_KIND,
  type ActionLinkVerdict,
} from "~/domain/action-links";
import { TOUCH_KINDS } from "~/domain/obligations";
import { fail, succeed, type Failure, type Outcome } from "~/domain/outcome";
import { actionLinkSubject, type ActionLinkSubject } from "~/models/action-link.server";
import { recordAudit } from "~/models/audit.server";
import { claimToken, findByTokenHash } from "~/models/single-use-token.server";
import { findUserById } from "~/models/user.server";
import { hashSecretToken } from "~/security/secret-token.server";
import { actorOf, verdictOf } from "./action-link-issue.server";
import { logActivityIn } from "./lead-work.server";
import { acceptOfferIn } from "./offer-decisions.server";

export type { ActionLinkAction };

export type ActionLinkView =
  | {
      state: "open";
      action: ActionLinkAction;
      subject: ActionLinkSubject;
      userName: string;
      timeZone: string;
      expiresAt: Date;
    }
  | Exclude<ActionLinkVerdict, { state: "open" }>;

/** What the confirmation page shows for a token: the action and the lead's non-personal facts, or why not. */
export async function actionLinkForToken(db: Executor, token: string): Promise<ActionLinkView> {
  const at = now();
  const link = token ? await findByTokenHash(db, "action_links", hashSecretToken(token)) : undefined;
  const subject = link ? await actionLinkSubject(db, link.offer_id) : undefined;
  if (!link || !subject) return actionLinkVerdict(undefined, at) as ActionLinkView;
  const user = await findUserById(db, link.user_id);
  const verdict = verdictOf(
    { action: link.action, usedAt: link.used_at, expiresAt: link.expires_at },
    user,
    subject,
    at,
  );
  if (verdict.state !== "open") return verdict;
  return {
    state: "open",
    action: link.action,
    subject,
    userName: user!.name,
    timeZone: user!.time_zone,
    expiresAt: link.expires_at,
  };
}

export const WRONG_ACTION_MESSAGE =
  "This form does not match the link: open the link from your email again and use the button on its page.";

/** Rolls the claim back when the action is refused: the link stays as it was. */
class Refused extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
  }
}

/**
 * Performs the link's action, once: claims the token (unused, unexpired at now), checks the user
 * and the offer, then accepts the offer or logs the touch through the same use cases as the
 * pages, as the link's user, all in one transaction. `action` is what the page said it would do;
 * a token for another action is refused and stays unused.
 */
export async function redeemActionLink(
  db: DB,
  input: { token: string; action: ActionLinkAction; touchKind?: string },
): Promise<Outcome<{ action: ActionLinkAction; leadId: string; company: string; userId: string }>> {
  const kind = input.touchKind ?? DEFAULT_TOUCH_KIND;
  if (!(TOUCH_KINDS as readonly string[]).includes(kind)) return fail("invalid", "Choose call, email or meeting.");
  const at = now();
  const tokenHash = hashSecretToken(input.token);
  try {
    return await db.transaction().execute(async (trx) => {
      const link = await claimToken(trx, "action_links", tokenHash, at);
      if (!link) {
        const view = await actionLinkForToken(trx, input.token);
        return view.state === "unknown"
          ? fail("not_found", view.message)
          : fail("conflict", view.state === "open" ? ACTION_LINK_MESSAGES.used : view.message);
      }
      if (link.action !== input.action) throw new Refused(fail("invalid", WRONG_ACTION_MESSAGE));
      const subject = (await actionLinkSubject(trx, link.offer_id))!;
      const user = await findUserById(trx, link.user_id);
      const verdict = verdictOf({ action: link.action, usedAt: null, expiresAt: link.expires_at }, user, subject, at);
      if (verdict.state !== "open") throw new Refused(fail("conflict", verdict.message));
      const actor = actorOf(user!);
      const done =
        link.action === "accept_offer"
          ? await acceptOfferIn(trx, link.offer_id, actor, at)
          : await logActivityIn(trx, { offerId: link.offer_id, kind: kind as ActivityKind }, actor, at);
      if (!done.ok) throw new Refused(done);
      await recordAudit(trx, {
        actorId: actor.userId,
        actorLabel: actor.label,
        action: "action_link.used",
        subjectType: "lead",
        subjectId: subject.leadId,
        details: { action: link.action, offerId: link.offer_id, linkId: link.id },
        at,
      });
      return succeed({ action: link.action, leadId: subject.leadId, company: subject.company, userId: actor.userId! });
    });
  } catch (error) {
    if (error instanceof Refused) return error.failure;
    throw error;
  }
}
