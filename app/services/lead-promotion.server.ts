import { now } from "~/clock.server";
import type { DB } from "~/db.server";
import { leadTransition } from "~/domain/lead-state";
import { recordAudit } from "~/models/audit.server";
import { lockLead, markKindLead } from "~/models/lead.server";
import { enqueueRouting } from "~/models/routing.server";
import type { Actor } from "./actor";
import { fail, succeed, type Outcome } from "~/domain/outcome";
import { moveLead } from "./lead-moves.server";
import { routeQueuedLead } from "./routing.server";

/**
 * A channel manager promotes an inquiry (scored below the threshold) to a lead: it counts as a
 * lead from now on and goes to the router at once, like a lead that qualified on intake.
 */
export async function promoteInquiry(
  db: DB,
  leadId: string,
  reason: string,
  actor: Actor,
): Promise<Outcome<{ leadId: string }>> {
  const at = now();
  const result = await db.transaction().execute(async (trx) => {
    const lead = await lockLead(trx, leadId);
    if (!lead) return fail("not_found", "This lead does not exist.");
    const move = leadTransition(lead.state, "promote");
    if (!move.ok) return fail("conflict", move.reason);
    await moveLead(trx, lead, "promote", at);
    await markKindLead(trx, lead.id, at);
    await enqueueRouting(trx, lead.id, "promote", at);
    await recordAudit(trx, {
      actorId: actor.userId,
      actorLabel: actor.label,
      action: "lead.promoted",
      subjectType: "lead",
      subjectId: lead.id,
      details: { score: lead.score, reason: reason.trim() || null },
      at,
    });
    return succeed({ leadId: lead.id });
  });
  if (result.ok) await routeQueuedLead(db, leadId);
  return result;
}
