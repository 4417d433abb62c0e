/**
 * /partner/team (partner admins; reps get 403 for the page and every intent): the company's
 * people with the open leads each holds; invite a rep, move a member's open leads, disable a rep
 * (with its leads handed over in the same step), and the company's capacity, pause and time zone.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { redirectWithFlash } from "~/auth/flash.server";
import { actorFor, requirePartnerScope } from "~/auth/guards.server";
import { ROLE_LABELS } from "~/auth/roles";
import { Badge } from "~/components/badge";
import { Button } from "~/components/button";
import { DateTime } from "~/components/date-time";
import { NestedErrorBoundary } from "~/components/error-page";
import { Field, SelectField, TextAreaField } from "~/components/field";
import { FlashMessage, FormError } from "~/components/flash-message";
import { InvitationForm, InvitationLink } from "~/components/invitation-link";
import { pageTitle } from "~/components/meta";
import { PageHeader, Panel } from "~/components/page-header";
import { TimeZoneField } from "~/components/time-zone-field";
import { getDb } from "~/db.server";
import { companySettingsSchema, isPaused } from "~/domain/company-settings";
import { dayInZone } from "~/domain/partner-fields";
import { inviteeEmailSchema } from "~/domain/people-fields";
import { timeZones } from "~/domain/time-zones";
import { answer, refuse, type FormAnswer } from "~/security/answer.server";
import { isUuid } from "~/security/ids";
import { parseForm } from "~/security/form.server";
import { invitationLink } from "~/services/invitations.server";
import {
  disableRep,
  inviteRep,
  reassignOpenLeads,
  saveCompanySettings,
  teamOverview,
  type HandTo,
} from "~/services/partner-team.server";

export const meta: MetaFunction = () => pageTitle("Team");

const HERE = "/partner/team";

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requirePartnerScope(request, "partner_admin");
  const overview = await teamOverview(getDb(), actorFor(auth));
  if (!overview.ok) throw refuse(overview, {});
  const { at, team, invitations, settings } = overview;
  const paused = isPaused(settings.paused_until, at);
  return {
    me: auth.user.id,
    team,
    invitations,
    timeZones: timeZones(),
    settings: {
      capacity: settings.capacity,
      timeZone: settings.time_zone,
      pausedUntil: paused ? settings.paused_until : null,
      pauseNote: paused ? settings.pause_note : null,
    },
    values: {
      capacity: String(settings.capacity),
      time_zone: settings.time_zone,
      paused_until: paused && settings.paused_until ? dayInZone(settings.paused_until, settings.time_zone) : "",
      pause_note: (paused && settings.pause_note) || "",
    },
  };
}

const memberId = z.uuid("Choose a member of your team.");
/** "nobody": back to the shared inbox (every rep sees it); otherwise a member's id. */
const isHandTo = (v: string) => v === "nobody" || isUuid(v);
const CHOOSE_HAND_TO = "Choose who takes the leads.";
export const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("invite"), email: inviteeEmailSchema }),
  z.object({
    intent: z.literal("reassign"),
    userId: memberId,
    handTo: z.string().prefault("").refine(isHandTo, CHOOSE_HAND_TO),
  }),
  z.object({
    intent: z.literal("disable"),
    userId: memberId,
    handTo: z
      .string()
      .prefault("")
      .refine((v) => v === "" || isHandTo(v), CHOOSE_HAND_TO),
  }),
  companySettingsSchema.extend({ intent: z.literal("save-settings") }),
]);

const handToOf = (value: string): HandTo | null =>
  value === "" ? null : value === "nobody" ? "nobody" : { userId: value };
