import { createContext, useContext } from "react";

/** The signed-in viewer's own time zone (from the workspace loader); null outside a workspace. */
export const ViewerZoneContext = createContext<string | null>(null);

export function useViewerZone(): string | null {
  return useContext(ViewerZoneContext);
}
