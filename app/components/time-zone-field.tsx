import { SelectField } from "./field";

/** A select of the IANA time zones (the list comes from the loader: app/domain/time-zones). */
export function TimeZoneField({
  label,
  value,
  error,
  timeZones,
  name = "time_zone",
}: {
  label: string;
  value: string;
  error?: string[];
  timeZones: readonly string[];
  name?: string;
}) {
  return (
    <SelectField
      label={label}
      name={name}
      defaultValue={value}
      error={error}
      hint="Every time is shown in this zone, with the zone named."
      options={timeZones.map((tz) => ({ value: tz, label: tz.replaceAll("_", " ") }))}
    />
  );
}
