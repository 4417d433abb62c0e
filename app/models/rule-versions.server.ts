/** Every version of the policy and of the scoring rules, with who made it and why (the rules page's history). */
import type { Executor } from "~/db.server";
import type { Policy } from "~/domain/policy";
import type { LeadFacts, ScoringConfig, ScoringRule } from "~/domain/lead-scoring";
import { policyFromRow } from "./policy.server";
import { nextVersionInForce } from "./rule-version-number.server";

export interface VersionMeta {
  version: number;
  inForce: boolean;
  note: string;
  at: Date;
  /** The manager's name, or null for the defaults the installation started with. */
  by: string | null;
}

function versionMeta(r: {
  version: number;
  in_force: boolean;
  note: string;
  created_at: Date;
  author: string | null;
}): VersionMeta {
  return { version: r.version, inForce: r.in_force, note: r.note, at: r.created_at, by: r.author };
}

/** Newest first. Versions are made by hand, a few a year: the whole list is small. */
export async function policyVersions(db: Executor): Promise<(VersionMeta & { policy: Policy })[]> {
  const rows = await db
    .selectFrom("policies")
    .leftJoin("users", "users.id", "policies.created_by")
    .selectAll("policies")
    .select("users.name as author")
    .orderBy("policies.version", "desc")
    .execute();
  return rows.map((r) => ({
    ...versionMeta(r),
    policy: policyFromRow(r),
  }));
}

/** Newest first, like the policy's. */
export async function scoringVersions(db: Executor): Promise<(VersionMeta & { config: ScoringConfig })[]> {
  const rows = await db
    .selectFrom("scoring_configs")
    .leftJoin("users", "users.id", "scoring_configs.created_by")
    .select([
      "scoring_configs.version",
      "scoring_configs.in_force",
      "scoring_configs.note",
      "scoring_configs.created_at",
      "scoring_configs.threshold",
      "scoring_configs.rules",
      "users.name as author",
    ])
    .orderBy("scoring_configs.version", "desc")
    .execute();
  return rows.map((r) => ({
    ...versionMeta(r),
    config: { threshold: r.threshold, rules: r.rules as ScoringRule[] },
  }));
}

/** Puts a new scoring version in force; callers hold a transaction so exactly one stays in force. */
export async function insertScoringVersion(
  trx: Executor,
  config: ScoringConfig,
  meta: { note: string; createdBy: string | null; at: Date },
): Promise<number> {
  const version = await nextVersionInForce(trx, "scoring_configs");
  await trx
    .insertInto("scoring_configs")
    .values({
      version,
      threshold: config.threshold,
      rules: JSON.stringify(config.rules),
      in_force: true,
      note: meta.note,
      created_by: meta.createdBy,
      created_at: meta.at,
    })
    .execute();
  return version;
}

/** The scoring facts of open records (not won, lost, disqualified or merged), a page at a time by id. */
export async function openLeadFacts(
  db: Executor,
  afterId: string | null,
  limit: number,
): Promise<(LeadFacts & { id: string })[]> {
  let q = db
    .selectFrom("leads")
    .select([
      "id",
      "contact_title as title",
      "company_size as companySize",
      "vertical",
      "territory",
      "engagement",
      "interest",
      "timeline",
    ])
    .where("state", "not in", ["won", "lost", "disqualified", "merged"])
    .orderBy("id")
    .limit(limit);
  if (afterId) q = q.where("id", ">", afterId);
  return q.execute();
}
