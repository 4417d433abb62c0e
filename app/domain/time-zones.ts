/** The IANA time zones a person may choose (the runtime's list, plus UTC which it leaves out). */
import { z } from "zod";

let zones: readonly string[] | undefined;

export function timeZones(): readonly string[] {
  zones ??= ["UTC", ...Intl.supportedValuesOf("timeZone").filter((tz) => tz !== "UTC")];
  return zones;
}

export const timeZoneSchema = z
  .string({ error: "Choose a time zone." })
  .trim()
  .refine((tz) => timeZones().includes(tz), { message: "Choose a time zone from the list, like Europe/Berlin." });
