import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { redirectWithFlash } from "~/auth/flash.server";
import { actorFor, notFound, requirePartnerScope } from "~/auth/guards.server";
import { Badge, ObligationBadge, StandingBadge } from "~/components/badge";
import { Button, ButtonLink } from "~/components/button";
import { DateTime, TextWithTimes } from "~/components/date-time";
import { EmptyState } from "~/components/empty-state";
import { NestedErrorBoundary } from "~/components/error-page";
import { TextAreaField } from "~/components/field";
import { FlashMessage } from "~/components/flash-message";
import { pageTitle } from "~/components/meta";
import { DetailList, PageHeader, Panel, Stat, StatGrid } from "~/components/page-header";
import { Table } from "~/components/table";
import { getDb } from "~/db.server";
import type { ScoreResult } from "~/domain/compliance-score";
import { refuse } from "~/security/answer.server";
import { parseForm } from "~/security/form.server";
import { partnerCompliance } from "~/services/compliance.server";
import { requestExcuse } from "~/services/excuses.server";

export const meta: MetaFunction = () => pageTitle("Compliance");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, partnerId } = await requirePartnerScope(request);
  const view = await partnerCompliance(getDb(), { partnerId, repId: user.role === "partner_rep" ? user.id : null });
  if (!view) throw notFound("Your company's record could not be found.");
  return view;
}

export const actionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("request-excuse"),
    obligationId: z.uuid("Choose a breach from the list."),
    reason: z
      .string()
      .trim()
      .min(1, "Say why this breach should be excused.")
      .max(2000, "Keep the reason under 2,000 characters."),
  }),
]);

const KIND_LABELS: Record<string, string> = {
  accept: "Acceptance",
  first_touch: "First touch",
  update: "Status update",
  outcome: "Outcome",
};

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requirePartnerScope(request);
  const form = await parseForm(request, actionSchema);
  // A malformed id is a record that does not exist.
  if (!form.ok && form.fieldErrors?.obligationId) throw notFound("This deadline does not exist.");
  if (!form.ok) return refuse(form, { obligationId: form.values.obligationId ?? null }, "reason");
  const asked = await requestExcuse(
    getDb(),
    { obligationId: form.data.obligationId, reason: form.data.reason },
    actorFor(auth),
  );
  if (!asked.ok) {
    if (asked.code === "not_found") throw notFound("This deadline does not exist.");
    return refuse(asked, { obligationId: form.data.obligationId }, "reason");
  }
  return redirectWithFlash("/partner/compliance", {
    kind: "success",
    message: "Your excuse request is sent. A channel manager will decide; the answer shows here and comes by email.",
  });
}

