/** /invite/:token: the invitee sets their name and password, and is signed in. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { redirectWithFlash } from "~/auth/flash.server";
import { MIN_PASSWORD_LENGTH } from "~/auth/password.server";
import { homePathFor } from "~/auth/roles";
import { AuthLayout } from "~/components/app-shell";
import { Button } from "~/components/button";
import { DateTime } from "~/components/date-time";
import { Field } from "~/components/field";
import { FlashMessage } from "~/components/flash-message";
import { pageTitle } from "~/components/meta";
import { getDb } from "~/db.server";
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

export const actionSchema = z
  .object({
    intent: z.literal("accept"),
    name: z
      .string({ error: "Enter your name." })
      .trim()
      .min(1, "Enter your name.")
      .max(200, "Use at most 200 characters."),
    password: z.string({ error: "Choose a password." }).min(1, "Choose a password.").max(1024),
    confirmPassword: z.string({ error: "Type the password again." }).min(1, "Type the password again."),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two passwords are not the same.",
  });

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
  const busy = useNavigation().state !== "idle";
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
      {actionData?.formError ? <FlashMessage kind="error">{actionData.formError}</FlashMessage> : null}
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="intent" value="accept" />
        <Field
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          readOnly
          value={invitation.email}
          hint="Your account's email; you sign in with it."
        />
        <Field
          label="Your name"
          name="name"
          autoComplete="name"
          required
          defaultValue={actionData?.values?.name ?? ""}
          error={errors.name}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={invitation.minLength}
          hint={`At least ${invitation.minLength} characters. A few unrelated words make a strong one.`}
          error={errors.password}
        />
        <Field
          label="Password again"
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          required
          error={errors.confirmPassword}
        />
        <Button type="submit" block disabled={busy}>
          {busy ? "Creating your account…" : "Create my account"}
        </Button>
      </Form>
    </AuthLayout>
  );
}
