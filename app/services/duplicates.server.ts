import { now } from "~/clock.server";
import type { DB } from "~/db.server";
import { leadTransition } from "~/domain/lead-state";
import { recordAudit } from "~/models/audit.server";
import { settleDuplicate } from "~/models/duplicates.server";
import { lockLead } from "~/models/lead.server";
import { type Actor } from "./actor";
import { fail, succeed, type Outcome } from "~/domain/outcome";
import { moveLead } from "./lead-moves.server";
import { takeRoutingJob } from "~/models/routing.server";

/**
 * A manager's decision on a lead flagged as a possible duplicate: keep it (it is a lead of its
 * own) or merge it into the earlier lead (it leaves routing; the earlier lead carries on).
 * A lead a partner holds is not merged: recall it first.
 */
export async function decideDuplicate(
  db: DB,
  input: { leadId: string; decision: "keep" | "merge" },
  actor: Actor,
): Promise<Outcome<{ leadId: string }>> {
  const at = now();
  return db.transaction().execute(async (trx) => {
    const lead = await lockLead(trx, input.leadId);
    if (!lead) return fail("not_found", "This lead does not exist.");
    if (lead.duplicate_status !== "possible" || !lead.duplicate_of) {
      return fail("conflict", "This lead is not waiting for a duplicate decision (any more).");
    }
    if (input.decision === "merge") {
      const allowed = leadTransition(lead.state, "merge");
      if (!allowed.ok) return fail("conflict", `${allowed.reason} Recall it from the partner first.`);
      await moveLead(trx, lead, "merge", at);
      await takeRoutingJob(trx, lead.id);
    }
    await settleDuplicate(trx, lead.id, input.decision === "merge" ? "merged" : "kept", at);
    await recordAudit(trx, {
      actorId: actor.userId,
      actorLabel: actor.label,
      action: input.decision === "merge" ? "lead.merged" : "lead.duplicate_kept",
      subjectType: "lead",
      subjectId: lead.id,
      details: { earlierLeadId: lead.duplicate_of },
      at,
    });
    return succeed({ leadId: lead.id });
  });
}
