import { now } from "~/clock.server";
import type { DB } from "~/db.server";
import { summariseBulk } from "~/domain/bulk-summary";
import { leadTransition } from "~/domain/lead-state";
import { recordAudit } from "~/models/audit.server";
import { lockLead } from "~/models/lead.server";
import { fail, succeed, type Outcome } from "~/domain/outcome";
import type { Actor } from "./actor";
import { offerLeadManually } from "./assignment.server";
import { moveLead } from "./lead-moves.server";
import { routeAgain } from "./routing.server";

/** A manager parks a queued lead in the nurture pool; it can be promoted to routing later. */
export async function moveToNurture(db: DB, leadId: string, actor: Actor): Promise<Outcome> {
  const at = now();
  return db.transaction().execute(async (trx) => {
    const lead = await lockLead(trx, leadId);
    if (!lead) return fail("not_found", "This lead does not exist.");
    const move = leadTransition(lead.state, "move_to_nurture");
    if (!move.ok) return fail("conflict", move.reason);
    await moveLead(trx, lead, "move_to_nurture", at, { queued_reason: null });
    await recordAudit(trx, {
      actorId: actor.userId,
      actorLabel: actor.label,
      action: "lead.nurtured",
      subjectType: "lead",
      subjectId: lead.id,
      details: { from: lead.state },
      at,
    });
    return succeed({});
  });
}

export type QueueAction =
  { kind: "route" } | { kind: "offer"; partnerId: string; reason?: string } | { kind: "nurture" };

/** One lead's result in words, for the summary. */
async function actOnOne(db: DB, action: QueueAction, leadId: string, actor: Actor): Promise<string> {
  switch (action.kind) {
    case "route": {
      const routed = await routeAgain(db, leadId, actor);
      if (!routed.ok) return `not routed: ${routed.message}`;
      return routed.result === "offered" ? "routed" : `back in the queue: ${routed.reason}`;
    }
    case "offer": {
      const offered = await offerLeadManually(
        db,
        { leadId, partnerId: action.partnerId, reason: action.reason },
        actor,
      );
      return offered.ok ? "offered" : `not offered: ${offered.message}`;
    }
    case "nurture": {
      const moved = await moveToNurture(db, leadId, actor);
      return moved.ok ? "moved to nurture" : `not moved: ${moved.message}`;
    }
  }
}

/**
 * A bulk action over leads of the queue, one lead per transaction (one lead refused does not
 * undo the others), answered as one sentence of per-lead results.
 */
export async function actOnQueuedLeads(
  db: DB,
  action: QueueAction,
  leadIds: readonly string[],
  actor: Actor,
): Promise<{ summary: string; results: string[] }> {
  const results: string[] = [];
  for (const leadId of new Set(leadIds)) results.push(await actOnOne(db, action, leadId, actor));
  return { summary: summariseBulk(results), results };
}
