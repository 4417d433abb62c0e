/**
 * A lead's timeline: everything recorded about it (audit events, routing decisions, offers and
 * their answers, touches, stage changes, obligations and their state) as one list, newest first,
 * each with when and who.
 */
import type { ActivityKind, ObligationKind, ObligationState, OfferState } from "@db/schema";

export type TimelineKind = "audit" | "routing" | "offer" | "activity" | "obligation";

export interface TimelineEntry {
  at: Date;
  kind: TimelineKind;
  what: string;
  who: string;
  /** The obligation's state, shown as a badge. */
  obligationState?: ObligationState;
  /** When the obligation is due (obligations only). */
  dueAt?: Date;
}

export interface TimelineFacts {
  audit: { at: Date; action: string; actor_label: string; details: unknown }[];
  decisions: {
    decided_at: Date;
    trigger: string;
    result: "offered" | "queued";
    chosen_partner_name: string | null;
    actor_label: string;
  }[];
  offers: {
    offered_at: Date;
    partner_name: string;
    manual: boolean;
    override_reason: string | null;
    offered_by_email: string | null;
    state: OfferState;
    decided_at: Date | null;
    decided_by_email: string | null;
    decline_reason: string | null;
    ended_at: Date | null;
    end_reason: string | null;
  }[];
  activities: { at: Date; kind: ActivityKind; stage: string | null; note: string; user_email: string | null }[];
  obligations: {
    created_at: Date;
    kind: ObligationKind;
    sequence: number;
    due_at: Date;
    state: ObligationState;
    partner_name: string;
  }[];
}

const OBLIGATION_WORDS: Record<ObligationKind, string> = {
  accept: "Answer the offer",
  first_touch: "First touch",
  update: "Update",
  outcome: "Report the outcome",
};

const ACTIVITY_WORDS: Record<ActivityKind, string> = {
  call: "Call logged",
  email: "Email logged",
  meeting: "Meeting logged",
  note: "Note",
  stage_change: "Stage changed",
};

/** `offer.made` → "Offer made"; details worth reading are added in words. */
function auditWords(action: string, details: unknown): string {
  const [head, ...rest] = action.split(".");
  const words = `${head[0]?.toUpperCase() ?? ""}${head.slice(1)} ${rest.join(" ")}`.replace(/_/g, " ").trim();
  const d = (details ?? {}) as Record<string, unknown>;
  const reason =
    typeof d.reason === "string" ? d.reason : typeof d.overrideReason === "string" ? d.overrideReason : null;
  return reason ? `${words}: ${reason}` : words;
}

function offerEntries(o: TimelineFacts["offers"][number]): TimelineEntry[] {
  const how = o.manual ? "by hand" : "by the router";
  const override = o.override_reason ? ` (override: ${o.override_reason})` : "";
  const out: TimelineEntry[] = [
    {
      at: o.offered_at,
      kind: "offer",
      what: `Offered to ${o.partner_name} ${how}${override}`,
      who: o.offered_by_email ?? "system:router",
    },
  ];
  if (o.decided_at && (o.state === "accepted" || o.state === "declined" || o.state === "closed" || o.decline_reason)) {
    const declined = o.state === "declined";
    out.push({
      at: o.decided_at,
      kind: "offer",
      what: declined
        ? `${o.partner_name} declined${o.decline_reason ? `: ${o.decline_reason}` : ""}`
        : `${o.partner_name} accepted`,
      who: o.decided_by_email ?? o.partner_name,
    });
  }
  if (o.ended_at && (o.state === "expired" || o.state === "recalled")) {
    out.push({
      at: o.ended_at,
      kind: "offer",
      what:
        o.state === "expired"
          ? `The offer to ${o.partner_name} expired unanswered`
          : `Recalled from ${o.partner_name}${o.end_reason ? `: ${o.end_reason}` : ""}`,
      who: o.state === "expired" ? "system:sweep" : "channel manager",
    });
  }
  return out;
}

export function buildTimeline(f: TimelineFacts): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...f.audit.map((e) => ({
      at: e.at,
      kind: "audit" as const,
      what: auditWords(e.action, e.details),
      who: e.actor_label,
    })),
    ...f.decisions.map((d) => ({
      at: d.decided_at,
      kind: "routing" as const,
      who: d.actor_label,
      what: `Routing (${d.trigger.replace(/_/g, " ")}): ${d.result === "offered" ? `chose ${d.chosen_partner_name ?? "a partner"}` : "no partner could take it; sent to the queue"}`,
    })),
    ...f.offers.flatMap(offerEntries),
    ...f.activities.map((a) => ({
      at: a.at,
      kind: "activity" as const,
      who: a.user_email ?? "unknown",
      what: [ACTIVITY_WORDS[a.kind], a.stage ? `to ${a.stage}` : null, a.note ? `— ${a.note}` : null]
        .filter(Boolean)
        .join(" "),
    })),
    ...f.obligations.map((b) => ({
      at: b.created_at,
      kind: "obligation" as const,
      who: b.partner_name,
      obligationState: b.state,
      dueAt: b.due_at,
      what: `${OBLIGATION_WORDS[b.kind]}${b.kind === "update" ? ` #${b.sequence}` : ""}`,
    })),
  ];
  // Newest first; at the same instant the order above (audit, routing, offer, …) is kept.
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => b.e.at.getTime() - a.e.at.getTime() || a.i - b.i)
    .map(({ e }) => e);
}
