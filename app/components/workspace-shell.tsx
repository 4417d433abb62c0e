import type { ReactNode } from "react";
import type { Workspace } from "~/auth/workspace.server";
import { AppShell } from "./app-shell";
import { MANAGER_NAV, PARTNER_NAV } from "./navigation";
import { ViewerZoneContext } from "./viewer-zone";

/** The AppShell with the navigation of the user's side (vendor or partner); times inside read the user's zone. */
export function WorkspaceShell({ workspace, children }: { workspace: Workspace; children: ReactNode }) {
  const nav = workspace.user.role === "channel_manager" ? MANAGER_NAV : PARTNER_NAV;
  return (
    <ViewerZoneContext.Provider value={workspace.timeZone}>
      <AppShell user={workspace.user} context={workspace.context} home={workspace.home} nav={nav}>
        {children}
      </AppShell>
    </ViewerZoneContext.Provider>
  );
}
