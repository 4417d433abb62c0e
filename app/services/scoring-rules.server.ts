/**
 * The scoring rules and threshold, edited into new versions. A new version scores what comes in
 * from then on (form, file, API); no existing record is rescored: its score and kind are what
 * it was judged on when it arrived, partners were offered it on that score, and promoting an
 * inquiry or parking a lead stays a manager's decision per lead (ADR 019). The preview says
 * what the change would mean by judging today's open records both ways.
 */
import { now } from "~/clock.server";
import type { DB, Executor } from "~/db.server";
import { scoreLead, validateScoringConfig, type ScoringConfig } from "~/domain/lead-scoring";
import { fail, invalidFields, succeed, type Outcome } from "~/domain/outcome";
import { scoringChanges } from "~/domain/scoring-form";
import { recordAudit } from "~/models/audit.server";
import { lockRuleVersions } from "~/models/rule-version-number.server";
import { insertScoringVersion, openLeadFacts } from "~/models/rule-versions.server";
import { scoringConfigInForce } from "~/models/scoring-config.server";
import type { Actor } from "./actor";

export interface ScoringPreview {
  /** Open records (not won, lost, disqualified or merged) judged both ways. */
  open: number;
  /** Leads under the rules in force that the new rules would call inquiries. */
  leadsToInquiries: number;
  /** Inquiries under the rules in force that the new rules would call leads. */
  inquiriesToLeads: number;
}

const PAGE = 2_000;

/** How the open records would change between inquiry and lead under `next`, read a page at a time. */
export async function previewScoring(db: Executor, next: ScoringConfig): Promise<Outcome<{ preview: ScoringPreview }>> {
  const problems = validateScoringConfig(next);
  if (problems.length > 0) return fail("invalid", problems.join(" "));
  const current = await scoringConfigInForce(db);
  const preview: ScoringPreview = { open: 0, leadsToInquiries: 0, inquiriesToLeads: 0 };
  let after: string | null = null;
  for (;;) {
    const page = await openLeadFacts(db, after, PAGE);
    for (const facts of page) {
      const before = scoreLead(facts, current).kind;
      const then = scoreLead(facts, next).kind;
      preview.open += 1;
      if (before === "lead" && then === "inquiry") preview.leadsToInquiries += 1;
      if (before === "inquiry" && then === "lead") preview.inquiriesToLeads += 1;
    }
    if (page.length < PAGE) return succeed({ preview });
    after = page[page.length - 1].id;
  }
}

/** Puts the configuration in force as a new version, with the manager's note on why. */
export async function saveScoringVersion(
  db: DB,
  input: { config: ScoringConfig; note: string },
  actor: Actor,
): Promise<Outcome<{ version: number }>> {
  const at = now();
  const problems = validateScoringConfig(input.config);
  if (problems.length > 0) return fail("invalid", problems.join(" "));
  const note = input.note.trim();
  if (!note) return invalidFields({ note: ["Say why the scoring changes."] });
  return db.transaction().execute(async (trx) => {
    await lockRuleVersions(trx, "scoring_configs");
    const current = await scoringConfigInForce(trx);
    const changes = scoringChanges(current, input.config);
    if (changes.length === 0) {
      return fail("invalid", "Nothing changed: change the threshold or a rule before saving a new version.");
    }
    const version = await insertScoringVersion(trx, input.config, { note, createdBy: actor.userId, at });
    await recordAudit(trx, {
      actorId: actor.userId,
      actorLabel: actor.label,
      action: "scoring.edited",
      subjectType: "scoring_config",
      subjectId: String(version),
      details: { threshold: input.config.threshold, rules: input.config.rules, note, changes },
      at,
    });
    return succeed({ version });
  });
}
