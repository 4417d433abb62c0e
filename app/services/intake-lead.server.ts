/**
 * Intake of leads that arrive one request at a time: the form (one lead, by a person) and the
 * JSON API (one lead or a batch, by a machine). Both validate everything first, then stage and
 * load the batch in one transaction: all of it is stored, or nothing.
 */
import { randomUUID } from "node:crypto";
import type { LeadKind, StagingOutcome } from "@db/schema";
import { now } from "~/clock.server";
import type { DB, Executor } from "~/db.server";
import { parseApiBody, type ApiItemError } from "~/domain/intake-api";
import { duplicateWindowStart } from "~/domain/intake-dedupe";
import { LEAD_FIELD_LABELS, type FieldError, type LeadFields } from "~/domain/intake-fields";
import type { LeadScore } from "~/domain/lead-scoring";
import { recordAudit } from "~/models/audit.server";
import {
  deleteStagedBatch,
  loadStagedBatch,
  stagedOutcomes,
  stageRows,
  type LoadCounts,
} from "~/models/lead-intake.server";
import { getOrCreateSource, WEB_FORM_SOURCE_NAME } from "~/models/source.server";
import type { Actor } from "./actor";
import { campaignProblem } from "./campaigns.server";
import type { AuthenticatedKey } from "./api-keys.server";
import { loadIntakeRules, stagingRow } from "./intake-rules.server";
import { invalidFields, succeed, type FieldErrors, type Outcome } from "~/domain/outcome";

export interface IntakeItem {
  fields: LeadFields;
  score: LeadScore;
  campaignId: string | null;
}

export interface IntakeItemResult {
  leadId: string;
  externalId: string | null;
  status: StagingOutcome;
  kind: LeadKind;
  score: number;
  duplicateOf: string | null;
}

/** An external id given twice in one batch: the batch is refused like any other bad input. */
class RepeatedExternalIds extends Error {
  constructor(readonly rows: { line: number; errors: FieldError[] }[]) {
    super("repeated external ids");
  }
}

interface BatchTarget {
  sourceId: string;
  intakeBy: string;
  actor: Actor;
}

async function intakeBatch(
  trx: Executor,
  items: readonly IntakeItem[],
  target: BatchTarget,
): Promise<{ results: IntakeItemResult[]; counts: LoadCounts }> {
  const batchId = randomUUID();
  await stageRows(
    trx,
    items.map((item, i) =>
      stagingRow(batchId, i, { ok: true, fields: item.fields, score: item.score }, { campaignId: item.campaignId }),
    ),
  );
  const at = now();
  const counts = await loadStagedBatch(trx, {
    batchId,
    sourceId: target.sourceId,
    at,
    intakeBy: target.intakeBy,
    createdBy: target.actor.userId,
    rowWord: "item",
    duplicatesSince: duplicateWindowStart(at),
  });
  const outcomes = await stagedOutcomes(trx, batchId);
  if (counts.repeated > 0) {
    throw new RepeatedExternalIds(
      outcomes.filter((o) => o.status === "rejected").map((o) => ({ line: o.line, errors: o.errors ?? [] })),
    );
  }
  // A request's staging rows are scaffolding: only CSV imports keep theirs.
  await deleteStagedBatch(trx, batchId);
  const results = outcomes.map((o, i) => ({
    leadId: o.lead_id,
    externalId: items[i].fields.external_id ?? null,
    status: o.outcome as StagingOutcome,
    kind: o.kind as LeadKind,
    score: o.score ?? 0,
    duplicateOf: o.duplicate_of,
  }));
  return { results, counts };
}

// ------------------------------------------------------------------------------------ form

