/** Disabling people (with the rules that keep a team able to work) and everyone's own profile. */
import { z } from "zod";
import { endAllSessions } from "~/auth/lucia.server";
import { now } from "~/clock.server";
import type { DB } from "~/db.server";
import { timeZoneSchema } from "~/domain/time-zones";
import { recordAudit } from "~/models/audit.server";
import { activeManagerIdsForUpdate, findUserById, setDisabled, updateProfile } from "~/models/user.server";
import { fail, succeed, type Outcome } from "~/domain/outcome";
import type { Actor } from "./actor";

/**
 * Disables a user: `scope` is the partner whose people the caller may touch (null: channel
 * managers). Never yourself; never the last active channel manager (the managers' rows are locked
 * first, so two managers disabling each other at once leave one).
 */
export async function disableUser(
  db: DB,
  input: { userId: string; scope: { partnerId: string | null } },
  actor: Actor,
): Promise<Outcome<{ name: string }>> {
  if (input.userId === actor.userId) return fail("invalid", "You cannot disable your own account.");
  return db.transaction().execute(async (trx) => {
    const managers = await activeManagerIdsForUpdate(trx);
    const user = await findUserById(trx, input.userId);
    if (!user || user.partner_id !== input.scope.partnerId) return fail("not_found", "There is no such user.");
    if (user.disabled) return fail("conflict", `${user.name} is already disabled.`);
    if (user.role === "channel_manager" && managers.length <= 1)
      return fail("conflict", "This is the last active channel manager: invite another before disabling this one.");
    await setDisabled(trx, user.id, true);
    await endAllSessions(trx, user.id);
    await recordAudit(trx, {
      actorId: actor.userId,
      actorLabel: actor.label,
      action: "user.disabled",
      subjectType: "user",
      subjectId: user.id,
      at: now(),
    });
    return succeed({ name: user.name });
  });
}

export const profileSchema = z.object({
  name: z
    .string({ error: "Enter your name." })
    .trim()
    .min(1, "Enter your name.")
    .max(200, "Use at most 200 characters."),
  time_zone: timeZoneSchema,
});

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
