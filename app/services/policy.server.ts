import { now } from "~/clock.server";
import type { DB } from "~/db.server";
import { validatePolicy, type Policy } from "~/domain/policy";
import { recordAudit } from "~/models/audit.server";
import { insertPolicyVersion, policyInForce } from "~/models/policy.server";
import { policyChanges } from "~/domain/rule-text";
import { lockRuleVersions } from "~/models/rule-version-number.server";
import { evaluatedPartnerIds } from "~/models/standing.server";
import { type Actor } from "./actor";
import { fail, invalidFields, succeed, type Outcome } from "~/domain/outcome";
import { recomputeStandings } from "./standing.server";

/**
 * Puts a new version of the rules in force. Obligations already planned keep the version they
 * were created under; new offers (and everything planned for them) follow the new one. The
 * score reads the weights and window in force, so every partner's score and standing is
 * re-evaluated in the same transaction. A version identical to the one in force is refused:
 * partners would be told the rules changed when nothing did.
 */
export async function editPolicy(
  db: DB,
  input: { rules: Omit<Policy, "version">; note: string },
  actor: Actor,
): Promise<Outcome<{ version: number }>> {
  const at = now();
  const problems = validatePolicy({ ...input.rules, version: 1 });
  if (problems.length > 0) return fail("invalid", problems.join(" "));
  if (!input.note.trim()) return invalidFields({ note: ["Say why the rules change: partners read it."] });
  return db.transaction().execute(async (trx) => {
    await lockRuleVersions(trx, "policies");
    const current = await policyInForce(trx);
    if (policyChanges(current, { ...input.rules, version: current.version + 1 }).length === 0) {
      return fail("invalid", "Nothing changed: change at least one rule before saving a new version.");
    }
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
