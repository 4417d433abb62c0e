import { Form, Link } from "@remix-run/react";
import { LEAD_STATES } from "~/domain/lead-state";
import { SCORE_BANDS, SORTS, type LeadFilters, type ParsedListQuery, type SortCode } from "~/domain/lead-list";
import { LEAD_STATE_LABELS } from "./badge";
import { Button } from "./button";
import { Field, SelectField } from "./field";

export interface FilterChoices {
  partners: { id: string; name: string }[];
  campaigns: { id: string; name: string }[];
  sources: { id: string; name: string }[];
  verticals: { code: string; label: string }[];
}

const STATE_OPTIONS = [
  ...LEAD_STATES.map((s) => ({ value: s, label: LEAD_STATE_LABELS[s] })),
  { value: "closed", label: "Closed (won, lost or disqualified)" },
];
const SORT_OPTIONS = (Object.keys(SORTS) as SortCode[]).map((code) => ({ value: code, label: SORTS[code].label }));

/**
 * The lead list's filters as a plain GET form: the filters live in the URL (bookmark, share,
 * back button) and it works without JavaScript. A value the list could not use shows its message.
 */
export function LeadFilterForm({
  action,
  filters,
  problems,
  choices,
}: {
  action: string;
  filters: LeadFilters;
  problems: ParsedListQuery["problems"];
  choices: FilterChoices;
}) {
  return (
    <Form method="get" action={action} className="filters" aria-label="Filter leads">
      <Field
        className="filters-search"
        label="Search"
        name="q"
        type="search"
        defaultValue={filters.q ?? ""}
        hint="Start of the company, the contact's name or the email"
        error={problems.q}
      />
      <SelectField
        label="State"
        name="state"
        options={STATE_OPTIONS}
        placeholder="Any state"
        defaultValue={filters.state ?? ""}
        error={problems.state}
      />
      <SelectField
        label="Score"
        name="band"
        options={SCORE_BANDS.map((b) => ({ value: b.code, label: b.label }))}
        placeholder="Any score"
        defaultValue={filters.band ?? ""}
        error={problems.band}
      />
      <Field
        label="Territory"
        name="territory"
        defaultValue={filters.territory ?? ""}
        hint="US finds US-CA too"
        error={problems.territory}
      />
      <ChoiceField
        label="Vertical"
        name="vertical"
        items={choices.verticals.map((v) => ({ value: v.code, label: v.label }))}
        value={filters.vertical}
        error={problems.vertical}
      />
      <ChoiceField
        label="Partner"
        name="partner"
        items={named(choices.partners)}
        value={filters.partnerId}
        error={problems.partner}
      />
      <ChoiceField
        label="Campaign"
        name="campaign"
        items={named(choices.campaigns)}
        value={filters.campaignId}
        error={problems.campaign}
      />
      <ChoiceField
        label="Source"
        name="source"
        items={named(choices.sources)}
        value={filters.sourceId}
        error={problems.source}
      />
      <SelectField label="Sort" name="sort" options={SORT_OPTIONS} defaultValue={filters.sort} error={problems.sort} />
      <div className="checkbox">
        <input type="checkbox" id="filter-overdue" name="overdue" value="1" defaultChecked={filters.overdue} />
        <label htmlFor="filter-overdue">Overdue follow-up only</label>
      </div>
      <div className="form-actions filters-actions">
        <Button type="submit">Apply filters</Button>
        <Link to={action}>Clear filters</Link>
      </div>
    </Form>
  );
}

const named = (rows: { id: string; name: string }[]) => rows.map((r) => ({ value: r.id, label: r.name }));

/** An optional choice from a list: "Any partner", "Any campaign", … */
function ChoiceField({
  label,
  name,
  items,
  value,
  error,
}: {
  label: string;
  name: string;
  items: { value: string; label: string }[];
  value: string | null;
  error?: string;
}) {
  return (
    <SelectField
      label={label}
      name={name}
      options={items}
      placeholder={`Any ${label.toLowerCase()}`}
      defaultValue={value ?? ""}
      error={error}
    />
  );
}
