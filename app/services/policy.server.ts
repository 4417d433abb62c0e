import { now } from "~/clock.server";
import type { DB } from "~/db.server";
import { validatePolicy, type Policy } from "~/domain/policy";
import { recordAudit } from "~/models/audit.server";
import { insertPolicyVersion } from "~/models/policy.server";
import { evaluatedPartnerIds } from "~/models/standing.server";
import { type Actor } from "./actor";
import { fail, succeed, type Outcome } from "~/domain/outcome";
import { recomputeStandings } from "./standing.server";

/**
 * Puts a new version of the rules in force. Obligations already planned keep the version they
 * were created under; new offers (and everything planned for them) follow the new one. The
 * score reads the weights and window in force, so every partner's score and standing is
 * re-evaluated in the same transaction.
 */
export async function editPolicy(
  db: DB,
  input: { rules: Omit<Policy, "version">; note: string },
  actor: Actor,
): Promise<Outcome<{ version: number }>> {
  const at = now();
  const problems = validatePolicy({ ...input.rules, version: 1 });
  if (problems.length > 0) return fail("invalid", problems.join(" "));
  return db.transaction().execute(async (trx) => {
    const version = await insertPolicyVersion(trx, input.rules, {
      note: input.note.trim(),
      createdBy: actor.userId,
      at,
    });
    await recordAudit(trx, {
      actorId: actor.userId,
      actorLabel: actor.label,
      action: "policy.edited",
      subjectType: "policy",
      subjectId: String(version),
      details: { ...input.rules, note: input.note },
      at,
    });
    await recomputeStandings(trx, await evaluatedPartnerIds(trx), at, actor);
    return succeed({ version });
  });
}
