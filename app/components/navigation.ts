import type { Role } from "~/auth/roles";

/**
 * The workspace navigation. Areas that later issues build are listed with `ready: false` and
 * are not shown until they exist; to open one, flip it to `ready: true`.
 */
export interface NavItem {
  label: string;
  to: string;
  /** Match the path exactly (home pages), not every path below it. */
  end?: boolean;
  ready: boolean;
  /** Only these roles see the item (its page refuses the others too); absent: everyone. */
  roles?: Role[];
}

export const MANAGER_NAV: NavItem[] = [
  { label: "Home", to: "/manager", end: true, ready: true },
  { label: "Leads", to: "/manager/leads", ready: true },
  { label: "Queue", to: "/manager/queue", ready: true },
  { label: "Partners", to: "/manager/partners", ready: true },
  { label: "Intake", to: "/manager/intake", ready: true },
  { label: "Rules", to: "/manager/rules", ready: true },
  { label: "Excuses", to: "/manager/excuses", ready: true },
  { label: "Reports", to: "/manager/reports", ready: false },
  { label: "People", to: "/manager/people", ready: true },
];

export const PARTNER_NAV: NavItem[] = [
  // The inbox is the partner's home page.
  { label: "Inbox", to: "/partner", end: true, ready: true },
  { label: "Leads", to: "/partner/leads", ready: true },
  { label: "Compliance", to: "/partner/compliance", ready: true },
  { label: "Team", to: "/partner/team", ready: true, roles: ["partner_admin"] },
];

export function visibleNav(items: NavItem[], role: Role): NavItem[] {
  return items.filter((i) => i.ready && (!i.roles || i.roles.includes(role)));
}
