import { Badge } from "./badge";
import { TextWithTimes } from "./date-time";

/** One partner as the routing rules judge it for a lead (see app/domain/routing.ts). */
export interface PickerPartner {
  partnerId: string;
  partnerName: string;
  eligible: boolean;
  /** A manual offer may go ahead (with a reason when `excludedFor` is not empty). */
  offerable: boolean;
  rank: number | null;
  rankReason: string;
  excludedFor: { code: string; reason: string }[];
  /** How an earlier offer of this lead to the partner ended ("declined", "expired", …). */
  earlier?: string | null;
}

/**
 * Radio buttons, one per partner, each with its eligibility and, when not eligible, why. A
 * partner held back only by territory, vertical, capacity or pause can be chosen (the offer
 * then needs a reason); a withheld partner, or one already offered the lead, cannot.
 */
export function PartnerPicker({
  partners,
  name,
  legend,
  error,
  selected,
}: {
  partners: PickerPartner[];
  name: string;
  legend: string;
  error?: string | null;
  selected?: string;
}) {
  const errorId = `${name}-picker-error`;
  return (
    <fieldset className="picker" aria-describedby={error ? errorId : undefined}>
      <legend className="field-label">{legend}</legend>
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
      <ul className="picker-list">
        {partners.map((p) => {
          const id = `${name}-${p.partnerId}`;
          return (
            <li key={p.partnerId} className={p.offerable ? "picker-item" : "picker-item picker-item-off"}>
              <input
                type="radio"
                id={id}
                name={name}
                value={p.partnerId}
                disabled={!p.offerable}
                defaultChecked={selected === p.partnerId}
                aria-describedby={`${id}-why`}
              />
              <label htmlFor={id}>
                <span className="picker-name">{p.partnerName}</span>{" "}
                {p.eligible ? (
                  <Badge tone="success">{`Eligible, ranked ${p.rank}`}</Badge>
                ) : p.offerable ? (
                  <Badge tone="warning">Override with a reason</Badge>
                ) : (
                  <Badge tone="danger">Cannot be offered</Badge>
                )}
              </label>
              <p className="picker-why" id={`${id}-why`}>
                <TextWithTimes text={p.eligible ? p.rankReason : p.excludedFor.map((e) => e.reason).join(" ")} />
                {p.earlier ? ` Earlier offer: ${p.earlier}.` : null}
              </p>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
