import type { StandingLevel, StandingRow } from "@db/schema";
import type { Executor } from "~/db.server";

export async function standingRow(db: Executor, partnerId: string): Promise<StandingRow | undefined> {
  return db.selectFrom("partner_standing").selectAll().where("partner_id", "=", partnerId).executeTakeFirst();
}

/** Every partner whose standing has been evaluated: a partner without a row has nothing that counts yet. */
export async function evaluatedPartnerIds(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom("partner_standing").select("partner_id").execute();
  return rows.map((r) => r.partner_id);
}

export async function saveStanding(
  db: Executor,
  partnerId: string,
  s: {
    level: StandingLevel;
    since: Date;
    reason: string;
    score: number;
    provisional: boolean;
    probationSince: Date | null;
    scoreFrom: Date | null;
    at: Date;
  },
): Promise<void> {
  const values = {
    level: s.level,
    since: s.since,
    reason: s.reason,
    score: s.score,
    provisional: s.provisional,
    probation_since: s.probationSince,
    score_from: s.scoreFrom,
    computed_at: s.at,
  };
  await db
    .insertInto("partner_standing")
    .values({ partner_id: partnerId, ...values })
    .onConflict((oc) => oc.column("partner_id").doUpdateSet(values))
    .execute();
}

export async function recordStandingChange(
  db: Executor,
  c: { partnerId: string; from: StandingLevel | null; to: StandingLevel; reason: string; actorLabel: string; at: Date },
): Promise<void> {
  await db
    .insertInto("partner_standing_history")
    .values({
      partner_id: c.partnerId,
      from_level: c.from,
      to_level: c.to,
      reason: c.reason,
      actor_label: c.actorLabel,
      at: c.at,
    })
    .execute();
}

export async function setOverride(
  db: Executor,
  partnerId: string,
  o: { level: "good" | "withheld" | null; reason: string | null; expiresAt: Date | null; by: string | null; at: Date },
): Promise<void> {
  const values = {
    override_level: o.level,
    override_reason: o.reason,
    override_expires_at: o.expiresAt,
    override_by: o.by,
  };
  await db
    .insertInto("partner_standing")
    .values({ partner_id: partnerId, level: "good", since: o.at, reason: "New partner", computed_at: o.at, ...values })
    .onConflict((oc) => oc.column("partner_id").doUpdateSet(values))
    .execute();
}
