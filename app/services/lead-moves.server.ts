import type { LeadState } from "@db/schema";
import type { Executor } from "~/db.server";
import { leadTransition, type LeadEvent } from "~/domain/lead-state";
import { setLeadState, setLeadStates } from "~/models/lead.server";

/**
 * Moves a lead along the rule book's state machine as a conditional update. The caller holds
 * the lead's lock and knows its state, so a refusal here is a broken invariant: it throws and
 * the whole use case rolls back.
 */
export async function moveLead(
  trx: Executor,
  lead: { id: string; state: LeadState },
  event: LeadEvent,
  at: Date,
  extra: { queued_reason?: string | null } = {},
): Promise<LeadState> {
  const move = leadTransition(lead.state, event);
  if (!move.ok) throw new Error(`Lead ${lead.id}: ${move.reason}`);
  if (!(await setLeadState(trx, lead.id, lead.state, move.to, at, extra))) {
    throw new Error(`Lead ${lead.id} is no longer ${lead.state}`);
  }
  return move.to;
}

/**
 * `moveLead` for a batch of leads the caller holds, in one statement. Every move sets the
 * queued reason (null unless the lead goes to the queue).
 */
export async function moveLeads(
  trx: Executor,
  moves: { lead: { id: string; state: LeadState }; event: LeadEvent; queuedReason: string | null }[],
  at: Date,
): Promise<void> {
  const planned = moves.map(({ lead, event, queuedReason }) => {
    const move = leadTransition(lead.state, event);
    if (!move.ok) throw new Error(`Lead ${lead.id}: ${move.reason}`);
    return { leadId: lead.id, from: lead.state, to: move.to, queuedReason };
  });
  const moved = await setLeadStates(trx, planned, at);
  if (moved !== planned.length) throw new Error(`${planned.length - moved} leads were no longer in their state`);
}
