import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { getDb } from "~/db.server";
import { requireRole } from "~/auth/guards.server";
import { workspaceFor } from "~/auth/workspace.server";
import { RouteErrorBoundary } from "~/components/error-page";
import { WorkspaceShell } from "~/components/workspace-shell";

/** The channel manager's workspace frame. Child routes guard themselves too (loaders run in parallel). */
export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireRole(request, "channel_manager");
  return { workspace: await workspaceFor(getDb(), auth) };
}

export default function ManagerLayout() {
  const { workspace } = useLoaderData<typeof loader>();
  return (
    <WorkspaceShell workspace={workspace}>
      <Outlet />
    </WorkspaceShell>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
