/** /manager/leads/:id — one lead: its fields, score, timeline, last routing decision and the manager's actions. */
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "~/db.server";
import { redirectWithFlash } from "~/auth/flash.server";
import { actorFor, notFound, requireRole } from "~/auth/guards.server";
import { Badge, ObligationBadge } from "~/components/badge";
import { ActionForm } from "~/components/action-form";
import { ButtonLink } from "~/components/button";
import { DateTime, TextWithTimes } from "~/components/date-time";
import { NestedErrorBoundary } from "~/components/error-page";
import { Field, SelectField, TextAreaField } from "~/components/field";
import { FlashMessage } from "~/components/flash-message";
import { pageTitle } from "~/components/meta";
import { DetailList, PageHeader, Panel } from "~/components/page-header";
import { PartnerPicker } from "~/components/partner-picker";
import { Table } from "~/components/table";
import { scoreLead, type ScoringRule } from "~/domain/lead-scoring";
import { buildTimeline } from "~/domain/lead-timeline";
import { fail, type Outcome } from "~/domain/outcome";
import { OUTCOME_KINDS } from "~/domain/outcome-correction";
import type { CandidateEvaluation } from "~/domain/routing";
import { findOutcome } from "~/models/lead.server";
import {
  activitiesOfLead,
  auditEventsOfLead,
  findLeadDetail,
  obligationsOfLead,
  offersOfLead,
  outcomeReasonCodes,
  routingDecisionsOfLead,
} from "~/models/lead-page.server";
import { liveOfferOfLead } from "~/models/offer.server";
import { outcomeCorrectionsOfLead } from "~/models/outcome-correction.server";
import { scoringConfigInForce } from "~/models/scoring-config.server";
import { refuse } from "~/security/answer.server";
import { parseForm } from "~/security/form.server";
import { isUuid } from "~/security/ids";
import { offerLeadManually, recallLead } from "~/services/assignment.server";
import { promoteInquiry } from "~/services/lead-promotion.server";
import { partnerChoices } from "~/services/lead-page.server";
import { correctOutcome } from "~/services/outcome-correction.server";
import { routeNow } from "~/services/routing.server";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => pageTitle(d?.lead.company_name ?? "Lead");

async function leadOf(param: string | undefined) {
  const lead = isUuid(param) ? await findLeadDetail(getDb(), param) : undefined;
  if (!lead) throw notFound("There is no lead at this address.");
  return lead;
}

const OFFERABLE_STATES = ["routing", "queued"];
const HELD_STATES = ["offered", "accepted"];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "channel_manager");
  const lead = await leadOf(params.leadId);
  const db = getDb();
  const [offers, activities, obligations, audit, decisions, outcome, corrections, scoring, reasons] = await Promise.all(
    [
      offersOfLead(db, lead.id),
      activitiesOfLead(db, lead.id),
      obligationsOfLead(db, lead.id),
      auditEventsOfLead(db, lead.id),
      routingDecisionsOfLead(db, lead.id),
      findOutcome(db, lead.id),
      outcomeCorrectionsOfLead(db, lead.id),
      scoringConfigInForce(db),
      outcomeReasonCodes(db),
    ],
  );
  const live = offers.find((o) => HELD_STATES.includes(o.state)) ?? null;
  const earlier = new Map(offers.map((o) => [o.partner_id, o.state]));
  const choices = OFFERABLE_STATES.includes(lead.state) || live ? await partnerChoices(db, lead) : [];
  const facts = {
    title: lead.contact_title,
    companySize: lead.company_size,
    vertical: lead.vertical,
    territory: lead.territory,
    engagement: lead.engagement,
    interest: lead.interest,
    timeline: lead.timeline,
  };
  const scored = scoreLead(facts, scoring);
  const rulesById = new Map(scoring.rules.map((r) => [r.id, r]));
  const [last] = decisions;
  return {
    lead,
    score: {
      stored: lead.score,
      current: scored.score,
      threshold: scoring.threshold,
      version: scoring.version,
      matched: scored.breakdown
        .filter((b) => b.matched)
        .map((b) => ({ ...b, rule: describeRule(rulesById.get(b.ruleId)!) })),
    },
    live: live && { id: live.id, partnerName: live.partner_name, state: live.state },
    choices: choices.map((c) => ({ ...c, earlier: earlier.has(c.partnerId) ? earlier.get(c.partnerId)! : null })),
    lastDecision: last && {
      at: last.decided_at,
      trigger: last.trigger,
      result: last.result,
      by: last.actor_label,
      chosen: last.chosen_partner_name,
      chosenId: last.chosen_partner_id,
      candidates: last.candidates as CandidateEvaluation[],
    },
    timeline: buildTimeline({ audit, decisions, offers, activities, obligations }),
    outcome: outcome ?? null,
    corrections,
    reasons,
  };
}

