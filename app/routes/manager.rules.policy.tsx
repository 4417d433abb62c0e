/** /manager/rules/policy: the deadlines, reminder and score edited into a new version of the rules. */
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
import { getDb } from "~/db.server";
import {
  DURATION_FIELDS,
  WEIGHT_FIELDS,
  policyFormSchema,
  policyFormValues,
  policyFromForm,
} from "~/domain/policy-form";
import { policyInForce } from "~/models/policy.server";
import { refuse } from "~/security/answer.server";
import { parseForm } from "~/security/form.server";
import { editPolicy } from "~/services/policy.server";

export const meta: MetaFunction = () => pageTitle("Edit the rules");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "channel_manager");
  const policy = await policyInForce(getDb());
  return { version: policy.version, values: policyFormValues(policy) };
}

export const actionSchema = policyFormSchema.safeExtend({ intent: z.literal("save") });

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requireRole(request, "channel_manager");
  const form = await parseForm(request, actionSchema);
  if (!form.ok) return refuse(form, { values: form.values });
  const saved = await editPolicy(getDb(), { rules: policyFromForm(form.data), note: form.data.note }, actorFor(auth));
  if (!saved.ok) return refuse(saved, { values: form.values });
  return redirectWithFlash("/manager/rules", {
    kind: "success",
    message: `Version ${saved.version} of the rules is in force. Offers made from now on follow it; earlier offers keep their deadlines.`,
  });
}

export default function EditPolicy() {
  const { version, values: current } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const values: Record<string, string | undefined> = { ...current, ...actionData?.values };
  const errors = actionData?.fieldErrors ?? {};
  const field = (name: string, label: string, hint?: string) => (
    <Field
      key={name}
      label={label}
      name={name}
      inputMode="decimal"
      required
      defaultValue={values[name]}
      error={errors[name]}
      hint={hint}
    />
  );
  return (
    <>
      <PageHeader
        eyebrow="Rules"
        title="Edit the rules"
        description={`Saving makes version ${version + 1}. Offers already made keep the deadlines of the version they were made under; the score and standing of every partner follow the new version at once.`}
        actions={<ButtonLink to="/manager/rules">Back to the rules</ButtonLink>}
      />
      {actionData?.formError ? <FlashMessage kind="error">{actionData.formError}</FlashMessage> : null}
      <Panel narrow>
        <Form method="post" className="form" noValidate key={JSON.stringify(values)}>
          <input type="hidden" name="intent" value="save" />
          <fieldset className="form-group">
            <legend>Deadlines on every lead</legend>
            {DURATION_FIELDS.slice(0, 4).map((f) => field(f.name, f.label, f.hint))}
          </fieldset>
          <fieldset className="form-group">
            <legend>“No response” as a loss reason</legend>
            {field("no_response_touches", "Touches before “no response”", "Logged calls, emails or meetings.")}
            {field(DURATION_FIELDS[4].name, DURATION_FIELDS[4].label, DURATION_FIELDS[4].hint)}
          </fieldset>
          <fieldset className="form-group">
            <legend>Reminders and the score</legend>
            {field(
              "reminder_percent",
              "Reminder at (% of a deadline's time passed)",
              "75 sends the reminder when three quarters of the time is gone.",
            )}
            {field(
              "score_window_days",
              "Score window in days",
              "The score reads the deadlines of this many days back.",
            )}
            <div className="grid-2">{WEIGHT_FIELDS.map((f) => field(f.name, f.label))}</div>
            <p className="field-hint">
              Weights are whole numbers; they need not add up to 100. A kind with nothing due shares its weight among
              the others.
            </p>
          </fieldset>
          <TextAreaField
            label="Why the rules change"
            name="note"
            required
            rows={3}
            defaultValue={values.note}
            error={errors.note}
            hint="Partners read it with the new version."
          />
          <div className="form-actions">
            <Button type="submit" disabled={busy}>
              Save as new version
            </Button>
            <ButtonLink to="/manager/rules">Cancel</ButtonLink>
          </div>
        </Form>
      </Panel>
    </>
  );
}

export const ErrorBoundary = NestedErrorBoundary;
