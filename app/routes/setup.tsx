import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "~/db.server";
import { redirectWithFlash } from "~/auth/flash.server";
import { MIN_PASSWORD_LENGTH } from "~/auth/password.server";
import { AuthLayout } from "~/components/app-shell";
import { AuthForm } from "~/components/auth-form";
import { EmailField, NameField, NewPasswordFields } from "~/components/account-fields";
import { RouteErrorBoundary } from "~/components/error-page";
import { pageTitle } from "~/components/meta";
import { refuse } from "~/security/answer.server";
import { parseForm } from "~/security/form.server";
import { personNameSchema, withNewPassword } from "~/domain/people-fields";
import { createFirstManager, setupIsOpen } from "~/services/first-run.server";

export const meta: MetaFunction = () => pageTitle("Set up the portal");

/** The first-run setup of an empty portal; once anyone exists it is gone for good. */
export async function loader(_: LoaderFunctionArgs) {
  if (!(await setupIsOpen(getDb()))) throw redirect("/login");
  return { minLength: MIN_PASSWORD_LENGTH };
}

export const actionSchema = withNewPassword(
  {
    intent: z.literal("create-manager"),
    name: personNameSchema,
    email: z.string().trim().min(1, "Enter your email address.").max(254, "This email address is too long."),
  },
  "password",
);

const closed = () =>
  redirectWithFlash("/login", { kind: "info", message: "This portal is already set up: sign in with your account." });

export async function action({ request }: ActionFunctionArgs) {
  if (!(await setupIsOpen(getDb()))) return closed();
  const form = await parseForm(request, actionSchema);
  if (!form.ok) return refuse(form, { values: form.values });
  const { name, email, password } = form.data;
  const result = await createFirstManager(getDb(), { name, email, password });
  if (!result.ok && result.code === "conflict") return closed(); // someone else was a moment faster
  if (!result.ok) return refuse(result, { values: form.values });
  return redirectWithFlash(
    "/manager",
    {
      kind: "success",
      message: `Welcome, ${result.user.name}: the portal is yours. Add partners and their people next.`,
    },
    { setCookies: [result.setCookie] },
  );
}

export default function Setup() {
  const { minLength } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.fieldErrors ?? {};
  const values = actionData?.values ?? {};
  return (
    <AuthLayout
      title="Set up the portal"
      description="No one has an account yet. Create the first channel manager: the person who sets up campaigns, partners and their people."
      note="This page is open only until the first account exists."
    >
      <AuthForm
        intent="create-manager"
        formError={actionData?.formError}
        submitLabel="Create account and sign in"
        busyLabel="Creating…"
      >
        <NameField defaultValue={values.name} error={errors.name} />
        <EmailField defaultValue={values.email} error={errors.email} />
        <NewPasswordFields minLength={minLength} errors={errors} />
      </AuthForm>
    </AuthLayout>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
