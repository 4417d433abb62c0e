import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { getDb } from "~/db.server";
import { requirePartnerScope } from "~/auth/guards.server";
import { workspaceFor } from "~/auth/workspace.server";
import { RouteErrorBoundary } from "~/components/error-page";
import { WorkspaceShell } from "~/components/workspace-shell";

/** The partner workspace frame (partner admins and reps). Child routes guard themselves too. */
export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requirePartnerScope(request);
  return { workspace: await workspaceFor(getDb(), auth) };
}

export default function PartnerLayout() {
  const { workspace } = useLoaderData<typeof loader>();
  return (
    <WorkspaceShell workspace={workspace}>
      <Outlet />
    </WorkspaceShell>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
