import type { Executor } from "@db/client";
import type { StandingLevel, StandingRow } from "@db/schema";
import { computeScore, SCORE_WINDOW_DAYS } from "~/domain/compliance-score";
import type { StandingInput } from "~/domain/enforcement";
import { isOverdue } from "~/domain/obligations";
import { probationProgress } from "~/domain/probation-progress";
import { obligationsForStanding, obligationView } from "./obligation.server";

const WINDOW_MS = SCORE_WINDOW_DAYS * 86_400_000;

export async function standingRow(db: Executor, partnerId: string): Promise<StandingRow | undefined> {
  return db.selectFrom("partner_standing").selectAll().where("partner_id", "=", partnerId).executeTakeFirst();
}

/** Everything the enforcement rules read about one partner at `at`. */
export async function standingInput(db: Executor, partnerId: string, at: Date): Promise<{ input: StandingInput; row: StandingRow | undefined }> {
  const row = await standingRow(db, partnerId);
  const rows = await obligationsForStanding(db, partnerId, new Date(at.getTime() - WINDOW_MS));
  const views = rows.map((r) => ({ ...obligationView(r), missedAt: r.missed_at }));
  const probationSince = row?.level === "probation" ? row.probation_since : null;
  return {
    row,
    input: {
      current: { level: row?.level ?? "good", since: row?.since ?? at },
      score: computeScore(views, at),
      overdue: views.filter((v) => isOverdue(v, at)).map((v) => ({ dueAt: v.dueAt, kind: v.kind })),
      ...probationProgress(views, probationSince, at),
      override:
        row?.override_level && row.override_expires_at
          ? { level: row.override_level, expiresAt: row.override_expires_at, reason: row.override_reason ?? "" }
          : null,
    },
  };
}

export async function saveStanding(
  db: Executor,
  partnerId: string,
  s: { level: StandingLevel; since: Date; reason: string; score: number; provisional: boolean; probationSince: Date | null; at: Date },
): Promise<void> {
  const values = {
    level: s.level, since: s.since, reason: s.reason, score: s.score, provisional: s.provisional,
    probation_since: s.probationSince, computed_at: s.at,
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
    .values({ partner_id: c.partnerId, from_level: c.from, to_level: c.to, reason: c.reason, actor_label: c.actorLabel, at: c.at })
    .execute();
}

export async function setOverride(
  db: Executor,
  partnerId: string,
  o: { level: "good" | "withheld" | null; reason: string | null; expiresAt: Date | null; by: string | null; at: Date },
): Promise<void> {
  const values = { override_level: o.level, override_reason: o.reason, override_expires_at: o.expiresAt, override_by: o.by };
  await db
    .insertInto("partner_standing")
    .values({ partner_id: partnerId, level: "good", since: o.at, reason: "New partner", computed_at: o.at, ...values })
    .onConflict((oc) => oc.column("partner_id").doUpdateSet(values))
    .execute();
}
