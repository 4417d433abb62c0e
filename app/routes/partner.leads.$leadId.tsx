/** /partner/leads/:leadId: an accepted lead with its contact, timeline and deadlines; log touches, notes, stage, outcome. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ReactNode } from "react";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { redirectWithFlash } from "~/auth/flash.server";
import { actorFor, notFound, requirePartnerScope, type PartnerScoped } from "~/auth/guards.server";
import { formatCents } from "~/components/amount";
import { Badge, LeadStateBadge, ObligationBadge } from "~/components/badge";
import { Button, ButtonLink, type ButtonVariant } from "~/components/button";
import { Countdown } from "~/components/countdown";
import { DateTime, TextWithTimes } from "~/components/date-time";
import { DUE_LABELS } from "~/components/due-item";
import { NestedErrorBoundary } from "~/components/error-page";
import { Field, SelectField, TextAreaField } from "~/components/field";
import { FormError } from "~/components/flash-message";
import { pageTitle } from "~/components/meta";
import { DetailList, PageHeader, Panel, TwoColumns } from "~/components/page-header";
import { now } from "~/clock.server";
import { getDb } from "~/db.server";
import type { OutcomeKind } from "@db/schema";
import { STAGES } from "~/domain/lead-state";
import { canReportNoResponse } from "~/domain/no-response";
import { TOUCH_KINDS } from "~/domain/obligations";
import { describeMinutes } from "~/domain/policy";
import { dayInZone, touchTime } from "~/domain/touch-date";
import { touchTimes } from "~/models/activity.server";
import { findPartnerLead, offerActivities, offerFollowUps } from "~/models/partner-leads.server";
import { findPartnerSummary } from "~/models/partner.server";
import { offerPolicy, reasonChoices } from "~/models/policy.server";
import { findOffer } from "~/models/offer.server";
import { outcomeCorrectionsOfLead } from "~/models/outcome-correction.server";
import { offerScopeOf } from "~/services/actor";
import { logActivity, reportOutcome } from "~/services/lead-work.server";
import { isUuid } from "~/security/ids";
import { invalidFields, type Failure } from "~/domain/outcome";
import { refuse } from "~/security/answer.server";
import { parseForm } from "~/security/form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data ? data.lead.company : "Lead");

/** The lead if the user's company accepted it (scope in the query); anything else is a 404. */
async function leadOf(auth: PartnerScoped, leadId: string | undefined) {
  const lead = isUuid(leadId) ? await findPartnerLead(getDb(), leadId, offerScopeOf(actorFor(auth))) : undefined;
  if (!lead) throw notFound("There is no lead of yours at this address.");
  return lead;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requirePartnerScope(request);
  const lead = await leadOf(auth, params.leadId);
  const db = getDb();
  const offer = (await findOffer(db, lead.offerId))!;
  const [activities, followUps, partner, policy, touches, lost, disqualified, corrections] = await Promise.all([
    offerActivities(db, lead.offerId),
    offerFollowUps(db, lead.offerId),
    findPartnerSummary(db, auth.partnerId),
    offerPolicy(db, offer),
    touchTimes(db, lead.offerId, TOUCH_KINDS),
    reasonChoices(db, "lost"),
    reasonChoices(db, "disqualified"),
    outcomeCorrectionsOfLead(db, lead.leadId),
  ]);
  const reasonLabel = (list: { value: string; label: string }[], code: string | null) =>
    list.find((r) => r.value === code)?.label ?? code ?? "no reason given";
  /** "Won, 12,500.00", "Lost: No budget". */
  const describe = (outcome: OutcomeKind, amountCents: number | null, reasonCode: string | null) =>
    outcome === "won"
      ? `Won${amountCents != null ? `, ${formatCents(amountCents)}` : ""}`
      : `${outcome === "lost" ? "Lost" : "Disqualified"}: ${reasonLabel(outcome === "lost" ? lost : disqualified, reasonCode)}`;
  const at = now();
  const timeZone = partner?.timeZone ?? "UTC";
  const spanMs = touches.length > 1 ? touches[touches.length - 1].getTime() - touches[0].getTime() : 0;
  return {
    now: at,
    timeZone,
    today: dayInZone(at, timeZone),
    lead,
    activities,
    followUps,
    lost,
    disqualified,
    // Only the corrections of this company's outcome, each with the reason the manager gave.
    corrections: corrections
      .filter((c) => c.offer_id === lead.offerId)
      .map((c) => ({
        id: c.id,
        at: c.corrected_at,
        from: describe(c.from_outcome, c.from_amount_cents, c.from_reason_code),
        to: describe(c.to_outcome, c.to_amount_cents, c.to_reason_code),
        reason: c.reason,
      })),
    noResponse: {
      allowed: canReportNoResponse(touches, policy).ok,
      touches: touches.length,
      needTouches: policy.noResponseMinTouches,
      spanDays: Math.floor(spanMs / 86_400_000),
      needSpan: describeMinutes(policy.noResponseMinSpanMinutes),
    },
  };
}

