import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "~/db.server";
import { withNewPassword } from "~/domain/people-fields";
import { redirectWithFlash } from "~/auth/flash.server";
import { requireUser } from "~/auth/guards.server";
import { MIN_PASSWORD_LENGTH } from "~/auth/password.server";
import { homePathFor } from "~/auth/roles";
import { workspaceFor } from "~/auth/workspace.server";
import { Button, ButtonLink } from "~/components/button";
import { RouteErrorBoundary } from "~/components/error-page";
import { CurrentPasswordField, NewPasswordFields } from "~/components/account-fields";
import { FlashMessage } from "~/components/flash-message";
import { pageTitle } from "~/components/meta";
import { PageHeader, Panel } from "~/components/page-header";
import { WorkspaceShell } from "~/components/workspace-shell";
import { refuse } from "~/security/answer.server";
import { parseForm } from "~/security/form.server";
import { changePassword } from "~/services/account.server";

export const meta: MetaFunction = () => pageTitle("Change password");

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireUser(request);
  return {
    workspace: await workspaceFor(getDb(), auth),
    minLength: MIN_PASSWORD_LENGTH,
  };
}

export const actionSchema = withNewPassword(
  {
    intent: z.literal("change-password"),
    currentPassword: z.string().min(1, "Enter your current password.").max(1024),
  },
  "newPassword",
);

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireUser(request);
  const form = await parseForm(request, actionSchema);
  if (!form.ok) return refuse(form, {});
  const result = await changePassword(getDb(), {
    userId: auth.user.id,
    currentSessionId: auth.session.id,
    currentPassword: form.data.currentPassword,
    newPassword: form.data.newPassword,
    clientAddress: context.clientAddress ?? "unknown",
  });
  if (!result.ok) return refuse(result, {});
  const others = result.endedSessions;
  return redirectWithFlash(
    homePathFor(auth.user.role),
    {
      kind: "success",
      message: `Your password has been changed.${others > 0 ? ` ${others} other session${others === 1 ? " was" : "s were"} signed out.` : ""}`,
    },
    { setCookies: [result.setCookie] },
  );
}

export default function ChangePassword() {
  const { workspace, minLength } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors = actionData?.fieldErrors ?? {};
  return (
    <WorkspaceShell workspace={workspace}>
      <PageHeader
        eyebrow="Your account"
        title="Change password"
        description="Changing your password signs you out everywhere else; this browser stays signed in."
      />
      <Panel narrow>
        {actionData?.formError ? <FlashMessage kind="error">{actionData.formError}</FlashMessage> : null}
        <Form method="post" className="form" noValidate>
          <input type="hidden" name="intent" value="change-password" />
          <CurrentPasswordField label="Current password" name="currentPassword" error={errors.currentPassword} />
          <NewPasswordFields label="New password" name="newPassword" minLength={minLength} errors={errors} />
          <div className="form-actions">
            <Button type="submit" disabled={busy}>
              {busy ? "Saving…" : "Change password"}
            </Button>
            <ButtonLink to={workspace.home}>Cancel</ButtonLink>
          </div>
        </Form>
      </Panel>
    </WorkspaceShell>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
