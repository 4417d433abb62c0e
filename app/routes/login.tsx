import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "~/db.server";
import { redirectWithFlash } from "~/auth/flash.server";
import { getOptionalUser } from "~/auth/guards.server";
import { readSessionId } from "~/auth/lucia.server";
import { safeRedirectPath } from "~/auth/redirect-to";
import { homePathFor } from "~/auth/roles";
import { AuthLayout } from "~/components/app-shell";
import { AuthForm } from "~/components/auth-form";
import { CurrentPasswordField, EmailField } from "~/components/account-fields";
import { RouteErrorBoundary } from "~/components/error-page";
import { pageTitle } from "~/components/meta";
import { refuse } from "~/security/answer.server";
import { parseForm } from "~/security/form.server";
import { signIn } from "~/services/account.server";
import { setupIsOpen } from "~/services/first-run.server";

export const meta: MetaFunction = () => pageTitle("Sign in");

export async function loader({ request }: LoaderFunctionArgs) {
  const redirectTo = new URL(request.url).searchParams.get("redirectTo");
  const auth = await getOptionalUser(request);
  if (auth) throw redirect(safeRedirectPath(redirectTo, homePathFor(auth.user.role)));
  // An empty portal (started with --empty, or a new PostgreSQL database) begins with its setup.
  if (await setupIsOpen(getDb())) throw redirect("/setup");
  return { redirectTo: safeRedirectPath(redirectTo, "") };
}

export const actionSchema = z.object({
  intent: z.literal("sign-in"),
  email: z.string().trim().min(1, "Enter your email address.").max(254, "This email address is too long."),
  password: z.string().min(1, "Enter your password.").max(1024, "This password is too long."),
  redirectTo: z.string().max(2048).optional(),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await parseForm(request, actionSchema);
  if (!form.ok) return refuse(form, { email: form.values.email ?? "" });
  const result = await signIn(getDb(), {
    email: form.data.email,
    password: form.data.password,
    clientAddress: context.clientAddress ?? "unknown",
    previousSessionId: readSessionId(request.headers.get("Cookie")),
  });
  // 429 when throttled: the message and Retry-After say when to try again.
  if (!result.ok) return refuse(result, { email: form.data.email });
  const target = safeRedirectPath(form.data.redirectTo, homePathFor(result.user.role));
  return redirectWithFlash(
    target,
    { kind: "success", message: `Signed in as ${result.user.name}.` },
    { setCookies: [result.setCookie] },
  );
}

export default function Login() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.fieldErrors ?? {};
  return (
    <AuthLayout
      title="Sign in"
      description="Use the email address your account was created with."
      note="Accounts are created by your channel manager or your company's partner admin."
    >
      <AuthForm intent="sign-in" formError={actionData?.formError} submitLabel="Sign in" busyLabel="Signing in…">
        {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
        <EmailField defaultValue={actionData?.email} error={errors.email} />
        <CurrentPasswordField error={errors.password} />
      </AuthForm>
    </AuthLayout>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