const note = z.string().max(2000, "Keep the note under 2,000 characters.").optional();
export const actionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("touch"),
    kind: z.enum(TOUCH_KINDS, { error: "Choose call, email or meeting." }),
    day: z.string({ error: "Enter the day of the touch." }),
    note,
  }),
  z.object({
    intent: z.literal("note"),
    note: z
      .string({ error: "Write the note." })
      .trim()
      .min(1, "Write the note.")
      .max(2000, "Keep the note under 2,000 characters."),
  }),
  z.object({ intent: z.literal("stage"), stage: z.enum(STAGES, { error: "Choose a stage from the list." }) }),
  z.object({
    intent: z.literal("outcome"),
    outcome: z
      .string({ error: "Choose the outcome." })
      .regex(/^(won|(lost|disqualified):[a-z_]+)$/, "Choose the outcome."),
    amount: z.string().trim().optional(),
    note,
  }),
]);

const AMOUNT = /^\d{1,10}(\.\d{1,2})?$/;

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await requirePartnerScope(request);
  const lead = await leadOf(auth, params.leadId);
  const form = await parseForm(request, actionSchema);
  if (!form.ok) return refuse(form, { values: form.values });
  const db = getDb();
  const actor = actorFor(auth);
  const input = form.data;
  const here = `/partner/leads/${lead.leadId}`;
  const refused = (failure: Failure, field?: string) => refuse(failure, { values: form.values }, field);

  if (input.intent === "outcome") {
    const [outcome, reasonCode = ""] = input.outcome.split(":") as ["won" | "lost" | "disqualified", string?];
    if (outcome === "won") {
      const amount = (input.amount ?? "").replace(/[,\s]/g, "");
      if (!AMOUNT.test(amount) || Number(amount) <= 0) {
        return refused(invalidFields({ amount: ["Enter the deal amount, such as 12500 or 12500.50."] }));
      }
      const won = await reportOutcome(
        db,
        { offerId: lead.offerId, outcome, amountCents: Math.round(Number(amount) * 100), note: input.note },
        actor,
      );
      if (!won.ok) return refused(won, "amount");
    } else {
      const closed = await reportOutcome(db, { offerId: lead.offerId, outcome, reasonCode, note: input.note }, actor);
      if (!closed.ok) return refused(closed, "outcome");
    }
    return redirectWithFlash(here, { kind: "success", message: "Outcome reported: the lead is closed." });
  }

  let occurredAt: Date | undefined;
  if (input.intent === "touch") {
    const partner = await findPartnerSummary(db, auth.partnerId);
    const day = touchTime(input.day, partner?.timeZone ?? "UTC", now());
    if (!day.ok) return refused(invalidFields({ day: [day.reason] }));
    occurredAt = day.at;
  }
  const kind = input.intent === "touch" ? input.kind : input.intent === "stage" ? "stage_change" : "note";
  const logged = await logActivity(
    db,
    {
      offerId: lead.offerId,
      kind,
      note: input.intent === "stage" ? undefined : input.note,
      stage: input.intent === "stage" ? input.stage : undefined,
      occurredAt,
    },
    actor,
  );
  if (!logged.ok)
    return refused(logged, input.intent === "touch" ? "day" : input.intent === "stage" ? "stage" : "note");
  const done = {
    touch: "Touch logged.",
    note: "Note added (a note is not a touch).",
    stage: `Stage changed to ${input.intent === "stage" ? input.stage : ""}.`,
  };
  return redirectWithFlash(here, { kind: "success", message: done[input.intent] });
}

const ACTIVITY_LABELS = {
  call: "Call",
  email: "Email",
  meeting: "Meeting",
  note: "Note",
  stage_change: "Stage changed",
} as const;