/** A scoring rule in plain words: "Title has cto, vp". */
function describeRule(rule: ScoringRule): string {
  const { anyOf, min, max } = rule.match;
  const what = rule.criterion.replace(/_/g, " ");
  if (min !== undefined || max !== undefined) {
    const range =
      min !== undefined && max !== undefined ? `${min}–${max}` : min !== undefined ? `${min} or more` : `up to ${max}`;
    return `${what} ${range}`;
  }
  return anyOf?.length ? `${what} is ${anyOf.join(", ")}` : `${what} stated`;
}

const reason = z.string().trim().max(500, "must be at most 500 characters");
const requiredReason = z
  .string({ error: "Say why." })
  .trim()
  .min(1, "Say why.")
  .max(500, "must be at most 500 characters");
const partnerId = z.uuid("Choose a partner.");
const offerId = z.uuid("This offer is not one this page knows. Reload the page.");
const outcomeKind = z.enum(OUTCOME_KINDS as ["won", "lost", "disqualified"], "Choose an outcome.");

export const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("route") }),
  z.object({ intent: z.literal("promote"), reason: reason.prefault("") }),
  z.object({ intent: z.literal("offer"), partnerId, reason: reason.prefault("") }),
  z.object({ intent: z.literal("recall"), offerId, reason: requiredReason }),
  z.object({ intent: z.literal("reassign"), offerId, partnerId, reason: requiredReason }),
  z
    .object({
      intent: z.literal("correct-outcome"),
      expected: outcomeKind,
      outcome: outcomeKind,
      amount: z
        .string()
        .trim()
        .transform((v) => v.replace(/[,\s]/g, ""))
        .refine((v) => v === "" || /^\d{1,10}(\.\d{1,2})?$/.test(v), "must be an amount such as 1250 or 1250.50")
        .transform((v) => (v === "" ? null : Math.round(Number(v) * 100)))
        .prefault(""),
      /** "list:code" ("lost:price"): both lists have an "other". */
      reasonCode: z.string().trim().prefault(""),
      reason: requiredReason,
    })
    .superRefine((v, ctx) => {
      if (v.outcome === "won" && !v.amount)
        ctx.addIssue({ code: "custom", path: ["amount"], message: "A won deal needs its amount, above zero." });
      if (v.outcome !== "won" && !v.reasonCode)
        ctx.addIssue({ code: "custom", path: ["reasonCode"], message: "Choose a reason from the list." });
      else if (v.outcome !== "won" && !v.reasonCode.startsWith(`${v.outcome}:`))
        ctx.addIssue({
          code: "custom",
          path: ["reasonCode"],
          message: `Choose one of the ${v.outcome} reasons: the outcome is ${v.outcome}.`,
        });
    }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await requireRole(request, "channel_manager");
  const lead = await leadOf(params.leadId);
  const form = await parseForm(request, actionSchema);
  if (!form.ok) return refuse(form, { intent: form.values.intent ?? null, values: form.values });
  const db = getDb();
  const actor = actorFor(auth);
  const input = form.data;
  const here = `/manager/leads/${lead.id}`;

  if (input.intent === "recall" || input.intent === "reassign") {
    // The offer the manager saw must still be the one the partner holds.
    const live = await liveOfferOfLead(db, lead.id);
    if (!live || live.id !== input.offerId) {
      const stale =
        "The lead moved on since this page was opened (its offer was answered, expired or recalled). Read the page again.";
      return refuse(fail("conflict", stale), { intent: input.intent, values: form.values });
    }
  }
  const result = await perform(db, lead.id, input, actor);
  if (!result.ok) {
    // A manual offer that needs an override reason: the message belongs next to the reason.
    return refuse(
      result,
      { intent: input.intent, values: form.values },
      input.intent === "offer" ? "reason" : undefined,
    );
  }
  return redirectWithFlash(here, { kind: "success", message: result.message });
}

type Input = z.infer<typeof actionSchema>;
type Performed = Outcome<{ message: string }>;

