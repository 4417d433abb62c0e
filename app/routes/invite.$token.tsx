/** /invite/:token: the invitee sets their name and password, and is signed in. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { redirectWithFlash } from "~/auth/flash.server";
import { MIN_PASSWORD_LENGTH } from "~/auth/password.server";
import { homePathFor } from "~/auth/roles";
import { AuthLayout } from "~/components/app-shell";
import { AuthForm } from "~/components/auth-form";
import { EmailField, NameField, NewPasswordFields } from "~/components/account-fields";
import { DateTime } from "~/components/date-time";
import { FlashMessage } from "~/components/flash-message";
import { pageTitle } from "~/components/meta";
import { getDb } from "~/db.server";
import { personNameSchema, withNewPassword } from "~/domain/people-fields";
import { refuse } from "~/security/answer.server";
import { parseForm } from "~/security/form.server";
import { acceptInvitation, INVITATION_MESSAGES, invitationForToken } from "~/services/invitations.server";

export const meta: MetaFunction = () => pageTitle("Accept your invitation");

export async function loader({ params }: LoaderFunctionArgs) {
  const view = await invitationForToken(getDb(), (params.token ?? "").slice(0, 200));
  return view.state === "open"
    ? { ...view, message: null, minLength: MIN_PASSWORD_LENGTH }
    : { state: view.state, message: INVITATION_MESSAGES[view.state], minLength: MIN_PASSWORD_LENGTH };
}

export const actionSchema = withNewPassword({ intent: z.literal("accept"), name: personNameSchema }, "password");

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await parseForm(request, actionSchema);
  if (!form.ok) return refuse(form, { values: form.values });
  const accepted = await acceptInvitation(getDb(), {
    token: (params.token ?? "").slice(0, 200),
    name: form.data.name,
    password: form.data.password,
  });
  // A used or expired token is no conflict for the visitor to resolve: the page explains it (400).
  if (!accepted.ok)
    return refuse(accepted.code === "conflict" ? { ...accepted, code: "invalid" } : accepted, { values: form.values });
  const { user } = accepted;
  return redirectWithFlash(
    homePathFor(user.role),
    { kind: "success", message: `Welcome, ${user.name}. Your account is ready.` },
    { setCookies: [accepted.setCookie] },
  );
}

export default function AcceptInvitation() {
  const invitation = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (invitation.state !== "open" || !("email" in invitation)) {
    return (
      <AuthLayout title="This invitation cannot be used" note={<Link to="/login">Sign in</Link>}>
        <FlashMessage kind="info">{invitation.message}</FlashMessage>
      </AuthLayout>
    );
  }
  const errors = actionData?.fieldErrors ?? {};
  return (
    <AuthLayout
      title="Accept your invitation"
      description={
        <>
          You are invited as {invitation.roleLabel.toLowerCase()} of {invitation.company}. The invitation expires{" "}
          <DateTime at={invitation.expiresAt} />.
        </>
      }
    >
      <AuthForm
        intent="accept"
        formError={actionData?.formError}
        submitLabel="Create my account"
        busyLabel="Creating your account…"
      >
        <EmailField value={invitation.email} hint="Your account's email; you sign in with it." />
        <NameField defaultValue={actionData?.values?.name} error={errors.name} />
        <NewPasswordFields minLength={invitation.minLength} errors={errors} />
      </AuthForm>
    </AuthLayout>
  );
}
