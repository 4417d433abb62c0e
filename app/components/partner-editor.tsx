import { Form } from "@remix-run/react";
import { Button } from "./button";
import { Field, SelectField } from "./field";
import { TimeZoneField } from "./time-zone-field";

export type PartnerEditorValues = Partial<
  Record<
    "name" | "contact_email" | "territories" | "verticals" | "capacity" | "time_zone" | "paused_until" | "active",
    string
  >
>;

/** The one partner form, for creating and for editing (intent "save"). */
export function PartnerEditor({
  values,
  errors,
  verticals,
  timeZones,
  submitLabel,
  busy,
}: {
  values: PartnerEditorValues;
  errors: Record<string, string[] | undefined>;
  verticals: { code: string; label: string }[];
  timeZones: readonly string[];
  submitLabel: string;
  busy: boolean;
}) {
  return (
    <Form method="post" className="form" noValidate key={JSON.stringify(values)}>
      <input type="hidden" name="intent" value="save" />
      <Field
        label="Name"
        name="name"
        required
        defaultValue={values.name}
        error={errors.name}
        autoComplete="organization"
      />
      <Field
        label="Channel contact email"
        name="contact_email"
        type="email"
        required
        defaultValue={values.contact_email}
        error={errors.contact_email}
        hint="Where partner-wide notices go."
      />
      <Field
        label="Territories"
        name="territories"
        required
        defaultValue={values.territories}
        error={errors.territories}
        hint="Codes separated by commas: a country (US) or a region (US-CA)."
      />
      <Field
        label="Verticals"
        name="verticals"
        defaultValue={values.verticals}
        error={errors.verticals}
        hint={`Codes separated by commas, from: ${verticals.map((v) => v.code).join(", ") || "none defined"}. Empty: no vertical.`}
      />
      <div className="grid-2">
        <Field
          label="Capacity (open leads)"
          name="capacity"
          inputMode="numeric"
          required
          defaultValue={values.capacity ?? "10"}
          error={errors.capacity}
        />
        <Field
          label="Paused until"
          name="paused_until"
          type="date"
          defaultValue={values.paused_until}
          error={errors.paused_until}
          hint="No new offers before this day starts in the partner's zone."
        />
      </div>
      <TimeZoneField
        label="Partner's time zone"
        value={values.time_zone ?? "UTC"}
        error={errors.time_zone}
        timeZones={timeZones}
      />
      <SelectField
        label="Takes leads"
        name="active"
        defaultValue={values.active === "" ? "" : "on"}
        options={[
          { value: "on", label: "Active: the router may offer leads" },
          { value: "", label: "Inactive: no offers at all" },
        ]}
        error={errors.active}
      />
      <div className="form-actions">
        <Button type="submit" disabled={busy}>
          {submitLabel}
        </Button>
      </div>
    </Form>
  );
}
