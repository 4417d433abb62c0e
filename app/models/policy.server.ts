import type { PolicyRow } from "@db/schema";
import type { Executor } from "~/db.server";
import type { Policy } from "~/domain/policy";
import { nextVersionInForce } from "./rule-version-number.server";

export function policyFromRow(row: PolicyRow): Policy {
  return {
    version: row.version,
    acceptWithinMinutes: row.accept_within_minutes,
    firstTouchWithinMinutes: row.first_touch_within_minutes,
    updateEveryMinutes: row.update_every_minutes,
    outcomeWithinMinutes: row.outcome_within_minutes,
    noResponseMinTouches: row.no_response_min_touches,
    noResponseMinSpanMinutes: row.no_response_min_span_minutes,
    reminderAtFraction: row.reminder_at_percent / 100,
    scoreWindowDays: row.score_window_days,
    scoreWeights: {
      accept: row.weight_accept,
      first_touch: row.weight_first_touch,
      update: row.weight_update,
      outcome: row.weight_outcome,
    },
  };
}

export async function policyInForce(db: Executor): Promise<Policy> {
  const row = await db.selectFrom("policies").selectAll().where("in_force", "=", true).executeTakeFirstOrThrow();
  return policyFromRow(row);
}

/** The rules an offer was made under: its obligations keep them when the policy changes. */
export async function offerPolicy(db: Executor, offer: { policy_version: number }): Promise<Policy> {
  const row = await db
    .selectFrom("policies")
    .selectAll()
    .where("version", "=", offer.policy_version)
    .executeTakeFirstOrThrow();
  return policyFromRow(row);
}

/** Puts a new version in force; callers hold a transaction so exactly one stays in force. */
export async function insertPolicyVersion(
  trx: Executor,
  policy: Omit<Policy, "version">,
  meta: { note: string; createdBy: string | null; at: Date },
): Promise<number> {
  const version = await nextVersionInForce(trx, "policies");
  await trx
    .insertInto("policies")
    .values({
      version,
      accept_within_minutes: policy.acceptWithinMinutes,
      first_touch_within_minutes: policy.firstTouchWithinMinutes,
      update_every_minutes: policy.updateEveryMinutes,
      outcome_within_minutes: policy.outcomeWithinMinutes,
      no_response_min_touches: policy.noResponseMinTouches,
      no_response_min_span_minutes: policy.noResponseMinSpanMinutes,
      reminder_at_percent: Math.round(policy.reminderAtFraction * 100),
      score_window_days: policy.scoreWindowDays,
      weight_accept: policy.scoreWeights.accept,
      weight_first_touch: policy.scoreWeights.first_touch,
      weight_update: policy.scoreWeights.update,
      weight_outcome: policy.scoreWeights.outcome,
      in_force: true,
      note: meta.note,
      created_by: meta.createdBy,
      created_at: meta.at,
    })
    .execute();
  return version;
}

export async function reasonIsListed(db: Executor, list: "decline" | "lost" | "disqualified", code: string) {
  const row = await db
    .selectFrom("reason_codes")
    .select("code")
    .where("list", "=", list)
    .where("code", "=", code)
    .where("active", "=", true)
    .executeTakeFirst();
  return Boolean(row);
}

/** The active reasons of one list, in their order (what a form offers). */
export async function reasonChoices(db: Executor, list: "decline" | "lost" | "disqualified") {
  return db
    .selectFrom("reason_codes")
    .select(["code as value", "label"])
    .where("list", "=", list)
    .where("active", "=", true)
    .orderBy("sort")
    .execute();
}

/** The version in force with its note, and the version before it (null for the first). */
export async function policyInForceWithPrevious(db: Executor) {
  const current = await db.selectFrom("policies").selectAll().where("in_force", "=", true).executeTakeFirstOrThrow();
  const previous = await db
    .selectFrom("policies")
    .selectAll()
    .where("version", "<", current.version)
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
  return {
    current: policyFromRow(current),
    note: current.note,
    since: current.created_at,
    previous: previous ? policyFromRow(previous) : null,
  };
}
