import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getOptionalUser } from "~/auth/guards.server";
import { homePathFor } from "~/auth/roles";
import { RouteErrorBoundary } from "~/components/error-page";

/** `/` sends each role to its home, and a visitor to the sign-in page. */
export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await getOptionalUser(request);
  throw redirect(auth ? homePathFor(auth.user.role) : "/login");
}

export default function Index() {
  return null;
}

export const ErrorBoundary = RouteErrorBoundary;
