import { SCORING_CRITERIA } from "~/domain/lead-scoring";
import { CRITERION_LABELS } from "~/domain/scoring-form";
import { Field, SelectField } from "./field";

const CRITERIA = SCORING_CRITERIA.map((c) => ({ value: c, label: CRITERION_LABELS[c] }));

/** One scoring rule of the scoring form, fields named `rules.<index>.<field>`; the last row adds a rule. */
export function ScoringRuleRow({
  index,
  values,
  errors,
  last,
}: {
  index: number;
  values: Record<string, string | undefined>;
  errors: Record<string, string[] | undefined>;
  /** The blank row at the end, for adding a rule. */
  last: boolean;
}) {
  const name = (field: string) => `rules.${index}.${field}`;
  const props = (field: string) => ({
    name: name(field),
    defaultValue: values[name(field)],
    error: errors[name(field)],
  });
  return (
    <fieldset className="form-group scoring-rule">
      <legend>{last ? "Add a rule" : `Rule ${index + 1}`}</legend>
      {values[name("id")] ? <input type="hidden" name={name("id")} value={values[name("id")]} /> : null}
      <div className="scoring-rule-fields">
        <SelectField
          label="Looks at"
          placeholder={last ? "— choose —" : undefined}
          options={CRITERIA}
          {...props("criterion")}
        />
        <Field label="Words or codes" {...props("values")} />
        <Field label="From" inputMode="numeric" className="field-short" {...props("min")} />
        <Field label="To" inputMode="numeric" className="field-short" {...props("max")} />
        <Field label="Points" inputMode="numeric" className="field-short" {...props("points")} />
      </div>
      {last ? null : (
        <label className="checkbox">
          <input type="checkbox" name={name("remove")} value="on" defaultChecked={values[name("remove")] === "on"} />{" "}
          Remove this rule
        </label>
      )}
    </fieldset>
  );
}
