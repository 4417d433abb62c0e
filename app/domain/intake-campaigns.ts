/**
 * A campaign as a channel manager types it: dates are whole days (UTC), the cost is typed in
 * currency units and kept as integer cents.
 */
import { z } from "zod";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const optionalDate = z
  .string()
  .trim()
  .refine(
    (v) => v === "" || (DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))),
    "must be a date (YYYY-MM-DD)",
  )
  .transform((v) => (v === "" ? null : new Date(`${v}T00:00:00Z`)));

/** The campaign form: dates are whole days (UTC), the cost is typed in currency units and kept in cents. */
export const campaignFieldsSchema = z
  .object({
    name: z.string({ error: "is required" }).trim().min(1, "is required").max(120, "must be at most 120 characters"),
    channel: z.string({ error: "is required" }).trim().min(1, "is required").max(60, "must be at most 60 characters"),
    starts_on: optionalDate.prefault(""),
    ends_on: optionalDate.prefault(""),
    cost: z
      .string()
      .trim()
      .transform((v) => v.replace(/[,\s]/g, ""))
      .refine((v) => v === "" || /^\d{1,10}(\.\d{1,2})?$/.test(v), "must be an amount such as 1250 or 1250.50")
      .transform((v) => (v === "" ? 0 : Math.round(Number(v) * 100)))
      .prefault(""),
  })
  .refine((v) => !v.starts_on || !v.ends_on || v.ends_on >= v.starts_on, {
    path: ["ends_on"],
    message: "must not be before the start",
  });
export type CampaignFields = z.infer<typeof campaignFieldsSchema>;

export const CAMPAIGN_CHANNELS = [
  "Webinar",
  "Trade show",
  "Paid search",
  "Social",
  "Email",
  "Content",
  "Partner event",
  "Other",
];

/** The form's values for an existing campaign (dates as YYYY-MM-DD, cost in currency units). */
export function campaignFormValues(c: {
  name: string;
  channel: string;
  starts_at: Date | null;
  ends_at: Date | null;
  cost_cents: number;
}): Record<string, string> {
  const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "");
  return {
    name: c.name,
    channel: c.channel,
    starts_on: day(c.starts_at),
    ends_on: day(c.ends_at),
    cost: (c.cost_cents / 100).toFixed(2),
  };
}