export default function PartnerCompliance() {
  const view = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const tz = view.partner.timeZone;
  const good = view.standing.level === "good";
  return (
    <>
      <PageHeader
        eyebrow={view.partner.name}
        title="Compliance"
        description="How your company keeps the lead rules, and what to do to stay in good standing."
        actions={<ButtonLink to="/partner/rules">The rules in force (version {view.policyVersion})</ButtonLink>}
      />
      {actionData?.formError && !actionData.obligationId ? (
        <FlashMessage kind="error">{actionData.formError}</FlashMessage>
      ) : null}
      <StatGrid label="Company figures">
        <Stat
          label="Compliance score"
          value={view.score.score}
          note={
            view.score.provisional ? <Badge tone="info">Provisional</Badge> : `${deadlines(view.score.counted)} counted`
          }
        />
        <Stat
          label="Standing"
          value={<StandingBadge standing={view.standing.level} />}
          note={
            view.standing.since ? (
              <>
                since <DateTime at={view.standing.since} timeZone={tz} />
              </>
            ) : (
              "nothing counted yet"
            )
          }
        />
        <Stat label="Breaches in the window" value={view.breaches.length} note={`last ${view.score.windowDays} days`} />
        <Stat
          label="Leads that went to others"
          value={view.missed.total}
          note="while withheld, paused or at capacity"
        />
      </StatGrid>
      <Panel title={good ? "To stay in good standing" : "The way back to good standing"}>
        <p>
          <TextWithTimes text={view.standing.reason} />
        </p>
        {view.steps.length === 0 ? (
          <EmptyState title="Nothing to do right now">
            Every deadline is kept and nothing is due in the coming week.
          </EmptyState>
        ) : (
          <ol className="steps" aria-label="What to do">
            {view.steps.map((s) => (
              <li key={s.text}>
                <TextWithTimes text={s.text} />
                {s.leads.length > 1 ? (
                  <ul className="steps-leads">
                    {s.leads.map((l) => (
                      <li key={l.leadId}>
                        <Link to={`/partner/leads/${l.leadId}`}>{l.company}</Link>
                      </li>
                    ))}
                  </ul>
                ) : s.leads.length === 1 ? (
                  <>
                    {" "}
                    <Link
                      to={`/partner/leads/${s.leads[0]!.leadId}`}
                      aria-label={`Open the lead ${s.leads[0]!.company}`}
                    >
                      Open the lead
                    </Link>
                  </>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </Panel>
      <Panel title="How the score is made">
        <ScoreBreakdown score={view.score} caption="Score components of the company" />
        {view.score.provisional ? (
          <p className="muted">
            Provisional: fewer than 5 deadlines counted in the window, so the score alone neither warns nor withholds.
          </p>
        ) : null}
        {view.score.reweighting ? <p className="muted">{view.score.reweighting}</p> : null}
      </Panel>
      {view.repScore ? (
        <Panel title="Your own figures">
          <p>
            The leads dispatched to you score <strong>{view.repScore.score}</strong>
            {view.repScore.provisional ? " (provisional)" : ""}, from {deadlines(view.repScore.counted)} counted.
          </p>
          <ScoreBreakdown score={view.repScore} caption="Score components of your own leads" />
        </Panel>
      ) : null}
      <Panel title="Breaches">
        <Table
          caption={`Missed or late deadlines in the last ${view.score.windowDays} days, newest first`}
          rows={view.breaches}
          rowKey={(b) => b.id}
          empty={{
            title: "No breaches",
            text: `No deadline was missed or kept late in the last ${view.score.windowDays} days.`,
          }}
          columns={[
            { header: "Lead", cell: (b) => <Link to={`/partner/leads/${b.leadId}`}>{b.company}</Link> },
            // One column for what was due, when and how it ended, so the table fits a phone.
            {
              header: "Deadline",
              cell: (b) => (
                <>
                  {KIND_LABELS[b.kind]} <ObligationBadge state={b.state} />
                  <br />
                  <span className="muted">
                    due <DateTime at={b.dueAt} timeZone={tz} />
                  </span>
                </>
              ),
            },
            {
              header: "Excuse",
              cell: (b) => (
                <ExcuseCell
                  breach={b}
                  busy={busy}
                  error={
                    actionData?.obligationId === b.id ? (actionData.fieldErrors.reason ?? actionData.formError) : null
                  }
                />
              ),
            },
          ]}
        />
      </Panel>
      <Panel title="Excuse requests">
        <Table
          caption="Excuse requests, newest first"
          rows={view.excuses}
          rowKey={(e) => e.id}
          empty={{
            title: "No excuse requests",
            text: "Ask for one from a breach above when it was not your company's fault.",
          }}
          columns={[
            {
              header: "Breach",
              cell: (e) => (
                <>
                  <Link to={`/partner/leads/${e.lead_id}`}>{e.company_name}</Link>
                  <br />
                  <span className="muted">
                    {KIND_LABELS[e.kind]}, asked <DateTime at={e.requested_at} timeZone={tz} />
                  </span>
                </>
              ),
            },
            {
              header: "Reason and answer",
              cell: (e) => (
                <>
                  <p>
                    <TextWithTimes text={e.reason} />
                  </p>
                  <ExcuseAnswer state={e.state} note={e.decision_note} />
                </>
              ),
            },
          ]}
        />
      </Panel>
      <Panel title="Leads that went to other partners">
        <p>
          In the last {view.score.windowDays} days, {view.missed.total} {view.missed.total === 1 ? "lead" : "leads"} in
          your territories and verticals went to another partner because your company could not receive them. Who
          received them is not shown.
        </p>
        <DetailList
          items={[
            { label: "While withheld", value: view.missed.byReason.withheld },
            { label: "While on probation at its cap", value: view.missed.byReason.probation_cap },
            { label: "While paused", value: view.missed.byReason.paused },
            { label: "While at capacity", value: view.missed.byReason.capacity },
          ]}
        />
      </Panel>
    </>
  );
}

function ScoreBreakdown({ score, caption }: { score: ScoreResult; caption: string }) {
  return (
    <Table
      caption={caption}
      rows={score.components}
      rowKey={(c) => c.kind}
      columns={[
        { header: "Component", kind: "nowrap", cell: (c) => c.label },
        { header: "Counted", kind: "number", cell: (c) => c.counted },
        { header: "On time", kind: "number", cell: (c) => c.onTime },
        { header: "Late", kind: "number", cell: (c) => c.late },
        { header: "Missed", kind: "number", cell: (c) => c.missed },
        { header: "Excused", kind: "number", cell: (c) => c.excused },
        {
          header: "Weight",
          kind: "number",
          cell: (c) => (c.effectiveWeight === c.weight ? c.weight : `${c.weight} → ${round1(c.effectiveWeight)}`),
        },
        { header: "Points", kind: "number", cell: (c) => (c.value === null ? "—" : round1(c.points)) },
      ]}
    />
  );
}

const deadlines = (n: number) => `${n} ${n === 1 ? "deadline" : "deadlines"}`;
const round1 = (n: number) => (Math.round(n * 10) / 10).toString();

function ExcuseAnswer({ state, note }: { state: string; note: string | null }) {
  if (state === "pending") return <Badge tone="info">Waiting for a decision</Badge>;
  const approved = state === "approved";
  return (
    <>
      <Badge tone={approved ? "success" : "danger"}>{approved ? "Excused" : "Refused"}</Badge>
      {note ? <span className="muted"> {note}</span> : null}
    </>
  );
}

function ExcuseCell({
  breach,
  busy,
  error,
}: {
  breach: {
    id: string;
    company: string;
    kind: string;
    canAskExcuse: boolean;
    excuse: { state: string; note: string | null } | null;
  };
  busy: boolean;
  error: string | string[] | null | undefined;
}) {
  if (!breach.canAskExcuse)
    return breach.excuse ? <ExcuseAnswer state={breach.excuse.state} note={breach.excuse.note} /> : <>—</>;
  return (
    <details className="excuse-form" open={Boolean(error)}>
      <summary>
        {breach.excuse ? <ExcuseAnswer state={breach.excuse.state} note={breach.excuse.note} /> : null} Ask to excuse
      </summary>
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="intent" value="request-excuse" />
        <input type="hidden" name="obligationId" value={breach.id} />
        <TextAreaField
          label={`Why should the ${KIND_LABELS[breach.kind]?.toLowerCase()} on ${breach.company} be excused?`}
          name="reason"
          rows={2}
          required
          error={error}
        />
        <Button type="submit" size="small" disabled={busy}>
          Send the request
        </Button>
      </Form>
    </details>
  );
}

export const ErrorBoundary = NestedErrorBoundary;
