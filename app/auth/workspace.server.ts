import type { Executor } from "~/db.server";
import type { Authenticated } from "./guards.server";
import { homePathFor, type Role } from "./roles";
import { findPartnerSummary } from "~/models/partner.server";
import { userTimeZone } from "~/models/user.server";

/** What the workspace frame shows about the signed-in user. */
export interface Workspace {
  user: { name: string; email: string; role: Role };
  /** The partner company for partner users, the vendor's channel team for managers. */
  context: string;
  home: string;
  /** The user's own time zone: every time in the workspace is shown in it. */
  timeZone: string;
}

export async function workspaceFor(db: Executor, auth: Authenticated): Promise<Workspace> {
  const { user } = auth;
  const partner = user.partnerId ? await findPartnerSummary(db, user.partnerId) : undefined;
  return {
    user: { name: user.name, email: user.email, role: user.role },
    context: partner?.name ?? "Channel team",
    home: homePathFor(user.role),
    timeZone: await userTimeZone(db, user.id),
  };
}
