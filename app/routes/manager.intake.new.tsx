import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useMemo, useState, type FormEvent } from "react";
import { z } from "zod";
import { getDb } from "~/db.server";
import { redirectWithFlash } from "~/auth/flash.server";
import { actorFor, requireRole } from "~/auth/guards.server";
import { Badge } from "~/components/badge";
import { Button, ButtonLink } from "~/components/button";
import { NestedErrorBoundary } from "~/components/error-page";
import { Field, SelectField, TextAreaField } from "~/components/field";
import { FlashMessage } from "~/components/flash-message";
import { pageTitle } from "~/components/meta";
import { PageHeader, Panel } from "~/components/page-header";
import {
  LEAD_FIELD_LABELS as L,
  TIMELINE_CHOICES,
  leadFieldsSchema,
  scoringFacts,
  validFieldsOf,
} from "~/domain/intake-fields";
import { scoreLead, type LeadScore, type ScoringConfig } from "~/domain/lead-scoring";
import { activeCampaignChoices } from "~/models/campaign.server";
import { answer, refuse } from "~/security/answer.server";
import { parseForm } from "~/security/form.server";
import { intakeFromForm } from "~/services/intake-lead.server";
import { loadIntakeRules } from "~/services/intake-rules.server";
import { CampaignField } from "~/components/campaign-field";

export const meta: MetaFunction = () => pageTitle("Add a lead");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "channel_manager");
  const db = getDb();
  const [rules, campaigns] = await Promise.all([loadIntakeRules(db), activeCampaignChoices(db)]);
  const scoring: ScoringConfig = { threshold: rules.scoring.threshold, rules: rules.scoring.rules };
  return { verticals: rules.verticals, campaigns, scoring };
}

// The lead's own fields are checked by the intake rules (the same for form, file and API).
export const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create") }).catchall(z.string()),
  z.object({ intent: z.literal("preview") }).catchall(z.string()),
]);

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requireRole(request, "channel_manager");
  const form = await parseForm(request, actionSchema);
  if (!form.ok) return refuse(form, { values: form.values, preview: null });
  const { intent, ...values } = form.data;
  const db = getDb();
  if (intent === "preview") {
    const rules = await loadIntakeRules(db);
    const preview = rules.score(validFieldsOf(rules.schema, values));
    return answer({ values, preview });
  }
  const result = await intakeFromForm(db, values, actorFor(auth));
  if (!result.ok) return refuse(result, { values, preview: null });
  const { lead } = result;
  const what = lead.kind === "lead" ? "qualified and handed to routing" : "an inquiry, kept in the nurture pool";
  const duplicate = lead.duplicateOf ? " It is flagged as a possible duplicate of an earlier lead." : "";
  return redirectWithFlash("/manager/intake/new", {
    kind: "success",
    message: `Lead for ${values.contact_name?.trim()} saved: score ${lead.score}, ${what}.${duplicate}`,
  });
}

