import type { Executor } from "~/db.server";
import type { ScoringConfig, ScoringRule } from "~/domain/lead-scoring";

export interface VersionedScoringConfig extends ScoringConfig {
  version: number;
}

/** The scoring rules and threshold in force (migration 0002 seeds version 1). */
export async function scoringConfigInForce(db: Executor): Promise<VersionedScoringConfig> {
  const row = await db
    .selectFrom("scoring_configs")
    .select(["version", "threshold", "rules"])
    .where("in_force", "=", true)
    .executeTakeFirstOrThrow();
  return { version: row.version, threshold: row.threshold, rules: row.rules as ScoringRule[] };
}
