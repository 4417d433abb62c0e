/**
 * What people type about themselves (name, zone, a new password) and about whom they invite. Routes build their
 * `actionSchema` from these at module load, so they live here, not in a `.server` module (which
 * the browser bundle replaces with nothing).
 */
import { z } from "zod";
import { MAX_PASSWORD_LENGTH } from "./password-length";
import { timeZoneSchema } from "./time-zones";

export const personNameSchema = z
  .string({ error: "Enter your name." })
  .trim()
  .min(1, "Enter your name.")
  .max(200, "Use at most 200 characters.");

export const profileSchema = z.object({ name: personNameSchema, time_zone: timeZoneSchema });

const typed = (missing: string) => z.string({ error: missing }).min(1, missing);

/**
 * The form's fields plus a new password typed twice: `password` (on setup and invitations) or
 * `newPassword` (when changing one), and `confirmPassword`, refused unless the two are the same.
 * The length rule is the password module's, checked where the password is hashed.
 */
export function withNewPassword<S extends z.ZodRawShape, K extends "password" | "newPassword">(shape: S, key: K) {
  const what = key === "password" ? "password" : "new password";
  const twice = {
    [key]: typed(key === "password" ? "Choose a password." : "Enter a new password.").max(
      MAX_PASSWORD_LENGTH,
      `Use at most ${MAX_PASSWORD_LENGTH} characters.`,
    ),
    confirmPassword: typed(`Type the ${what} again.`),
  } as Record<K | "confirmPassword", z.ZodString>;
  const same = (v: Record<string, unknown>) => v[key] === v.confirmPassword;
  return z.object({ ...shape, ...twice }).refine(same, {
    path: ["confirmPassword"],
    message: `The two ${what}s are not the same.`,
  });
}

export const inviteeEmailSchema = z
  .string({ error: "Enter an email address." })
  .trim()
  .toLowerCase()
  .pipe(
    z.email({ error: "Enter a valid email address, like name@company.com." }).max(254, "Use at most 254 characters."),
  );
