/** /manager/rules/scoring: the scoring rules and threshold, previewed on today's records, saved as a new version. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { redirectWithFlash } from "~/auth/flash.server";
import { actorFor, requireRole } from "~/auth/guards.server";
import { Button, ButtonLink } from "~/components/button";
import { NestedErrorBoundary } from "~/components/error-page";
import { Field, TextAreaField } from "~/components/field";
import { FlashMessage } from "~/components/flash-message";
import { pageTitle } from "~/components/meta";
import { PageHeader, Panel } from "~/components/page-header";
import { ScoringRuleRow } from "~/components/scoring-rule-row";
import { VersionHistory, withChanges } from "~/components/version-history";
import { getDb } from "~/db.server";
import {
  scoringChanges,
  scoringConfigFromForm,
  scoringFormRows,
  scoringFormSchema,
  scoringFormValues,
} from "~/domain/scoring-form";
import { scoringVersions } from "~/models/rule-versions.server";
import { answer, refuse } from "~/security/answer.server";
import { parseForm } from "~/security/form.server";
import { previewScoring, saveScoringVersion, type ScoringPreview } from "~/services/scoring-rules.server";

export const meta: MetaFunction = () => pageTitle("Lead scoring");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "channel_manager");
  const versions = withChanges(await scoringVersions(getDb()), (a, b) => scoringChanges(a.config, b.config));
  const current = versions.find((v) => v.inForce) ?? versions[0];
  return { version: current.version, values: scoringFormValues(current.config), versions };
}

export const actionSchema = scoringFormSchema({
  intent: z.enum(["preview", "save"]),
  note: z.string().trim().max(500, "Use at most 500 characters.").prefault(""),
});

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requireRole(request, "channel_manager");
  const form = await parseForm(request, actionSchema);
  const preview: ScoringPreview | null = null;
  if (!form.ok) return refuse(form, { values: form.values, preview });
  const config = scoringConfigFromForm(form.data);
  const db = getDb();
  if (form.data.intent === "preview") {
    const previewed = await previewScoring(db, config);
    if (!previewed.ok) return refuse(previewed, { values: form.values, preview });
    return answer({ values: form.values, preview: previewed.preview });
  }
  const saved = await saveScoringVersion(db, { config, note: form.data.note }, actorFor(auth));
  if (!saved.ok) return refuse(saved, { values: form.values, preview });
  return redirectWithFlash("/manager/rules/scoring", {
    kind: "success",
    message: `Scoring version ${saved.version} is in force: it scores every record that comes in from now on.`,
  });
}

export default function Scoring() {
  const { version, values: current, versions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const values: Record<string, string | undefined> = actionData?.values ?? current;
  const errors = actionData?.fieldErrors ?? {};
  const rows = scoringFormRows(actionData?.values ?? current);
  const preview = actionData?.preview;
  return (
    <>
      <PageHeader
        eyebrow="Rules"
        title="Lead scoring"
        description="Points for fit and interest, never for budget, authority or readiness to buy. A record that reaches the threshold is a lead and goes to routing; below it, an inquiry kept in the nurture pool."
        actions={<ButtonLink to="/manager/rules">Back to the rules</ButtonLink>}
      />
      {actionData?.formError ? <FlashMessage kind="error">{actionData.formError}</FlashMessage> : null}
      <Panel title={`Edit version ${version} into version ${version + 1}`}>
        <Form method="post" className="form" noValidate key={JSON.stringify(values)}>
          <Field
            label="Threshold (points a lead needs)"
            name="threshold"
            inputMode="numeric"
            required
            defaultValue={values.threshold}
            error={errors.threshold}
            className="field-short"
          />
          <p className="field-hint">
            Each rule gives its points when it matches. Job title and stated interest match words at the start of a
            word; vertical and timeline the exact value; territory a code and its regions (US covers US-CA). Words and
            codes are separated by commas; stated interest with none matches any interest. Company size and engagement
            match the numbers from and to (either may be empty).
          </p>
          {Array.from({ length: rows }, (_, i) => (
            <ScoringRuleRow key={i} index={i} values={values} errors={errors} last={i === rows - 1} />
          ))}
          {preview ? <PreviewResult preview={preview} /> : null}
          <TextAreaField
            label="Why the scoring changes"
            name="note"
            rows={2}
            defaultValue={values.note}
            error={errors.note}
            hint="Needed to save; kept in the history below."
          />
          <div className="form-actions">
            <Button type="submit" name="intent" value="preview" variant="secondary" disabled={busy}>
              Preview
            </Button>
            <Button type="submit" name="intent" value="save" disabled={busy}>
              Save as new version
            </Button>
          </div>
          <p className="field-hint">
            Saving rescores nothing: every record keeps the score and kind it came in with, and the new version scores
            what comes in from then on. Promote an inquiry from its lead page.
          </p>
        </Form>
      </Panel>
      <Panel title="Version history">
        <VersionHistory label="Versions of the scoring" versions={versions} />
      </Panel>
    </>
  );
}

function PreviewResult({ preview }: { preview: ScoringPreview }) {
  const records = (n: number, one: string, many: string) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
  return (
    <div className="alert alert-info" role="status">
      <div>
        <p>
          <strong>
            {records(preview.leadsToInquiries, "current lead", "current leads")} would become{" "}
            {preview.leadsToInquiries === 1 ? "an inquiry" : "inquiries"},{" "}
            {records(preview.inquiriesToLeads, "inquiry", "inquiries")} would become{" "}
            {preview.inquiriesToLeads === 1 ? "a lead" : "leads"}.
          </strong>
        </p>
        <p>
          Judged on the {records(preview.open, "open record", "open records")} (not won, lost, disqualified or merged)
          by the rules in force and by these. Nothing is saved yet.
        </p>
      </div>
    </div>
  );
}

export const ErrorBoundary = NestedErrorBoundary;
