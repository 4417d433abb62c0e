import type { StandingLevel } from "@db/schema";
import { now } from "~/clock.server";
import type { DB, Executor, Trx } from "~/db.server";
import { computeScore } from "~/domain/compliance-score";
import { nextStanding, scoreCountsFrom, type StandingInput } from "~/domain/enforcement";
import { isOverdue } from "~/domain/obligations";
import { probationProgress } from "~/domain/probation-progress";
import { recordAudit } from "~/models/audit.server";
import { obligationsForStanding, obligationView } from "~/models/obligation.server";
import { enqueueEmails, partnerRecipients } from "~/models/outbox.server";
import { lockPartner } from "~/models/partner.server";
import { policyInForce } from "~/models/policy.server";
import { recordStandingChange, saveStanding, setOverride, standingRow } from "~/models/standing.server";
import { type Actor } from "./actor";
import { fail, succeed, type Outcome } from "~/domain/outcome";

/** Which email a partner gets when its standing changes. */
const STANDING_EMAIL: Record<StandingLevel, string> = {
  good: "standing_reinstated",
  probation: "standing_reinstated",
  warning: "standing_warning",
  withheld: "standing_withheld",
};

/** Everything the enforcement rules read about one partner at `at`; the score follows the policy in force. */
export async function standingInput(db: Executor, partnerId: string, at: Date) {
  const row = await standingRow(db, partnerId);
  const policy = await policyInForce(db);
  const rows = await obligationsForStanding(
    db,
    partnerId,
    new Date(at.getTime() - policy.scoreWindowDays * 86_400_000),
  );
  const views = rows.map((r) => ({ ...obligationView(r), missedAt: r.missed_at }));
  const probationSince = row?.level === "probation" ? row.probation_since : null;
  const input: StandingInput = {
    current: { level: row?.level ?? "good", since: row?.since ?? at },
    score: computeScore(views, at, policy, row?.score_from ?? null),
    overdue: views.filter((v) => isOverdue(v, at)).map((v) => ({ dueAt: v.dueAt, kind: v.kind })),
    ...probationProgress(views, probationSince, at),
    override:
      row?.override_level && row.override_expires_at
        ? { level: row.override_level, expiresAt: row.override_expires_at, reason: row.override_reason ?? "" }
        : null,
  };
  /** The score as it reads from another fresh start (see scoreCountsFrom). */
  const scoreFrom = (from: Date | null) => computeScore(views, at, policy, from);
  return { row, input, scoreFrom };
}

/**
 * Re-evaluates a partner's score and standing under its row lock (the same lock assignment
 * takes), so an offer and a withhold committing at the same instant cannot both win. Every use
 * case that changes a partner's obligations calls it in its own transaction, last (lead →
 * offer → partner), so the stored score and standing are never stale.
 */
export async function recomputeStanding(trx: Trx, partnerId: string, at: Date, actor: Actor): Promise<StandingLevel> {
  await lockPartner(trx, partnerId);
  const { input, row, scoreFrom } = await standingInput(trx, partnerId, at);
  const decision = nextStanding(input, at);
  const since = decision.changed || !row ? at : row.since;
  const countFrom = scoreCountsFrom(input, at, {
    scoreFrom: row?.score_from ?? null,
    probationSince: row?.probation_since ?? null,
  });
  const score = countFrom === (row?.score_from ?? null) ? input.score : scoreFrom(countFrom);
  await saveStanding(trx, partnerId, {
    level: decision.level,
    since,
    reason: decision.reason,
    score: score.score,
    provisional: score.provisional,
    probationSince: decision.level === "probation" ? (decision.changed ? at : (row?.probation_since ?? at)) : null,
    scoreFrom: countFrom,
    at,
  });
  if (decision.changed) {
    await recordStandingChange(trx, {
      partnerId,
      from: input.current.level,
      to: decision.level,
      reason: decision.reason,
      actorLabel: actor.label,
      at,
    });
    await recordAudit(trx, {
      actorId: actor.userId,
      actorLabel: actor.label,
      action: `standing.${decision.level}`,
      subjectType: "partner",
      subjectId: partnerId,
      details: { from: input.current.level, reason: decision.reason },
      at,
    });
    await enqueueEmails(
      trx,
      (await partnerRecipients(trx, partnerId)).map((to) => ({
        to,
        template: STANDING_EMAIL[decision.level],
        key: `standing:${partnerId}:${decision.level}:${at.getTime()}:${to}`,
        at,
        data: { partnerId, level: decision.level, reason: decision.reason },
      })),
    );
  }
  return decision.level;
}

/** Several partners in one transaction: their locks are taken in id order, so two such transactions cannot deadlock. */
export async function recomputeStandings(
  trx: Trx,
  partnerIds: Iterable<string>,
  at: Date,
  actor: Actor,
): Promise<void> {
  for (const partnerId of [...new Set(partnerIds)].sort()) await recomputeStanding(trx, partnerId, at, actor);
}

/** A channel manager's forced withhold or reinstatement, with a reason and an expiry. */
export async function forceStanding(
  db: DB,
  input: { partnerId: string; level: "withheld" | "good"; reason: string; expiresAt: Date },
  actor: Actor,
): Promise<Outcome<{ level: StandingLevel }>> {
  const at = now();
  const reason = input.reason.trim();
  if (!reason) return fail("invalid", "Give a reason for the override.");
  if (input.expiresAt.getTime() <= at.getTime()) return fail("invalid", "The override must expire in the future.");
  return db.transaction().execute(async (trx) => {
    if (!(await lockPartner(trx, input.partnerId))) return fail("not_found", "This partner does not exist.");
    await setOverride(trx, input.partnerId, {
      level: input.level,
      reason,
      expiresAt: input.expiresAt,
      by: actor.userId,
      at,
    });
    await recordAudit(trx, {
      actorId: actor.userId,
      actorLabel: actor.label,
      action: `standing.forced_${input.level}`,
      subjectType: "partner",
      subjectId: input.partnerId,
      details: { reason, expiresAt: input.expiresAt.toISOString() },
      at,
    });
    return succeed({ level: await recomputeStanding(trx, input.partnerId, at, actor) });
  });
}

/** Ends a manual override early; the automatic rules apply again at once. */
export async function clearStandingOverride(
  db: DB,
  partnerId: string,
  actor: Actor,
): Promise<Outcome<{ level: StandingLevel }>> {
  const at = now();
  return db.transaction().execute(async (trx) => {
    if (!(await lockPartner(trx, partnerId))) return fail("not_found", "This partner does not exist.");
    await setOverride(trx, partnerId, { level: null, reason: null, expiresAt: null, by: null, at });
    await recordAudit(trx, {
      actorId: actor.userId,
      actorLabel: actor.label,
      action: "standing.override_cleared",
      subjectType: "partner",
      subjectId: partnerId,
      at,
    });
    return succeed({ level: await recomputeStanding(trx, partnerId, at, actor) });
  });
}
