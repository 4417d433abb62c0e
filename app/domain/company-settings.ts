/**
 * The settings a partner admin keeps for its own company: capacity, a pause (vacation) with the
 * day it ends and an optional note, and the company's time zone. The fields are the manager's
 * partner fields (app/domain/partner-fields.ts), so both sides validate alike.
 */
import { z } from "zod";
import { partnerFieldsSchema, startOfDayInZone } from "./partner-fields";

export const companySettingsSchema = partnerFieldsSchema
  .pick({ capacity: true, time_zone: true, paused_until: true })
  .extend({
    pause_note: z.string().trim().max(500, "Use at most 500 characters.").prefault(""),
  });
export type CompanySettingsForm = z.infer<typeof companySettingsSchema>;

export interface CompanySettings {
  capacity: number;
  timeZone: string;
  /** The instant the pause ends (00:00 of the day given, in the company's zone); null: no pause. */
  pausedUntil: Date | null;
  pauseNote: string | null;
}

/**
 * The settings to store, or the field error: a pause must end after `now` (a day already begun
 * is no pause at all), and a note without a pause has nothing to explain.
 */
export function companySettingsFrom(
  form: CompanySettingsForm,
  now: Date,
): { ok: true; settings: CompanySettings } | { ok: false; field: keyof CompanySettingsForm; message: string } {
  const note = form.pause_note.trim();
  const pausedUntil = form.paused_until ? startOfDayInZone(form.paused_until, form.time_zone) : null;
  if (pausedUntil && pausedUntil.getTime() <= now.getTime())
    return {
      ok: false,
      field: "paused_until",
      message: "Choose a day after today for the pause to end, or leave it empty to take leads now.",
    };
  if (!pausedUntil && note)
    return {
      ok: false,
      field: "pause_note",
      message: "A note goes with a pause: choose the day it ends, or clear the note.",
    };
  return {
    ok: true,
    settings: {
      capacity: form.capacity,
      timeZone: form.time_zone,
      pausedUntil,
      pauseNote: pausedUntil ? note || null : null,
    },
  };
}

/** Whether the company is on a pause at `now` (the router's rule: paused while now < pausedUntil). */
export function isPaused(pausedUntil: Date | null, now: Date): boolean {
  return pausedUntil !== null && pausedUntil.getTime() > now.getTime();
}
