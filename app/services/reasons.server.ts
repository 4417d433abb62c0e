/**
 * Managers keep the reason lists: add a reason, rename its label, retire it (partners no longer
 * see it) or bring it back. Nothing is ever deleted: records keep the codes they were given.
 */
import type { ReasonList } from "@db/schema";
import { now } from "~/clock.server";
import type { DB, Executor } from "~/db.server";
import { fail, invalidFields, succeed, type Outcome } from "~/domain/outcome";
import { reasonCodeFor } from "~/domain/reason-code";
import { recordAudit } from "~/models/audit.server";
import { insertReason, lockReasonList, updateReason, type ReasonCode } from "~/models/reason-codes.server";
import type { Actor } from "./actor";

type Change = "added" | "renamed" | "retired" | "restored";

async function audit(trx: Executor, actor: Actor, change: Change, list: ReasonList, code: string, details: object) {
  await recordAudit(trx, {
    actorId: actor.userId,
    actorLabel: actor.label,
    action: `reason.${change}`,
    subjectType: "reason_code",
    subjectId: `${list}:${code}`,
    details: { list, code, ...details },
    at: now(),
  });
}

export async function addReason(
  db: DB,
  list: ReasonList,
  label: string,
  actor: Actor,
): Promise<Outcome<{ code: string }>> {
  const code = reasonCodeFor(label);
  if (!code) return invalidFields({ label: ["Use letters or digits in the reason."] });
  return db.transaction().execute(async (trx) => {
    const existing = (await lockReasonList(trx, list)).find(
      (r) => r.code === code || r.label.toLowerCase() === label.trim().toLowerCase(),
    );
    if (existing) {
      const message = existing.active
        ? `“${existing.label}” is already on this list.`
        : `“${existing.label}” is on this list, retired: restore it instead.`;
      return invalidFields({ label: [message] }, message);
    }
    if (!(await insertReason(trx, { list, code, label: label.trim() }))) {
      return fail("conflict", "Someone added this reason at the same moment. Reload the page.");
    }
    await audit(trx, actor, "added", list, code, { label: label.trim() });
    return succeed({ code });
  });
}

/** Runs `change` on one reason of a list, the list locked so concurrent edits see each other. */
async function changeListedReason(
  db: DB,
  list: ReasonList,
  code: string,
  change: (trx: Executor, reason: ReasonCode, reasons: ReasonCode[]) => Promise<Outcome<{ code: string }>>,
): Promise<Outcome<{ code: string }>> {
  return db.transaction().execute(async (trx) => {
    const reasons = await lockReasonList(trx, list);
    const reason = reasons.find((r) => r.code === code);
    if (!reason) return fail("not_found", "There is no such reason on this list.");
    return change(trx, reason, reasons);
  });
}

export async function renameReason(
  db: DB,
  list: ReasonList,
  code: string,
  label: string,
  actor: Actor,
): Promise<Outcome<{ code: string }>> {
  return changeListedReason(db, list, code, async (trx, reason, reasons) => {
    if (reason.label === label.trim())
      return invalidFields({ label: ["This is already its label: type the new one."] });
    const clash = reasons.find((r) => r.code !== code && r.label.toLowerCase() === label.trim().toLowerCase());
    if (clash) return invalidFields({ label: [`Another reason is already called “${clash.label}”.`] });
    await updateReason(trx, list, code, { label: label.trim() });
    await audit(trx, actor, "renamed", list, code, { from: reason.label, to: label.trim() });
    return succeed({ code });
  });
}

/** Retire (`active` false) or restore a reason; the last one a list offers cannot be retired. */
export async function setReasonActive(
  db: DB,
  list: ReasonList,
  code: string,
  active: boolean,
  actor: Actor,
): Promise<Outcome<{ code: string }>> {
  return changeListedReason(db, list, code, async (trx, reason, reasons) => {
    if (reason.active === active) return succeed({ code }); // already so: a repeated click changes nothing
    if (!active && reasons.filter((r) => r.active).length === 1) {
      return fail("conflict", "This is the last reason on the list: add another before retiring it.");
    }
    await updateReason(trx, list, code, { active });
    await audit(trx, actor, active ? "restored" : "retired", list, code, { label: reason.label });
    return succeed({ code });
  });
}