/** One lead typed in by a person: one transaction, one audit event for the lead. */
export async function intakeFromForm(
  db: DB,
  input: Record<string, unknown>,
  actor: Actor,
): Promise<Outcome<{ lead: IntakeItemResult }>> {
  const prepared = (await loadIntakeRules(db)).prepare(input);
  const campaignId = typeof input.campaign_id === "string" && input.campaign_id !== "" ? input.campaign_id : null;
  const fieldErrors: FieldErrors = {};
  if (!prepared.ok) for (const e of prepared.errors) fieldErrors[e.field] ??= [labelled(e)];
  const badCampaign = await campaignProblem(db, campaignId);
  if (badCampaign) fieldErrors.campaign_id = [`The campaign ${badCampaign}.`];
  if (!prepared.ok || badCampaign) return invalidFields(fieldErrors, "Check the marked fields; nothing was saved.");

  return db.transaction().execute(async (trx) => {
    const source = await getOrCreateSource(trx, "web_form", WEB_FORM_SOURCE_NAME);
    const { results } = await intakeBatch(trx, [{ fields: prepared.fields, score: prepared.score, campaignId }], {
      sourceId: source.id,
      intakeBy: actor.label,
      actor,
    });
    const lead = results[0];
    await recordAudit(trx, {
      actorId: actor.userId,
      actorLabel: actor.label,
      action: "lead.intake",
      subjectType: "lead",
      subjectId: lead.leadId,
      details: {
        channel: "form",
        sourceId: source.id,
        kind: lead.kind,
        score: lead.score,
        duplicateOf: lead.duplicateOf,
      },
      at: now(),
    });
    return succeed({ lead });
  });
}

const LABELS: Record<string, string | undefined> = LEAD_FIELD_LABELS;

/** "Contact email must be an email address…": the rule's words, led by the field's label. */
const labelled = (e: FieldError) => (LABELS[e.field] ? `${LABELS[e.field]} ${e.message}.` : e.message);

// ------------------------------------------------------------------------------------- API

export type ApiIntakeResult =
  | { ok: true; batch: boolean; created: number; results: IntakeItemResult[] }
  | { ok: false; status: 400 | 413 | 422; code: string; message: string; errors?: ApiItemError[] };

/** One lead or a batch from an API key: all or nothing, one audit event for the batch. */
export async function intakeFromApi(db: DB, body: unknown, key: AuthenticatedKey): Promise<ApiIntakeResult> {
  const rules = await loadIntakeRules(db);
  const parsed = parseApiBody(body, rules.verticals);
  if (!parsed.ok) return parsed;
  const at = (i: number) => (parsed.batch ? { index: i } : {});

  const errors: ApiItemError[] = [];
  const items: IntakeItem[] = [];
  const campaignChecks = new Map<string, Promise<string | null>>();
  for (const [i, item] of parsed.items.entries()) {
    if (item.campaignId) {
      if (!campaignChecks.has(item.campaignId))
        campaignChecks.set(item.campaignId, campaignProblem(db, item.campaignId));
      const problem = await campaignChecks.get(item.campaignId);
      if (problem) errors.push({ ...at(i), field: "campaign_id", message: problem });
    }
    items.push({ fields: item.fields, score: rules.score(item.fields), campaignId: item.campaignId });
  }
  if (errors.length > 0)
    return {
      ok: false,
      status: 422,
      code: "validation_failed",
      message: "Some leads name a campaign that cannot take leads; nothing was stored.",
      errors,
    };

  const actor: Actor = { userId: null, label: `api-key:${key.name}`, role: "system", partnerId: null };
  try {
    return await db.transaction().execute(async (trx) => {
      const { results, counts } = await intakeBatch(trx, items, {
        sourceId: key.sourceId,
        intakeBy: actor.label,
        actor,
      });
      await recordAudit(trx, {
        actorId: null,
        actorLabel: actor.label,
        action: "lead.intake_batch",
        subjectType: "api_key",
        subjectId: key.id,
        details: { channel: "api", sourceId: key.sourceId, leads: results.length, ...counts },
        at: now(),
      });
      return { ok: true as const, batch: parsed.batch, created: counts.created, results };
    });
  } catch (e) {
    if (!(e instanceof RepeatedExternalIds)) throw e;
    return {
      ok: false,
      status: 422,
      code: "validation_failed",
      message: "The same external id appears more than once in this batch; nothing was stored.",
      errors: e.rows.flatMap((r) => r.errors.map((err) => ({ ...at(r.line), ...err }))),
    };
  }
}
