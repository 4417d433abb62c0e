/**
 * What people type about themselves and about whom they invite. Routes build their
 * `actionSchema` from these at module load, so they live here, not in a `.server` module (which
 * the browser bundle replaces with nothing).
 */
import { z } from "zod";
import { timeZoneSchema } from "./time-zones";

export const profileSchema = z.object({
  name: z
    .string({ error: "Enter your name." })
    .trim()
    .min(1, "Enter your name.")
    .max(200, "Use at most 200 characters."),
  time_zone: timeZoneSchema,
});

export const inviteeEmailSchema = z
  .string({ error: "Enter an email address." })
  .trim()
  .toLowerCase()
  .pipe(
    z.email({ error: "Enter a valid email address, like name@company.com." }).max(254, "Use at most 254 characters."),
  );
