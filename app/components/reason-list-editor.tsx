import { Form, useNavigation } from "@remix-run/react";
import type { ReasonList } from "@db/schema";
import { Badge } from "./badge";
import { Button } from "./button";
import { Field } from "./field";
import { REASON_NOUNS } from "~/domain/reason-code";

interface Reason {
  code: string;
  label: string;
  active: boolean;
}

/** The last refused post: its messages and typed values go back to the form they came from. */
interface Answer {
  target: string;
  values: Record<string, string>;
  fieldErrors: Record<string, string[] | undefined>;
}

/** One reason list: each reason renamed, retired or restored on its own row; a form to add one. */
export function ReasonListEditor({
  list,
  reasons,
  answer,
}: {
  list: ReasonList;
  reasons: Reason[];
  answer: Answer | null;
}) {
  const busy = useNavigation().state !== "idle";
  const mine = (code: string) => (answer?.target === `${list}:${code}` ? answer : null);
  const added = mine("add");
  return (
    <div className="stack">
      <ul className="reason-list">
        {reasons.map((r) => {
          const a = mine(r.code);
          return (
            <li key={r.code} className="reason-row">
              <div className="reason-row-head">
                <strong>{r.label}</strong> <span className="muted">code {r.code}</span>{" "}
                {r.active ? null : <Badge tone="neutral">Retired</Badge>}
              </div>
              <Form method="post" className="reason-row-form" key={a ? JSON.stringify(a.values) : r.label}>
                <input type="hidden" name="list" value={list} />
                <input type="hidden" name="code" value={r.code} />
                <Field
                  label={`New label for “${r.label}”`}
                  name="label"
                  defaultValue={a?.values.label ?? r.label}
                  error={a?.fieldErrors.label}
                />
                <div className="form-actions">
                  <Button
                    type="submit"
                    name="intent"
                    value="rename"
                    variant="secondary"
                    size="small"
                    disabled={busy}
                    aria-label={`Rename “${r.label}”`}
                  >
                    Rename
                  </Button>
                  <Button
                    type="submit"
                    name="intent"
                    value={r.active ? "retire" : "restore"}
                    variant="secondary"
                    size="small"
                    disabled={busy}
                    aria-label={`${r.active ? "Retire" : "Restore"} “${r.label}”`}
                  >
                    {r.active ? "Retire" : "Restore"}
                  </Button>
                </div>
              </Form>
            </li>
          );
        })}
      </ul>
      <Form method="post" className="reason-row-form" key={added ? JSON.stringify(added.values) : "add"}>
        <input type="hidden" name="list" value={list} />
        <Field
          label={`New ${REASON_NOUNS[list]}`}
          name="label"
          defaultValue={added?.values.label}
          error={added?.fieldErrors.label}
          hint="As partners will read it."
        />
        <div className="form-actions">
          <Button type="submit" name="intent" value="add" size="small" disabled={busy}>
            Add {REASON_NOUNS[list]}
          </Button>
        </div>
      </Form>
    </div>
  );
}
