/** Disabling people (with the rules that keep a team able to work) and everyone's own profile. */
import type { z } from "zod";
import { endAllSessions } from "~/auth/lucia.server";
import { now } from "~/clock.server";
import type { DB } from "~/db.server";
import type { profileSchema } from "~/domain/people-fields";
import { recordAudit } from "~/models/audit.server";
import { activeManagerIdsForUpdate, findUserById, setDisabled, updateProfile } from "~/models/user.server";
import { fail, succeed, type Outcome } from "~/domain/outcome";
import { lockTeamMembers } from "~/models/partner-team.server";
import type { Actor } from "./actor";
import { handOver } from "./partner-team.server";

/**
 * Disables a user: `scope` is the partner whose people the caller may touch (null: channel
 * managers). Never yourself; never the last active channel manager (the managers' rows are locked
 * first, so two managers disabling each other at once leave one). A partner's person is locked as
 * the team page locks it, and its open leads go back to the partner's shared inbox in the same
 * transaction (ADR 020): none stays with someone who cannot sign in.
 */
export async function disableUser(
  db: DB,
  input: { userId: string; scope: { partnerId: string | null } },
  actor: Actor,
): Promise<Outcome<{ name: string; moved: number }>> {
  if (input.userId === actor.userId) return fail("invalid", "You cannot disable your own account.");
  const at = now();
  return db.transaction().execute(async (trx) => {
    const managers = await activeManagerIdsForUpdate(trx);
    const user = await findUserById(trx, input.userId);
    if (!user || user.partner_id !== input.scope.partnerId) return fail("not_found", "There is no such user.");
    const [member] = user.partner_id ? await lockTeamMembers(trx, user.partner_id, [user.id]) : [];
    if ((member ?? user).disabled) return fail("conflict", `${user.name} is already disabled.`);
    if (user.role === "channel_manager" && managers.length <= 1)
      return fail("conflict", "This is the last active channel manager: invite another before disabling this one.");
    const moved = member ? await handOver(trx, user.partner_id!, member, null, actor, at) : 0;
    await setDisabled(trx, user.id, true);
    await endAllSessions(trx, user.id);
    await recordAudit(trx, {
      actorId: actor.userId,
      actorLabel: actor.label,
      action: "user.disabled",
      subjectType: "user",
      subjectId: user.id,
      details: { leadsHandedOver: moved, to: null },
      at,
    });
    return succeed({ name: user.name, moved });
  });
}

export async function saveProfile(
  db: DB,
  userId: string,
  profile: z.infer<typeof profileSchema>,
  actor: Actor,
): Promise<Outcome> {
  return db.transaction().execute(async (trx) => {
    if (!(await updateProfile(trx, userId, { name: profile.name, timeZone: profile.time_zone })))
      return fail("not_found", "There is no such user.");
    await recordAudit(trx, {
      actorId: actor.userId,
      actorLabel: actor.label,
      action: "user.profile_saved",
      subjectType: "user",
      subjectId: userId,
      details: { ...profile },
      at: now(),
    });
    return succeed({});
  });
}