const leadCount = (n: number) => `${n} open lead${n === 1 ? "" : "s"}`;

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requirePartnerScope(request, "partner_admin");
  const form = await parseForm(request, actionSchema);
  const extra = { intent: form.values.intent ?? null, userId: form.values.userId ?? null, invitation: null };
  if (!form.ok) return refuse(form, extra);
  const db = getDb();
  const actor = actorFor(auth);
  const input = form.data;
  switch (input.intent) {
    case "invite": {
      const made = await inviteRep(db, input.email, actor);
      if (!made.ok) return refuse(made, extra, "email");
      return answer({
        ...extra,
        invitation: { email: input.email, link: invitationLink(made.token), expiresAt: made.expiresAt },
      });
    }
    case "reassign": {
      const done = await reassignOpenLeads(db, { fromUserId: input.userId, to: handToOf(input.handTo)! }, actor);
      if (!done.ok) return refuse(done, extra, "handTo");
      return redirectWithFlash(HERE, {
        kind: "success",
        message: `${leadCount(done.moved)} of ${done.fromName} moved to ${done.toName}.`,
      });
    }
    case "disable": {
      const done = await disableRep(db, { userId: input.userId, handTo: handToOf(input.handTo) }, actor);
      if (!done.ok) return refuse(done, extra, "handTo");
      const handed = done.moved ? ` Their ${leadCount(done.moved)} went to ${done.toName}.` : "";
      return redirectWithFlash(HERE, {
        kind: "success",
        message: `${done.name} is disabled and signed out everywhere.${handed}`,
      });
    }
    case "save-settings": {
      const { intent: _intent, ...settings } = input;
      const done = await saveCompanySettings(db, settings, actor);
      if (!done.ok) return refuse(done, extra);
      return redirectWithFlash(HERE, { kind: "success", message: "Company settings saved." });
    }
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Member = LoaderData["team"][number];
type ActionData = FormAnswer & { intent: string | null; userId: string | null };

export default function Team() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const answerFor = (intent: string, userId: string | null = null) =>
    actionData?.intent === intent && actionData.userId === userId ? actionData : undefined;
  const active = data.team.filter((m) => !m.disabled);
  return (
    <>
      <PageHeader
        title="Team"
        description="Your company's people and the leads each one holds, and what the channel team's router needs to know: how many leads you can work at once, and when you are away."
      />
      {actionData?.invitation ? <InvitationLink invitation={actionData.invitation} /> : null}
      <Panel title="People">
        <ul className="card-list" aria-label="Team members">
          {data.team.map((m) => (
            <MemberCard
              key={m.id}
              member={m}
              me={data.me}
              others={active.filter((o) => o.id !== m.id)}
              busy={busy}
              reassignAnswer={answerFor("reassign", m.id)}
              disableAnswer={answerFor("disable", m.id)}
            />
          ))}
        </ul>
      </Panel>
      <InvitePanel invitations={data.invitations} answer={answerFor("invite")} busy={busy} />
      <SettingsPanel data={data} answer={answerFor("save-settings")} busy={busy} />
    </>
  );
}

/** Who may take a member's leads: the other active members, or nobody (the shared inbox). */
function handToOptions(others: Member[]) {
  return [
    ...others.map((o) => ({ value: o.id, label: `${o.name} (${ROLE_LABELS[o.role]})` })),
    { value: "nobody", label: "Nobody yet: back to the shared inbox" },
  ];
}