export default function PartnerLeadPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const { lead, timeZone } = data;
  const errors = actionData?.fieldErrors ?? {};
  const values = (actionData?.values ?? {}) as Record<string, string>;
  const open = lead.offerState === "accepted";
  // A new timeline entry means the last post succeeded: the forms start empty again.
  const formKey = `${data.activities.length}-${lead.stage ?? ""}`;
  /** A field's value and error when its form was the one sent back (else its default). */
  const sent = (intent: string, name: string, fallback?: string) =>
    values.intent === intent ? { defaultValue: values[name], error: errors[name] } : { defaultValue: fallback };
  const none = <span className="muted">not given</span>;
  return (
    <>
      <PageHeader
        eyebrow="Lead"
        title={lead.company}
        description={
          open ? <Badge tone="info">Open · {lead.stage ?? "accepted"}</Badge> : <OutcomeBadge outcome={lead.outcome} />
        }
        actions={
          open ? (
            <ButtonLink to="/partner/leads">All open leads</ButtonLink>
          ) : (
            <ButtonLink to="/partner/leads?show=closed">All closed leads</ButtonLink>
          )
        }
      />
      <FormError answer={actionData} />
      <TwoColumns>
        <Panel title="Contact">
          <DetailList
            items={[
              { label: "Name", value: lead.contactName },
              { label: "Title", value: lead.contactTitle ?? none },
              {
                label: "Email",
                value: lead.contactEmail ? <a href={`mailto:${lead.contactEmail}`}>{lead.contactEmail}</a> : none,
              },
              {
                label: "Phone",
                value: lead.contactPhone ? <a href={`tel:${lead.contactPhone}`}>{lead.contactPhone}</a> : none,
              },
              { label: "Company", value: lead.company },
              { label: "Territory", value: lead.territory },
              { label: "Vertical", value: lead.vertical ?? none },
              {
                label: "Company size",
                value: lead.companySize != null ? `${lead.companySize.toLocaleString("en-US")} employees` : none,
              },
              { label: "Interest", value: lead.interest ?? none },
              { label: "Timeline", value: lead.timeline ?? none },
              { label: "Campaign", value: lead.campaign ?? none },
              { label: "Score", value: lead.score },
              { label: "Rep", value: lead.repName ?? "nobody yet" },
              ...(lead.offerReason
                ? [{ label: "Offered to you by hand", value: <TextWithTimes text={lead.offerReason} /> }]
                : []),
            ]}
          />
        </Panel>
        <Panel title="Deadlines">
          <ul className="timeline" aria-label="Deadlines">
            {data.followUps.map((f) => (
              <li key={`${f.kind}-${f.sequence}`} className="timeline-item">
                <strong>
                  {DUE_LABELS[f.kind]}
                  {f.kind === "update" ? ` ${f.sequence}` : ""}
                </strong>{" "}
                <ObligationBadge state={f.state} overdue={new Date(f.dueAt) <= new Date(data.now)} />
                <br />
                {f.state === "open" || f.state === "missed" ? (
                  <Countdown due={f.dueAt} now={data.now} timeZone={timeZone} />
                ) : (
                  <span className="muted">
                    Due <DateTime at={f.dueAt} timeZone={timeZone} />
                  </span>
                )}
              </li>
            ))}
          </ul>
        </Panel>
      </TwoColumns>
      {open ? (
        <TwoColumns>
          <WorkForm title="Log a touch" intent="touch" submit="Log touch" formKey={formKey} busy={busy}>
            <SelectField
              label="Kind of touch"
              name="kind"
              options={TOUCH_KINDS.map((k) => ({ value: k, label: ACTIVITY_LABELS[k] }))}
              {...sent("touch", "kind", "call")}
            />
            <Field
              label="Day"
              name="day"
              type="date"
              max={data.today}
              hint={`In ${timeZone}; not in the future.`}
              {...sent("touch", "day", data.today)}
            />
            <TextAreaField label="What happened (optional)" name="note" rows={2} {...sent("touch", "note")} />
          </WorkForm>
          <WorkForm
            title="Add a note"
            intent="note"
            submit="Add note"
            variant="secondary"
            formKey={formKey}
            busy={busy}
          >
            <p className="muted">An internal remark for your team. A note is not a touch: it meets no deadline.</p>
            <TextAreaField label="Note" name="note" rows={3} {...sent("note", "note")} />
          </WorkForm>
          <WorkForm
            title="Change stage"
            intent="stage"
            submit="Change stage"
            variant="secondary"
            formKey={formKey}
            busy={busy}
          >
            <SelectField
              label="Stage"
              name="stage"
              options={STAGES.map((st) => ({ value: st, label: st }))}
              placeholder="Choose a stage"
              {...sent("stage", "stage", lead.stage ?? undefined)}
            />
          </WorkForm>
          <WorkForm title="Report the outcome" intent="outcome" submit="Report outcome" formKey={formKey} busy={busy}>
            <OutcomeSelect lost={data.lost} disqualified={data.disqualified} {...sent("outcome", "outcome")} />
            <Field
              label="Deal amount (if won)"
              name="amount"
              inputMode="decimal"
              hint="E.g. 12500 or 12500.50."
              {...sent("outcome", "amount")}
            />
            <TextAreaField label="Note (optional)" name="note" rows={2} {...sent("outcome", "note")} />
            <p className="progress-note">
              “No response” can be reported after {data.noResponse.needTouches} logged touches over at least{" "}
              {data.noResponse.needSpan}:{" "}
              {data.noResponse.allowed
                ? "done."
                : `${data.noResponse.touches} of ${data.noResponse.needTouches} touches so far, over ${data.noResponse.spanDays} ${data.noResponse.spanDays === 1 ? "day" : "days"}.`}
            </p>
          </WorkForm>
        </TwoColumns>
      ) : (
        <Panel title="Outcome">
          <DetailList
            items={[
              { label: "Outcome", value: <OutcomeBadge outcome={lead.outcome} /> },
              ...(lead.amountCents != null ? [{ label: "Amount", value: formatCents(lead.amountCents) }] : []),
              ...(lead.outcomeReason ? [{ label: "Reason", value: lead.outcomeReason }] : []),
              ...(lead.outcomeNote ? [{ label: "Note", value: lead.outcomeNote }] : []),
              { label: "Reported", value: <DateTime at={lead.outcomeAt} timeZone={timeZone} /> },
            ]}
          />
          {data.corrections.length > 0 ? (
            <>
              <h3 className="panel-subtitle">Corrected by the vendor</h3>
              <ol className="timeline" aria-label="Outcome corrections, oldest first">
                {data.corrections.map((c) => (
                  <li key={c.id} className="timeline-item">
                    <strong>
                      {c.from} → {c.to}
                    </strong>{" "}
                    · <DateTime at={c.at} timeZone={timeZone} />
                    <p>
                      Why: <TextWithTimes text={c.reason} />
                    </p>
                  </li>
                ))}
              </ol>
            </>
          ) : null}
        </Panel>
      )}
      <Panel title="Timeline">
        <ol className="timeline" aria-label="Timeline, latest first">
          {data.activities.map((a) => (
            <li key={a.id} className="timeline-item">
              <strong>{a.kind === "stage_change" ? `Stage: ${a.stage}` : ACTIVITY_LABELS[a.kind]}</strong>
              {a.kind === "note" ? (
                <>
                  {" "}
                  <Badge tone="neutral">not a touch</Badge>
                </>
              ) : null}{" "}
              · <DateTime at={a.at} timeZone={timeZone} /> · {a.by ?? "system"}
              {a.note ? <p>{a.note}</p> : null}
            </li>
          ))}
          <li className="timeline-item">
            <strong>Accepted</strong> · <DateTime at={lead.acceptedAt} timeZone={timeZone} />
          </li>
          <li className="timeline-item">
            <strong>Offered</strong> · <DateTime at={lead.offeredAt} timeZone={timeZone} />
          </li>
        </ol>
      </Panel>
    </>
  );
}

