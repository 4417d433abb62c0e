/**
 * /manager/partners/:id: the partner's settings, people, scorecard, breaches, standing history and
 * overrides; force a withhold or a reinstatement, end an override, invite the admin, disable a user.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import type { StandingLevel } from "@db/schema";
import { redirectWithFlash } from "~/auth/flash.server";
import { actorFor, notFound, requireRole } from "~/auth/guards.server";
import { ROLE_LABELS } from "~/auth/roles";
import { Badge, StandingBadge, TagList } from "~/components/badge";
import { ActionForm } from "~/components/action-form";
import { ButtonLink } from "~/components/button";
import { DateTime, TextWithTimes } from "~/components/date-time";
import { NestedErrorBoundary } from "~/components/error-page";
import { Field, TextAreaField } from "~/components/field";
import { FlashMessage } from "~/components/flash-message";
import { InvitationLink } from "~/components/invitation-link";
import { pageTitle } from "~/components/meta";
import { DetailList, PageHeader, Panel } from "~/components/page-header";
import { PeopleTable } from "~/components/people-table";
import { Table } from "~/components/table";
import { getDb } from "~/db.server";
import { SCORE_COMPONENTS } from "~/domain/compliance-score";
import { startOfDayInZone } from "~/domain/partner-fields";
import { partnerExists } from "~/models/partner.server";
import { userTimeZone } from "~/models/user.server";
import { isUuid } from "~/security/ids";
import { answer, refuse } from "~/security/answer.server";
import { parseForm } from "~/security/form.server";
import { inviteeEmailSchema } from "~/domain/people-fields";
import { createInvitation, invitationLink } from "~/services/invitations.server";
import { partnerOverview } from "~/services/partners.server";
import { disableUser } from "~/services/people.server";
import { clearStandingOverride, forceStanding } from "~/services/standing.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data?.partner.name ?? "Partner");

async function partnerIdOf(param: string | undefined): Promise<string> {
  if (!isUuid(param) || !(await partnerExists(getDb(), param))) throw notFound("There is no partner at this address.");
  return param;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "channel_manager");
  const overview = await partnerOverview(getDb(), await partnerIdOf(params.partnerId));
  if (!overview) throw notFound("There is no partner at this address.");
  return overview;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const overrideFields = {
  reason: z
    .string({ error: "Give a reason." })
    .trim()
    .min(1, "Give a reason; the partner sees it.")
    .max(500, "Use at most 500 characters."),
  expires_on: z
    .string({ error: "Choose the day the override ends." })
    .trim()
    .regex(DATE, "Choose the day the override ends (YYYY-MM-DD)."),
};

export const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("withhold"), ...overrideFields }),
  z.object({ intent: z.literal("reinstate"), ...overrideFields }),
  z.object({ intent: z.literal("clear-override") }),
  z.object({ intent: z.literal("invite-admin"), email: inviteeEmailSchema }),
  z.object({ intent: z.literal("disable-user"), userId: z.string().refine(isUuid, "Choose a user of this partner.") }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await requireRole(request, "channel_manager");
  const partnerId = await partnerIdOf(params.partnerId);
  const form = await parseForm(request, actionSchema);
  if (!form.ok) return refuse(form, { intent: form.values.intent ?? null, invitation: null });
  const db = getDb();
  const actor = actorFor(auth);
  const here = `/manager/partners/${partnerId}`;
  const extra = { intent: form.data.intent as string | null, invitation: null };
  switch (form.data.intent) {
    case "withhold":
    case "reinstate": {
      const level = form.data.intent === "withhold" ? "withheld" : "good";
      const expiresAt = startOfDayInZone(form.data.expires_on, await userTimeZone(db, auth.user.id));
      const done = await forceStanding(db, { partnerId, level, reason: form.data.reason, expiresAt }, actor);
      if (!done.ok) return refuse(done, extra, done.message.includes("expire") ? "expires_on" : "reason");
      return redirectWithFlash(here, {
        kind: "success",
        message:
          level === "withheld"
            ? "The partner is withheld: no new offers until the override ends."
            : "The partner is reinstated until the override ends.",
      });
    }
    case "clear-override": {
      const done = await clearStandingOverride(db, partnerId, actor);
      if (!done.ok) return refuse(done, extra);
      return redirectWithFlash(here, {
        kind: "success",
        message: "The override has ended; the automatic rules apply again.",
      });
    }
    case "invite-admin": {
      const made = await createInvitation(db, { email: form.data.email, role: "partner_admin", partnerId }, actor);
      if (!made.ok) return refuse(made, extra, "email");
      return answer({
        ...extra,
        invitation: { email: form.data.email, link: invitationLink(made.token), expiresAt: made.expiresAt },
      });
    }
    case "disable-user": {
      const done = await disableUser(db, { userId: form.data.userId, scope: { partnerId } }, actor);
      if (!done.ok) return refuse(done, extra);
      return redirectWithFlash(here, {
        kind: "success",
        message:
          `${done.name} is disabled and signed out everywhere.` +
          (done.moved > 0
            ? ` ${done.moved} open lead${done.moved === 1 ? " is" : "s are"} back in the partner's shared inbox.`
            : ""),
      });
    }
  }
}

const pct = (v: number | null) => (v === null ? "—" : `${Math.round(v * 100)} %`);

export default function PartnerPage() {
  const { partner, standing, score, override, openLoad, team, invitations, breaches, history, overrides, at } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errorsFor = (intent: string) => (actionData?.intent === intent ? actionData.fieldErrors : {});
  const kindLabel = (kind: string) => SCORE_COMPONENTS.find((c) => c.kind === kind)?.label ?? kind;
  const paused = partner.paused_until && new Date(partner.paused_until).getTime() > new Date(at).getTime();
  return (
    <>
      <PageHeader
        eyebrow="Partners"
        title={partner.name}
        description={
          <span className="tag-list">
            <StandingBadge standing={standing.level as StandingLevel} />
            {!partner.active ? <Badge tone="neutral">Inactive</Badge> : null}
            {paused ? <Badge tone="warning">Paused</Badge> : null}
            {override ? (
              <Badge tone="info">
                Override until <DateTime at={override.expiresAt} />
              </Badge>
            ) : null}
          </span>
        }
        actions={
          <>
            <ButtonLink to="/manager/partners">All partners</ButtonLink>
            <ButtonLink to={`/manager/partners/${partner.id}/edit`} variant="primary">
              Edit partner
            </ButtonLink>
          </>
        }
      />
      {actionData?.formError ? <FlashMessage kind="error">{actionData.formError}</FlashMessage> : null}
      {actionData?.invitation ? <InvitationLink invitation={actionData.invitation} /> : null}

      <Panel title="Settings">
        <DetailList
          items={[
            { label: "Territories", value: <TagList items={partner.territories} empty="None" /> },
            {
              label: "Verticals",
              value: <TagList items={partner.verticals} empty="None: only leads without a vertical" />,
            },
            { label: "Open leads", value: `${openLoad} of ${partner.capacity} (capacity)` },
            {
              label: "Paused until",
              value: paused ? <DateTime at={partner.paused_until} timeZone={partner.time_zone} /> : "Not paused",
            },
            { label: "Time zone", value: partner.time_zone },
            { label: "Channel contact", value: partner.contact_email },
            {
              label: "Standing",
              value: (
                <>
                  <TextWithTimes text={standing.reason} />
                  {standing.since ? (
                    <>
                      {" "}
                      — since <DateTime at={standing.since} />
                    </>
                  ) : null}
                </>
              ),
            },
          ]}
        />
      </Panel>

      <Panel
        title={
          <>
            Scorecard: {score.score}
            {score.provisional ? (
              <>
                {" "}
                <Badge tone="neutral">Provisional</Badge>
              </>
            ) : null}
          </>
        }
      >
        <p className="muted">
          The last {score.windowDays} days, {score.counted} obligation{score.counted === 1 ? "" : "s"} counted.
          {score.provisional ? " Fewer than 5 counted: the score is provisional and does not change the standing." : ""}
          {score.reweighting ? ` ${score.reweighting}` : ""}
        </p>
        <Table
          caption="Score components"
          rows={score.components}
          rowKey={(c) => c.kind}
          columns={[
            { header: "Component", cell: (c) => c.label },
            { header: "On time", kind: "number", cell: (c) => c.onTime },
            { header: "Late", kind: "number", cell: (c) => c.late },
            { header: "Missed", kind: "number", cell: (c) => c.missed },
            { header: "Excused", kind: "number", cell: (c) => c.excused },
            { header: "Rate", kind: "number", cell: (c) => pct(c.value) },
            {
              header: "Weight",
              kind: "number",
              cell: (c) =>
                c.effectiveWeight === c.weight ? `${c.weight}` : `${c.weight} → ${Math.round(c.effectiveWeight)}`,
            },
            { header: "Points", kind: "number", cell: (c) => c.points.toFixed(1) },
          ]}
        />
      </Panel>

      <Panel title="Override the standing">
        {override ? (
          <ActionForm intent="clear-override" submit="End the override now" variant="secondary" busy={busy}>
            <p>
              Forced to <strong>{override.level === "withheld" ? "withheld" : "good standing"}</strong> until{" "}
              <DateTime at={override.expiresAt} />: “{override.reason}”
            </p>
          </ActionForm>
        ) : null}
        {/* Keyed by the record of overrides: after one is made, both forms start empty again. */}
        <div className="grid-2" key={overrides.length}>
          <OverrideForm
            intent="withhold"
            title="Force a withhold"
            button="Withhold partner"
            variant="danger"
            errors={errorsFor("withhold")}
            busy={busy}
          />
          <OverrideForm
            intent="reinstate"
            title="Reinstate"
            button="Reinstate partner"
            variant="secondary"
            errors={errorsFor("reinstate")}
            busy={busy}
          />
        </div>
      </Panel>

      <Panel title="People">
        <PeopleTable
          caption="People of this partner"
          people={team}
          disableIntent="disable-user"
          busy={busy}
          showRole
          empty={{ title: "Nobody yet", text: "Invite the partner's admin: they invite their reps." }}
        />
        {invitations.length ? (
          <p className="muted">
            Invited, not yet accepted: {invitations.map((i) => `${i.email} (${ROLE_LABELS[i.role]})`).join(", ")}.
          </p>
        ) : null}
        <ActionForm
          key={invitations.length}
          intent="invite-admin"
          title="Invite the partner's admin"
          submit="Create invitation"
          busy={busy}
        >
          <Field
            label="Admin's email"
            name="email"
            type="email"
            autoComplete="off"
            error={errorsFor("invite-admin").email}
            hint="You get a link to send them; it works once and expires in 7 days. The admin then invites the reps."
          />
        </ActionForm>
      </Panel>

      <Panel title="Breaches">
        <Table
          caption="Missed obligations, newest first"
          rows={breaches}
          rowKey={(b) => b.id}
          empty={{ title: "No breaches", text: "Every obligation so far was met or is still open." }}
          columns={[
            { header: "Obligation", cell: (b) => kindLabel(b.kind) },
            { header: "Lead", cell: (b) => <Link to={`/manager/leads/${b.lead_id}`}>{b.company_name}</Link> },
            { header: "Due", kind: "nowrap", cell: (b) => <DateTime at={b.due_at} /> },
            { header: "Marked missed", kind: "nowrap", cell: (b) => <DateTime at={b.missed_at} /> },
          ]}
        />
      </Panel>

      <Panel title="Standing history">
        <Table
          caption="Standing changes, newest first"
          rows={history}
          rowKey={(h) => String(h.id)}
          empty={{ title: "No changes yet", text: "The partner has been in good standing since it was added." }}
          columns={[
            { header: "When", kind: "nowrap", cell: (h) => <DateTime at={h.at} /> },
            {
              header: "Change",
              kind: "nowrap",
              cell: (h) => (
                <>
                  {h.from_level ?? "new"} → {h.to_level}
                </>
              ),
            },
            { header: "Why", cell: (h) => <TextWithTimes text={h.reason} /> },
            { header: "By", cell: (h) => h.actor_label },
          ]}
        />
      </Panel>

      <Panel title="Overrides">
        <Table
          caption="Forced withholds and reinstatements, newest first"
          rows={overrides}
          rowKey={(o) => String(o.id)}
          empty={{ title: "No overrides", text: "No channel manager has overridden this partner's standing." }}
          columns={[
            { header: "When", kind: "nowrap", cell: (o) => <DateTime at={o.at} /> },
            {
              header: "What",
              cell: (o) =>
                ({
                  "standing.forced_withheld": "Forced withhold",
                  "standing.forced_good": "Reinstated",
                  "standing.override_cleared": "Override ended",
                })[o.action] ?? o.action,
            },
            { header: "Reason", cell: (o) => o.reason ?? "—" },
            { header: "Until", kind: "nowrap", cell: (o) => <DateTime at={o.expiresAt} fallback="—" /> },
            { header: "By", cell: (o) => o.actorLabel },
          ]}
        />
      </Panel>
    </>
  );
}

function OverrideForm({
  intent,
  title,
  button,
  variant,
  errors,
  busy,
}: {
  intent: string;
  title: string;
  button: string;
  variant: "danger" | "secondary";
  errors: Record<string, string[] | undefined>;
  busy: boolean;
}) {
  return (
    <ActionForm intent={intent} title={title} submit={button} variant={variant} busy={busy}>
      <TextAreaField label="Reason (the partner sees it)" name="reason" rows={2} required error={errors.reason} />
      <Field
        label="Ends on"
        name="expires_on"
        type="date"
        required
        error={errors.expires_on}
        hint="At the start of this day, in your time zone."
      />
    </ActionForm>
  );
}

export const ErrorBoundary = NestedErrorBoundary;
