import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "~/db.server";
import { redirectWithFlash } from "~/auth/flash.server";
import { getOptionalUser } from "~/auth/guards.server";
import { blankSessionCookie } from "~/auth/lucia.server";
import { AuthLayout } from "~/components/app-shell";
import { Button } from "~/components/button";
import { RouteErrorBoundary } from "~/components/error-page";
import { pageTitle } from "~/components/meta";
import { refuse } from "~/security/answer.server";
import { parseForm } from "~/security/form.server";
import { signOut } from "~/services/account.server";

export const meta: MetaFunction = () => pageTitle("Sign out");

/** GET never signs out (links get prefetched and followed by scanners): it asks first. */
export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await getOptionalUser(request);
  if (!auth) throw redirect("/login");
  return { name: auth.user.name };
}

export const actionSchema = z.object({ intent: z.literal("sign-out") });

export async function action({ request }: ActionFunctionArgs) {
  const form = await parseForm(request, actionSchema);
  if (!form.ok) return refuse(form, {});
  const auth = await getOptionalUser(request);
  if (auth) await signOut(getDb(), { sessionId: auth.session.id, user: auth.user });
  return redirectWithFlash(
    "/login",
    { kind: "info", message: "You have signed out." },
    { setCookies: [blankSessionCookie()] },
  );
}

export default function Logout() {
  return (
    <AuthLayout title="Sign out?" description="You will need your email and password to come back.">
      <Form method="post" className="form-actions">
        <input type="hidden" name="intent" value="sign-out" />
        <Button type="submit">Sign out</Button>
        <Link to="/">Stay signed in</Link>
      </Form>
    </AuthLayout>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