async function perform(
  db: ReturnType<typeof getDb>,
  leadId: string,
  input: Input,
  actor: ReturnType<typeof actorFor>,
): Promise<Performed> {
  switch (input.intent) {
    case "route": {
      const r = await routeNow(db, leadId, actor);
      if (!r.ok) return r;
      return {
        ok: true,
        message:
          r.result === "offered"
            ? "Routed: the lead is offered to the best-ranked partner."
            : `No partner could take it: ${r.reason}`,
      };
    }
    case "promote": {
      const r = await promoteInquiry(db, leadId, input.reason, actor);
      return r.ok ? { ok: true, message: "Promoted to a lead and sent to the router." } : r;
    }
    case "offer": {
      const r = await offerLeadManually(db, { leadId, partnerId: input.partnerId, reason: input.reason }, actor);
      return r.ok ? { ok: true, message: "Offered. The partner has been told and the clock to answer is running." } : r;
    }
    case "recall": {
      const r = await recallLead(db, { leadId, reason: input.reason }, actor);
      return r.ok ? { ok: true, message: "Recalled from the partner and handed back to the router." } : r;
    }
    case "reassign": {
      const r = await recallLead(
        db,
        { leadId, reason: input.reason, reassignTo: { partnerId: input.partnerId, reason: input.reason } },
        actor,
      );
      return r.ok ? { ok: true, message: "Reassigned: recalled and offered to the partner you chose." } : r;
    }
    case "correct-outcome": {
      const r = await correctOutcome(
        db,
        {
          leadId,
          expected: input.expected,
          outcome: input.outcome,
          amountCents: input.amount,
          reasonCode: input.outcome === "won" ? null : input.reasonCode.slice(input.outcome.length + 1),
          reason: input.reason,
        },
        actor,
      );
      return r.ok ? { ok: true, message: "Outcome corrected. The partner sees your reason on its lead page." } : r;
    }
  }
}

const STATE_TONE: Record<string, "neutral" | "success" | "warning" | "danger" | "info"> = {
  nurture: "neutral",
  routing: "info",
  queued: "warning",
  offered: "info",
  accepted: "success",
  won: "success",
  lost: "neutral",
  disqualified: "neutral",
  merged: "neutral",
};

const money = (cents: number | null) =>
  cents === null ? "—" : (cents / 100).toLocaleString("en", { minimumFractionDigits: 2 });