export default function NewLead() {
  const { verticals, campaigns, scoring } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors = actionData?.fieldErrors ?? {};
  const values = actionData?.values ?? {};
  const schema = useMemo(() => leadFieldsSchema(verticals), [verticals]);
  // With JavaScript the score follows every keystroke; without it, "Preview score" asks the server.
  const [live, setLive] = useState<LeadScore | null>(null);
  const onChange = (e: FormEvent<HTMLFormElement>) => {
    const input = Object.fromEntries(new FormData(e.currentTarget));
    setLive(scoreLead(scoringFacts(validFieldsOf(schema, input)), scoring));
  };
  const preview = live ?? actionData?.preview ?? null;

  return (
    <>
      <PageHeader
        eyebrow="Intake"
        title="Add a lead"
        description="Required: contact name, company and territory. The more you know, the better the score and the routing."
        actions={<ButtonLink to="/manager/intake">Back to intake</ButtonLink>}
      />
      {actionData?.formError ? <FlashMessage kind="error">{actionData.formError}</FlashMessage> : null}
      <div className="grid-2">
        <Panel title="Lead">
          <Form method="post" className="form" noValidate onChange={onChange} key={JSON.stringify(values)}>
            <Field
              label={L.contact_name}
              name="contact_name"
              required
              autoComplete="off"
              defaultValue={values.contact_name}
              error={errors.contact_name}
            />
            <Field
              label={L.contact_email}
              name="contact_email"
              type="email"
              autoComplete="off"
              defaultValue={values.contact_email}
              error={errors.contact_email}
            />
            <Field
              label={L.contact_phone}
              name="contact_phone"
              type="tel"
              autoComplete="off"
              defaultValue={values.contact_phone}
              error={errors.contact_phone}
            />
            <Field
              label={L.contact_title}
              name="contact_title"
              defaultValue={values.contact_title}
              error={errors.contact_title}
            />
            <Field
              label={L.company_name}
              name="company_name"
              required
              defaultValue={values.company_name}
              error={errors.company_name}
            />
            <Field
              label={L.company_size}
              name="company_size"
              inputMode="numeric"
              defaultValue={values.company_size}
              error={errors.company_size}
            />
            <Field
              label={L.territory}
              name="territory"
              required
              hint="Country or subdivision code: US, US-CA, DE, GB."
              defaultValue={values.territory}
              error={errors.territory}
            />
            <SelectField
              label={L.vertical}
              name="vertical"
              placeholder="— not known —"
              options={verticals.map((v) => ({ value: v.code, label: v.label }))}
              defaultValue={values.vertical}
              error={errors.vertical}
            />
            <TextAreaField
              label={L.interest}
              name="interest"
              rows={3}
              defaultValue={values.interest}
              error={errors.interest}
            />
            <SelectField
              label={L.timeline}
              name="timeline"
              placeholder="— not stated —"
              options={TIMELINE_CHOICES.map((t) => ({ value: t, label: t }))}
              defaultValue={values.timeline}
              error={errors.timeline}
            />
            <Field
              label={L.engagement}
              name="engagement"
              inputMode="numeric"
              hint="Opens, clicks, visits and sign-ups from campaigns."
              defaultValue={values.engagement}
              error={errors.engagement}
            />
            <CampaignField campaigns={campaigns} defaultValue={values.campaign_id} error={errors.campaign_id} />
            <div className="form-actions">
              <Button type="submit" name="intent" value="create" disabled={busy}>
                {busy ? "Saving…" : "Save lead"}
              </Button>
              <Button type="submit" name="intent" value="preview" variant="secondary" disabled={busy}>
                Preview score
              </Button>
            </div>
          </Form>
        </Panel>
        <Panel title="Score preview">
          <ScorePreview score={preview} threshold={scoring.threshold} />
        </Panel>
      </div>
    </>
  );
}

const CRITERIA: Record<string, string> = {
  title: "Title or role",
  company_size: "Company size",
  vertical: "Vertical",
  geography: "Territory",
  engagement: "Engagement",
  interest: "Stated interest",
  timeline: "Timeline",
};

function ScorePreview({ score, threshold }: { score: LeadScore | null; threshold: number }) {
  if (!score)
    return (
      <p className="muted">Fill in the lead to see its score. Leads at {threshold} points or more go to routing.</p>
    );
  const matched = score.breakdown.filter((b) => b.matched);
  return (
    <div className="stack" aria-live="polite">
      <p>
        <strong>{score.score} points</strong> (threshold {threshold}):{" "}
        {score.kind === "lead" ? <Badge tone="success">Qualified lead</Badge> : <Badge tone="neutral">Inquiry</Badge>}
      </p>
      <p className="muted">
        {score.kind === "lead"
          ? "It will be handed to routing as soon as it is saved."
          : "It will be kept in the nurture pool and not distributed."}
      </p>
      {matched.length > 0 ? (
        <ul>
          {matched.map((b) => (
            <li key={b.ruleId}>
              {CRITERIA[b.criterion] ?? b.criterion}: +{b.points}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No scoring rule matches yet.</p>
      )}
    </div>
  );
}

export const ErrorBoundary = NestedErrorBoundary;
