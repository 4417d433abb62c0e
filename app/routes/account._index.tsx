/** /account: every user's profile: name and time zone, and the way to the password change. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { redirectWithFlash } from "~/auth/flash.server";
import { actorFor, requireUser } from "~/auth/guards.server";
import { workspaceFor } from "~/auth/workspace.server";
import { Button, ButtonLink } from "~/components/button";
import { DateTime } from "~/components/date-time";
import { RouteErrorBoundary } from "~/components/error-page";
import { NameField } from "~/components/account-fields";
import { FlashMessage } from "~/components/flash-message";
import { pageTitle } from "~/components/meta";
import { DetailList, PageHeader, Panel } from "~/components/page-header";
import { TimeZoneField } from "~/components/time-zone-field";
import { WorkspaceShell } from "~/components/workspace-shell";
import { now } from "~/clock.server";
import { getDb } from "~/db.server";
import { timeZones } from "~/domain/time-zones";
import { refuse } from "~/security/answer.server";
import { parseForm } from "~/security/form.server";
import { profileSchema } from "~/domain/people-fields";
import { saveProfile } from "~/services/people.server";

export const meta: MetaFunction = () => pageTitle("Your account");

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireUser(request);
  return { workspace: await workspaceFor(getDb(), auth), timeZones: timeZones(), now: now() };
}

export const actionSchema = profileSchema.safeExtend({ intent: z.literal("save-profile") });

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requireUser(request);
  const form = await parseForm(request, actionSchema);
  if (!form.ok) return refuse(form, { values: form.values });
  const saved = await saveProfile(getDb(), auth.user.id, form.data, actorFor(auth));
  if (!saved.ok) return refuse(saved, { values: form.values });
  return redirectWithFlash("/account", {
    kind: "success",
    message: `Saved. Times are shown in ${form.data.time_zone}.`,
  });
}

export default function Account() {
  const { workspace, timeZones, now } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors = actionData?.fieldErrors ?? {};
  const values = { name: workspace.user.name, time_zone: workspace.timeZone, ...actionData?.values };
  return (
    <WorkspaceShell workspace={workspace}>
      <PageHeader
        eyebrow="Your account"
        title={workspace.user.name}
        actions={<ButtonLink to="/account/password">Change password</ButtonLink>}
      />
      {actionData?.formError ? <FlashMessage kind="error">{actionData.formError}</FlashMessage> : null}
      <Panel narrow title="Profile">
        <DetailList
          items={[
            { label: "Email", value: workspace.user.email },
            { label: "Your time now", value: <DateTime at={now} /> },
          ]}
        />
        <Form method="post" className="form" noValidate key={JSON.stringify(values)}>
          <input type="hidden" name="intent" value="save-profile" />
          <NameField label="Name" defaultValue={values.name} error={errors.name} />
          <TimeZoneField label="Time zone" value={values.time_zone} error={errors.time_zone} timeZones={timeZones} />
          <div className="form-actions">
            <Button type="submit" disabled={busy}>
              Save profile
            </Button>
          </div>
        </Form>
      </Panel>
    </WorkspaceShell>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