function OutcomeBadge({ outcome }: { outcome: OutcomeKind | null }) {
  return outcome ? <LeadStateBadge state={outcome} /> : <Badge tone="neutral">Closed</Badge>;
}

/** One of the page's work forms: a panel with a form that posts its intent, its fields and its button. */
function WorkForm(props: {
  title: string;
  intent: string;
  submit: string;
  variant?: ButtonVariant;
  /** Changes after a successful post, so the form starts empty again. */
  formKey: string;
  busy: boolean;
  children: ReactNode;
}) {
  return (
    <Panel title={props.title}>
      <Form method="post" className="form" noValidate key={props.formKey}>
        <input type="hidden" name="intent" value={props.intent} />
        {props.children}
        <div className="form-actions">
          <Button type="submit" variant={props.variant} disabled={props.busy}>
            {props.submit}
          </Button>
        </div>
      </Form>
    </Panel>
  );
}

/** One choice for the outcome and its reason: won, or lost/disqualified with a reason from the list. */
function OutcomeSelect(props: {
  lost: { value: string; label: string }[];
  disqualified: { value: string; label: string }[];
  defaultValue?: string;
  error?: string | string[] | null;
}) {
  const message = Array.isArray(props.error) ? props.error[0] : props.error;
  return (
    <div className="field">
      <label className="field-label" htmlFor="outcome">
        Outcome
      </label>
      <select
        className="field-input"
        id="outcome"
        name="outcome"
        defaultValue={props.defaultValue ?? ""}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? "outcome-error" : undefined}
      >
        <option value="">Choose the outcome</option>
        <option value="won">Won</option>
        {(
          [
            ["lost", "Lost", props.lost],
            ["disqualified", "Disqualified", props.disqualified],
          ] as const
        ).map(([outcome, label, reasons]) => (
          <optgroup key={outcome} label={`${label}, because`}>
            {reasons.map((r) => (
              <option key={r.value} value={`${outcome}:${r.value}`}>
                {label}: {r.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {message ? (
        <p className="field-error" id="outcome-error">
          {message}
        </p>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = NestedErrorBoundary;