function MemberCard({
  member: m,
  me,
  others,
  busy,
  reassignAnswer,
  disableAnswer,
}: {
  member: Member;
  me: string;
  others: Member[];
  busy: boolean;
  reassignAnswer?: ActionData;
  disableAnswer?: ActionData;
}) {
  const headingId = `member-${m.id}`;
  const canDisable = m.role === "partner_rep" && !m.disabled;
  return (
    <li className="card" aria-labelledby={headingId}>
      <div className="card-head">
        <h3 className="card-title" id={headingId}>
          {m.name}
        </h3>
        {m.id === me ? <Badge tone="info">You</Badge> : null}
        <Badge tone="neutral">{ROLE_LABELS[m.role]}</Badge>
        {m.disabled ? <Badge tone="danger">Disabled</Badge> : <Badge tone="success">Active</Badge>}
      </div>
      <p className="muted member-contact">
        {m.email} · {leadCount(m.openLeads)}
      </p>
      <FormError answer={reassignAnswer ?? disableAnswer} />
      {m.openLeads > 0 || canDisable ? (
        <div className="card-actions">
          {m.openLeads > 0 ? (
            <details className="disclosure" open={Boolean(reassignAnswer)}>
              <summary>Move open leads…</summary>
              <Form method="post" className="form" noValidate>
                <input type="hidden" name="userId" value={m.id} />
                <SelectField
                  label={`Move ${m.name}'s ${leadCount(m.openLeads)} to`}
                  name="handTo"
                  options={handToOptions(others)}
                  placeholder="Choose who takes them"
                  error={reassignAnswer?.fieldErrors.handTo}
                />
                <Button type="submit" name="intent" value="reassign" variant="secondary" disabled={busy}>
                  Move leads
                </Button>
              </Form>
            </details>
          ) : null}
          {canDisable ? (
            <details className="disclosure" open={Boolean(disableAnswer)}>
              <summary>Disable…</summary>
              <Form method="post" className="form" noValidate>
                <input type="hidden" name="userId" value={m.id} />
                <p className="muted">They are signed out at once and can no longer sign in.</p>
                {m.openLeads > 0 ? (
                  <SelectField
                    label={`Who takes ${m.name}'s ${leadCount(m.openLeads)}`}
                    name="handTo"
                    options={handToOptions(others)}
                    placeholder="Choose who takes them"
                    error={disableAnswer?.fieldErrors.handTo}
                  />
                ) : null}
                <Button type="submit" name="intent" value="disable" variant="danger" disabled={busy}>
                  Disable {m.name}
                </Button>
              </Form>
            </details>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

function InvitePanel({
  invitations,
  answer,
  busy,
}: {
  invitations: LoaderData["invitations"];
  answer?: ActionData;
  busy: boolean;
}) {
  return (
    <Panel title="Invite a rep" narrow>
      {invitations.length ? (
        <ul className="stack-tight" aria-label="Invitations not yet used">
          {invitations.map((i) => (
            <li key={i.id} className="muted member-contact">
              {i.email} ({ROLE_LABELS[i.role]}): invited by {i.invitedByLabel}, expires <DateTime at={i.expiresAt} />
            </li>
          ))}
        </ul>
      ) : null}
      <FormError answer={answer} />
      <InvitationForm label="Rep's email" error={answer?.fieldErrors.email} busy={busy} />
    </Panel>
  );
}

function SettingsPanel({ data, answer, busy }: { data: LoaderData; answer?: ActionData; busy: boolean }) {
  const { settings } = data;
  const errors = answer?.fieldErrors ?? {};
  return (
    <Panel title="Company settings" narrow>
      {settings.pausedUntil ? (
        <FlashMessage kind="info">
          Paused: no new offers until <DateTime at={settings.pausedUntil} timeZone={settings.timeZone} />.
          {settings.pauseNote ? ` Note: ${settings.pauseNote}` : null}
        </FlashMessage>
      ) : (
        <p className="muted">
          Taking leads: up to {settings.capacity} open at once (offers waiting plus accepted leads without an outcome).
        </p>
      )}
      <FormError answer={answer} />
      <Form method="post" className="form" noValidate key={JSON.stringify(data.values)}>
        <input type="hidden" name="intent" value="save-settings" />
        <Field
          label="Capacity (open leads)"
          name="capacity"
          inputMode="numeric"
          defaultValue={data.values.capacity}
          error={errors.capacity}
          hint="The router offers you no more leads while you hold this many."
        />
        <Field
          label="Paused until"
          name="paused_until"
          type="date"
          defaultValue={data.values.paused_until}
          error={errors.paused_until}
          hint="Away (a vacation)? No new offers before this day starts in your company's time zone. Empty: taking leads."
        />
        <TextAreaField
          label="Pause note (optional)"
          name="pause_note"
          rows={2}
          defaultValue={data.values.pause_note}
          error={errors.pause_note}
          hint="For the channel team, e.g. who to call meanwhile."
        />
        <TimeZoneField
          label="Company time zone"
          value={data.values.time_zone}
          error={errors.time_zone}
          timeZones={data.timeZones}
        />
        <div className="form-actions">
          <Button type="submit" disabled={busy}>
            Save settings
          </Button>
        </div>
      </Form>
    </Panel>
  );
}

export const ErrorBoundary = NestedErrorBoundary;
