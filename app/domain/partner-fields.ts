/**
 * A partner as a channel manager types it. Territories are codes such as `US` or `US-CA`
 * (comma-separated); verticals are codes of the vertical list. A pause ends at the start of the
 * day given, in the partner's own time zone.
 */
import { z } from "zod";
import { timeZoneSchema } from "./time-zones";

const codeList = (pattern: RegExp, example: string) =>
  z
    .string()
    .prefault("")
    .transform((v) => [
      ...new Set(
        v
          .split(/[,\s]+/)
          .map((c) => c.trim())
          .filter(Boolean),
      ),
    ])
    .refine((codes) => codes.every((c) => pattern.test(c)), {
      message: `Use codes separated by commas, like ${example}.`,
    });

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const partnerFieldsSchema = z.object({
  name: z
    .string({ error: "Enter the partner's name." })
    .trim()
    .min(1, "Enter the partner's name.")
    .max(120, "Use at most 120 characters."),
  contact_email: z
    .string({ error: "Enter the partner's channel contact email." })
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: "Enter a valid email address, like channel@partner.com." }).max(254)),
  territories: codeList(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, "US, US-CA, DE").pipe(
    z.array(z.string()).min(1, "Give at least one territory, like US or US-CA."),
  ),
  verticals: codeList(/^[a-z0-9_-]{1,40}$/, "software, healthcare"),
  capacity: z
    .string()
    .trim()
    .regex(/^\d{1,4}$/, "Enter a whole number of open leads, from 0 to 9999.")
    .transform(Number),
  time_zone: timeZoneSchema,
  paused_until: z
    .string()
    .trim()
    .prefault("")
    .refine(
      (v) => v === "" || (DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))),
      "Enter a date (YYYY-MM-DD), or leave it empty.",
    ),
  active: z.enum(["on", ""], { error: "Choose whether the partner takes leads." }).prefault(""),
});
export type PartnerFormFields = z.infer<typeof partnerFieldsSchema>;

/** Minutes the zone is ahead of UTC at `at`. */
function zoneOffsetMinutes(at: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    })
      .formatToParts(at)
      .map((p) => [p.type, Number(p.value)]),
  );
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return Math.round((asUtc - at.getTime()) / 60_000);
}

/** 00:00 of the day `ymd` (YYYY-MM-DD) in `timeZone`, as an instant. */
export function startOfDayInZone(ymd: string, timeZone: string): Date {
  const guess = Date.parse(`${ymd}T00:00:00Z`);
  const first = guess - zoneOffsetMinutes(new Date(guess), timeZone) * 60_000;
  return new Date(guess - zoneOffsetMinutes(new Date(first), timeZone) * 60_000);
}

/** The day (YYYY-MM-DD) an instant falls on in `timeZone`. */
export function dayInZone(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

/** The form's values for an existing partner (the pause as the day it ends, in the partner's zone). */
export function partnerFormValues(p: {
  name: string;
  contact_email: string;
  territories: string[];
  verticals: string[];
  capacity: number;
  time_zone: string;
  paused_until: Date | null;
  active: boolean;
}): Record<string, string> {
  return {
    name: p.name,
    contact_email: p.contact_email,
    territories: p.territories.join(", "),
    verticals: p.verticals.join(", "),
    capacity: String(p.capacity),
    time_zone: p.time_zone,
    paused_until: p.paused_until ? dayInZone(p.paused_until, p.time_zone) : "",
    active: p.active ? "on" : "",
  };
}
