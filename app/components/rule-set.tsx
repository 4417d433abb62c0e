import type { Policy } from "~/domain/policy";
import { policyChanges, ruleSections } from "~/domain/rule-text";
import { DateTime } from "./date-time";

/**
 * The rule set in force as one page of plain English, with what its latest version changed.
 * Shared by the partner's and the manager's rules pages.
 */
export function RuleSet({
  policy,
  previous,
  note,
  since,
  timeZone,
}: {
  policy: Policy;
  previous: Policy | null;
  note: string;
  since: Date | string;
  timeZone?: string;
}) {
  const changes = previous ? policyChanges(previous, policy) : [];
  return (
    <article className="rule-set" aria-labelledby="rule-set-title">
      <p className="rule-set-version" id="rule-set-title">
        Version {policy.version}, in force since <DateTime at={since} timeZone={timeZone} />.
      </p>
      <section className="rule-set-section" aria-labelledby="rule-set-changes">
        <h2 id="rule-set-changes">What changed in this version</h2>
        {previous === null ? (
          <p>This is the first version of the rules.</p>
        ) : changes.length === 0 ? (
          <p>No deadline, threshold or weight changed from version {previous.version}.</p>
        ) : (
          <ul>
            {changes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        )}
        {note ? <p className="muted">Note from the channel team: {note}</p> : null}
      </section>
      {ruleSections(policy).map((s, i) => (
        <section key={s.title} className="rule-set-section" aria-labelledby={`rule-set-${i}`}>
          <h2 id={`rule-set-${i}`}>{s.title}</h2>
          <ul>
            {s.rules.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </section>
      ))}
    </article>
  );
}
