import { SelectField } from "./field";

/** The campaign a lead (or a whole import) comes from; optional. */
export function CampaignField({
  campaigns,
  defaultValue,
  error,
}: {
  campaigns: { id: string; name: string }[];
  defaultValue?: string;
  error?: string | string[] | null;
}) {
  return (
    <SelectField
      label="Campaign"
      name="campaign_id"
      placeholder="— none —"
      options={campaigns.map((c) => ({ value: c.id, label: c.name }))}
      defaultValue={defaultValue}
      error={error}
    />
  );
}
