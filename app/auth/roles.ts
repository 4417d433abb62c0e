import type { Role } from "@db/schema";

export type { Role };

export const ROLES = ["channel_manager", "partner_admin", "partner_rep"] as const satisfies readonly Role[];
export const PARTNER_ROLES = ["partner_admin", "partner_rep"] as const satisfies readonly Role[];

export const ROLE_LABELS: Record<Role, string> = {
  channel_manager: "Channel manager",
  partner_admin: "Partner admin",
  partner_rep: "Partner rep",
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function isPartnerRole(role: Role): role is (typeof PARTNER_ROLES)[number] {
  return role === "partner_admin" || role === "partner_rep";
}

/** Where each role lands after signing in, and where `/` sends it. */
export function homePathFor(role: Role): string {
  return role === "channel_manager" ? "/manager" : "/partner";
}
