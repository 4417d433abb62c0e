import type { ReactNode } from "react";
import type { StandingLevel } from "~/domain/enforcement";
import type { LeadState } from "~/domain/lead-state";

export type BadgeTone = "neutral" | "success" | "warning" | "danger" | "info";

export function Badge({ tone = "neutral", children }: { tone?: BadgeTone; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

/** A plain label for a value such as a territory code or a vertical (no state, so no colour). */
export function Tag({ children }: { children: ReactNode }) {
  return <span className="tag">{children}</span>;
}

const STANDING: Record<StandingLevel, { tone: BadgeTone; label: string }> = {
  good: { tone: "success", label: "Good standing" },
  warning: { tone: "warning", label: "Warning" },
  withheld: { tone: "danger", label: "Withheld" },
  probation: { tone: "info", label: "Probation" },
};

/** A partner's standing under the compliance rules. */
export function StandingBadge({ standing }: { standing: StandingLevel }) {
  const s = STANDING[standing];
  return <Badge tone={s.tone}>{s.label}</Badge>;
}

/** The state of an obligation (accept, first touch, update, outcome). */
export type ObligationState = "open" | "met" | "met_late" | "missed" | "excused" | "cancelled";

const OBLIGATION: Record<ObligationState, { tone: BadgeTone; label: string }> = {
  open: { tone: "info", label: "Open" },
  met: { tone: "success", label: "Met" },
  met_late: { tone: "warning", label: "Met late" },
  missed: { tone: "danger", label: "Missed" },
  excused: { tone: "neutral", label: "Excused" },
  cancelled: { tone: "neutral", label: "Cancelled" },
};

export function ObligationBadge({ state, overdue = false }: { state: ObligationState; overdue?: boolean }) {
  if (state === "open" && overdue) return <Badge tone="danger">Overdue</Badge>;
  const s = OBLIGATION[state];
  return <Badge tone={s.tone}>{s.label}</Badge>;
}

/** A list of tags, or a muted note when there are none. */
export function TagList({ items, empty }: { items: string[]; empty: string }) {
  if (items.length === 0) return <span className="muted">{empty}</span>;
  return (
    <ul className="tag-list">
      {items.map((t) => (
        <li key={t}>
          <Tag>{t}</Tag>
        </li>
      ))}
    </ul>
  );
}

const LEAD_STATE: Record<LeadState, { tone: BadgeTone; label: string }> = {
  nurture: { tone: "neutral", label: "Nurture" },
  routing: { tone: "info", label: "Routing" },
  queued: { tone: "warning", label: "In queue" },
  offered: { tone: "info", label: "Offered" },
  accepted: { tone: "success", label: "Accepted" },
  won: { tone: "success", label: "Won" },
  lost: { tone: "neutral", label: "Lost" },
  disqualified: { tone: "neutral", label: "Disqualified" },
  merged: { tone: "neutral", label: "Merged" },
};

export const LEAD_STATE_LABELS: Record<LeadState, string> = Object.fromEntries(
  Object.entries(LEAD_STATE).map(([state, s]) => [state, s.label]),
) as Record<LeadState, string>;

/** Where a lead is in its life. */
export function LeadStateBadge({ state }: { state: LeadState }) {
  const s = LEAD_STATE[state];
  return <Badge tone={s.tone}>{s.label}</Badge>;
}
