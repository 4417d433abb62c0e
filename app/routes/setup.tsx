import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "~/db.server";
import { redirectWithFlash } from "~/auth/flash.server";
import { MIN_PASSWORD_LENGTH } from "~/auth/password.server";
import { AuthLayout } from "~/components/app-shell";
import { Button } from "~/components/button";
import { RouteErrorBoundary } from "~/components/error-page";
import { Field } from "~/components/field";
import { FlashMessage } from "~/components/flash-message";
import { pageTitle } from "~/components/meta";
import { refuse } from "~/security/answer.server";
import { parseForm } from "~/security/form.server";
import { createFirstManager, setupIsOpen } from "~/services/first-run.server";

export const meta: MetaFunction = () => pageTitle("Set up the portal");

/** The first-run setup of an empty portal; once anyone exists it is gone for good. */
export async function loader(_: LoaderFunctionArgs) {
  if (!(await setupIsOpen(getDb()))) throw redirect("/login");
  return { minLength: MIN_PASSWORD_LENGTH };
}

export const actionSchema = z
  .object({
    intent: z.literal("create-manager"),
    name: z.string().trim().min(1, "Enter your name.").max(200, "Use at most 200 characters."),
    email: z.string().trim().min(1, "Enter your email address.").max(254, "This email address is too long."),
    password: z.string().min(1, "Choose a password.").max(1024, "Use at most 256 characters."),
    confirmPassword: z.string().min(1, "Type the password again."),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two passwords are not the same.",
  });

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
  const busy = useNavigation().state !== "idle";
  const errors = actionData?.fieldErrors ?? {};
  const values = actionData?.values ?? {};
  return (
    <AuthLayout
      title="Set up the portal"
      description="No one has an account yet. Create the first channel manager: the person who sets up campaigns, partners and their people."
      note="This page is open only until the first account exists."
    >
      {actionData?.formError ? <FlashMessage kind="error">{actionData.formError}</FlashMessage> : null}
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="intent" value="create-manager" />
        <Field
          label="Your name"
          name="name"
          autoComplete="name"
          required
          defaultValue={values.name ?? ""}
          error={errors.name}
        />
        <Field
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={values.email ?? ""}
          error={errors.email}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${minLength} characters. A few unrelated words make a strong one.`}
          required
          minLength={minLength}
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
          {busy ? "Creating…" : "Create account and sign in"}
        </Button>
      </Form>
    </AuthLayout>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