export default function LeadPage() {
  const { lead, score, live, choices, lastDecision, timeline, outcome, corrections, reasons } =
    useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errorsOf = (intent: string): Partial<Record<string, string[]>> =>
    answer?.intent === intent ? answer.fieldErrors : {};
  const valuesOf = (intent: string): Partial<Record<string, string>> =>
    answer?.intent === intent ? answer.values : {};
  const reasonField = (intent: string, label: string, hint?: string, required?: boolean) => (
    <TextAreaField
      label={label}
      name="reason"
      rows={2}
      required={required}
      hint={hint}
      defaultValue={valuesOf(intent).reason}
      error={errorsOf(intent).reason}
    />
  );
  const reasonLabel = (code: string | null) => reasons.find((r) => r.code === code)?.label ?? code;
  const outcomeWords = (kind: string, cents: number | null, code: string | null) =>
    kind === "won" ? `won, ${money(cents)}` : `${kind} (${reasonLabel(code)})`;
  const offerable = OFFERABLE_STATES.includes(lead.state);
  const reassignable = choices.filter((c) => c.offerable);

  return (
    <>
      <PageHeader
        eyebrow="Leads"
        title={lead.company_name}
        description={
          <>
            <Badge tone={STATE_TONE[lead.state] ?? "neutral"}>{lead.state}</Badge>{" "}
            {lead.kind === "inquiry" ? "Inquiry" : "Lead"}, score {lead.score}
            {live ? ` · held by ${live.partnerName} (${live.state})` : null}
          </>
        }
        actions={<ButtonLink to="/manager/leads">All leads</ButtonLink>}
      />
      {answer?.formError ? <FlashMessage kind="error">{answer.formError}</FlashMessage> : null}

      <div className="lead-page">
        <Panel title="The lead">
          <DetailList
            items={[
              ...(
                [
                  ["Contact", lead.contact_name],
                  ["Email", lead.contact_email],
                  ["Phone", lead.contact_phone],
                  ["Title", lead.contact_title],
                  ["Company", lead.company_name],
                  ["Company size", lead.company_size],
                  ["Territory", lead.territory],
                  ["Vertical", lead.vertical],
                  ["Interest", lead.interest],
                  ["Timeline", lead.timeline],
                  ["Engagement", lead.engagement],
                  ["Source", `${lead.source_name} (${lead.source_kind.replace(/_/g, " ")})`],
                  ["Campaign", lead.campaign_name],
                  ["External id", lead.external_id],
                  ["State", lead.state],
                  ["Stage", lead.stage],
                  ["Offers made", lead.offer_count],
                  ["Why queued", lead.queued_reason],
                  [
                    "Duplicate",
                    lead.duplicate_status
                      ? `${lead.duplicate_status}${lead.duplicate_of ? ` of lead ${lead.duplicate_of}` : ""}`
                      : null,
                  ],
                  ["Taken in by", lead.intake_by],
                ] as const
              ).map(([label, value]) => ({
                label,
                value:
                  value === null || value === undefined || value === "" ? (
                    <span className="muted">—</span>
                  ) : (
                    String(value)
                  ),
              })),
              { label: "Taken in", value: <DateTime at={lead.intake_at} /> },
              { label: "Last change", value: <DateTime at={lead.updated_at} /> },
            ]}
          />
        </Panel>

        <Panel title={`Score ${score.stored}`}>
          <p className="muted">
            {score.stored >= score.threshold ? "At or above" : "Below"} the threshold of {score.threshold}:{" "}
            {lead.kind === "lead" ? "a lead." : "an inquiry."} The points below are the scoring rules in force (version{" "}
            {score.version}) that match this lead
            {score.current === score.stored
              ? "."
              : `; they add up to ${score.current} today (the rules changed since it was scored).`}
          </p>
          <Table
            caption="Scoring rules that matched"
            rows={score.matched}
            rowKey={(r) => r.ruleId}
            columns={[
              { header: "Rule", cell: (r) => r.rule },
              { header: "Points", cell: (r) => r.points, kind: "number" },
            ]}
            empty={{ title: "No rule matched", text: "The lead earned no points." }}
          />
        </Panel>
      </div>

      <Panel title="Actions">
        {/* Keyed by the lead's last change: after an action, every form starts empty again. */}
        <div className="stack action-forms" key={`${lead.updated_at}-${corrections.length}`}>
          {lead.state === "nurture" ? (
            <ActionForm
              intent="promote"
              title="Promote to a lead"
              intro="An inquiry is kept but not distributed. Promoting it makes it a lead and sends it to the router now."
              submit="Promote to a lead"
              busy={busy}
            >
              {reasonField("promote", "Why promote it (optional)")}
            </ActionForm>
          ) : null}

          {offerable ? (
            <ActionForm
              intent="route"
              title="Route now"
              intro="The router ranks the eligible partners and offers the lead to the first; with nobody eligible the lead waits in the queue."
              submit="Route now"
              variant="secondary"
              busy={busy}
            />
          ) : null}

          {offerable ? (
            <ActionForm
              intent="offer"
              title="Offer to a partner"
              intro="A manual offer may set aside territory, vertical, capacity or a pause, with a reason the partner sees. It can never go to a withheld partner, or to one that had this lead already."
              submit="Offer the lead"
              busy={busy}
            >
              <PartnerPicker
                partners={choices}
                name="partnerId"
                legend="Partner"
                error={errorsOf("offer").partnerId?.[0]}
                selected={valuesOf("offer").partnerId}
              />
              {reasonField(
                "offer",
                "Reason for the override",
                "Needed when the partner is not eligible; the partner sees it.",
              )}
            </ActionForm>
          ) : null}

          {live ? (
            <ActionForm
              intent="recall"
              hidden={{ offerId: live.id }}
              title={`Recall from ${live.partnerName}`}
              intro="Open deadlines are cancelled and do not count against the partner; the lead goes back to the router."
              submit="Recall"
              variant="danger"
              busy={busy}
            >
              {reasonField("recall", "Why recall it", undefined, true)}
            </ActionForm>
          ) : null}

          {live ? (
            <ActionForm
              intent="reassign"
              hidden={{ offerId: live.id }}
              title="Reassign to another partner"
              intro={`Recalls the lead from ${live.partnerName} and offers it to the partner you choose.`}
              submit="Reassign"
              busy={busy}
            >
              <SelectField
                label="New partner"
                name="partnerId"
                placeholder="Choose a partner"
                options={reassignable.map((c) => ({
                  value: c.partnerId,
                  label: c.eligible ? `${c.partnerName} (eligible)` : `${c.partnerName} (override)`,
                }))}
                defaultValue={valuesOf("reassign").partnerId}
                error={errorsOf("reassign").partnerId}
              />
              {reasonField("reassign", "Why reassign it", "Both partners see it.", true)}
            </ActionForm>
          ) : null}

          {outcome ? (
            <ActionForm
              intent="correct-outcome"
              hidden={{ expected: outcome.outcome }}
              title={`Reported outcome: ${outcome.outcome}`}
              intro={
                <>
                  {outcome.outcome === "won"
                    ? `Amount ${money(outcome.amount_cents)}.`
                    : `Reason: ${reasonLabel(outcome.reason_code)}.`}{" "}
                  Reported <DateTime at={outcome.reported_at} />. A correction keeps the partner&apos;s score (the
                  report was made) and shows your reason on the partner&apos;s lead page.
                </>
              }
              submit="Correct the outcome"
              busy={busy}
            >
              <div className="grid-2">
                <SelectField
                  label="Correct outcome"
                  name="outcome"
                  options={OUTCOME_KINDS.map((o) => ({ value: o, label: o }))}
                  defaultValue={valuesOf("correct-outcome").outcome ?? outcome.outcome}
                  error={errorsOf("correct-outcome").outcome}
                />
                <Field
                  label="Amount (won)"
                  name="amount"
                  inputMode="decimal"
                  defaultValue={valuesOf("correct-outcome").amount}
                  error={errorsOf("correct-outcome").amount}
                />
              </div>
              <SelectField
                label="Reason (lost or disqualified)"
                name="reasonCode"
                placeholder="Choose a reason"
                options={reasons.map((r) => ({ value: `${r.list}:${r.code}`, label: `${r.list}: ${r.label}` }))}
                defaultValue={valuesOf("correct-outcome").reasonCode}
                error={errorsOf("correct-outcome").reasonCode}
              />
              {reasonField("correct-outcome", "Why correct it", "The partner sees this.", true)}
            </ActionForm>
          ) : null}

          {!offerable && !live && !outcome && lead.state !== "nurture" ? (
            <p className="muted">Nothing can be done with a lead that is {lead.state}.</p>
          ) : null}
        </div>
        {corrections.length ? (
          <Table
            caption="Outcome corrections"
            rows={corrections}
            rowKey={(c) => c.id}
            columns={[
              { header: "When", cell: (c) => <DateTime at={c.corrected_at} />, kind: "nowrap" },
              { header: "From", cell: (c) => outcomeWords(c.from_outcome, c.from_amount_cents, c.from_reason_code) },
              { header: "To", cell: (c) => outcomeWords(c.to_outcome, c.to_amount_cents, c.to_reason_code) },
              { header: "Reason", cell: (c) => c.reason },
              { header: "Who", cell: (c) => c.corrected_by_label },
            ]}
          />
        ) : null}
      </Panel>

      <Panel title="Last routing decision">
        {lastDecision ? (
          <>
            <p className="muted">
              <DateTime at={lastDecision.at} />, {lastDecision.trigger.replace(/_/g, " ")} by {lastDecision.by}:{" "}
              {lastDecision.chosen
                ? `chose ${lastDecision.chosen}.`
                : "no partner could take it; the lead went to the queue."}
            </p>
            <Table
              caption="Partners considered"
              rows={lastDecision.candidates}
              rowKey={(c) => c.partnerId}
              columns={[
                { header: "Partner", cell: (c) => c.partnerName },
                {
                  header: "Rank",
                  cell: (c) => (c.rank !== null ? `${c.rank}` : <Badge tone="neutral">Excluded</Badge>),
                  kind: "nowrap",
                },
                {
                  header: "Chosen",
                  cell: (c) => (c.partnerId === lastDecision.chosenId ? <Badge tone="success">Chosen</Badge> : ""),
                },
                {
                  header: "Why",
                  cell: (c) => (
                    <TextWithTimes
                      text={[
                        c.rank !== null ? c.rankReason : c.excludedFor.map((e) => e.reason).join(" "),
                        c.overridden.length ? `Overridden by hand: ${c.overridden.map((e) => e.reason).join(" ")}` : "",
                      ]
                        .filter(Boolean)
                        .join(" ")}
                    />
                  ),
                },
              ]}
              empty={{
                title: "Nobody was considered",
                text: "The router stopped before ranking: the lead had been offered too often.",
              }}
            />
          </>
        ) : (
          <p className="muted">This lead has not been routed yet.</p>
        )}
      </Panel>

      <Panel title="Timeline">
        <Table
          caption="Everything that happened to this lead, newest first"
          rows={timeline.map((e, i) => ({ ...e, key: String(i) }))}
          rowKey={(e) => e.key}
          columns={[
            { header: "When", cell: (e) => <DateTime at={e.at} />, kind: "nowrap" },
            { header: "What", cell: (e) => e.what },
            { header: "Who", cell: (e) => e.who },
            {
              header: "Kind",
              cell: (e) =>
                e.obligationState ? (
                  <>
                    <ObligationBadge state={e.obligationState} /> due <DateTime at={e.dueAt ?? null} />
                  </>
                ) : (
                  <span className="muted">{e.kind}</span>
                ),
            },
          ]}
          empty={{ title: "Nothing recorded yet" }}
        />
      </Panel>
    </>
  );
}

export const ErrorBoundary = NestedErrorBoundary;
