import type { ReactNode } from "react";
import type { Workspace } from "~/auth/workspace.server";
import { AppShell } from "./app-shell";
import { MANAGER_NAV, PARTNER_NAV } from "./navigation";

/** The AppShell with the navigation of the user's side (vendor or partner). */
export function WorkspaceShell({ workspace, children }: { workspace: Workspace; children: ReactNode }) {
  const nav = workspace.user.role === "channel_manager" ? MANAGER_NAV : PARTNER_NAV;
  return (
    <AppShell user={workspace.user} context={workspace.context} home={workspace.home} nav={nav}>
      {children}
    </AppShell>
  );
}
