import type { NewStagingRow } from "@db/schema";
import type { Executor } from "~/db.server";
import {
  leadFieldsSchema,
  scoringFacts,
  validateLeadFields,
  type FieldError,
  type LeadFields,
} from "~/domain/intake-fields";
import { scoreLead, type LeadScore } from "~/domain/lead-scoring";
import { activeVerticals } from "~/models/lead-intake.server";
import { scoringConfigInForce, type VersionedScoringConfig } from "~/models/scoring-config.server";

export type PreparedLead = { ok: true; fields: LeadFields; score: LeadScore } | { ok: false; errors: FieldError[] };

/** Validation and scoring as they stand now, read once per batch (not once per row). */
export interface IntakeRules {
  schema: ReturnType<typeof leadFieldsSchema>;
  scoring: VersionedScoringConfig;
  verticals: { code: string; label: string }[];
  prepare(input: unknown): PreparedLead;
  score(fields: Partial<LeadFields>): LeadScore;
}

export async function loadIntakeRules(db: Executor): Promise<IntakeRules> {
  const [verticals, scoring] = await Promise.all([activeVerticals(db), scoringConfigInForce(db)]);
  const schema = leadFieldsSchema(verticals);
  const score = (fields: Partial<LeadFields>) => scoreLead(scoringFacts(fields), scoring);
  return {
    schema,
    scoring,
    verticals,
    score,
    prepare(input) {
      const v = validateLeadFields(schema, input);
      return v.ok ? { ok: true, fields: v.fields, score: score(v.fields) } : v;
    },
  };
}

/** The staging row of one prepared lead (or its rejection) at `line` of batch `batchId`. */
export function stagingRow(
  batchId: string,
  line: number,
  prepared: PreparedLead,
  extra: { campaignId: string | null; raw?: readonly string[] | null },
): NewStagingRow {
  const raw = extra.raw ? JSON.stringify(extra.raw) : null;
  if (!prepared.ok) {
    return { batch_id: batchId, line, status: "rejected", errors: JSON.stringify(prepared.errors), raw };
  }
  const f = prepared.fields;
  return {
    batch_id: batchId,
    line,
    status: "valid",
    raw,
    external_id: f.external_id ?? null,
    campaign_id: extra.campaignId,
    contact_name: f.contact_name,
    contact_email: f.contact_email ?? null,
    contact_phone: f.contact_phone ?? null,
    contact_title: f.contact_title ?? null,
    company_name: f.company_name,
    company_size: f.company_size ?? null,
    territory: f.territory,
    vertical: f.vertical ?? null,
    interest: f.interest ?? null,
    timeline: f.timeline ?? null,
    engagement: f.engagement ?? 0,
    score: prepared.score.score,
    kind: prepared.score.kind,
  };
}
