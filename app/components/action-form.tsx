import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { Button, type ButtonVariant } from "./button";

/**
 * One action of a page as a form of its own: its intent (and any hidden ids), an optional
 * heading and explanation, its fields, and one submit button. Named by its heading (or its
 * button) so assistive technology and specs can tell the forms of a page apart.
 */
export function ActionForm({
  intent,
  hidden = {},
  title,
  intro,
  submit,
  variant = "primary",
  busy,
  children,
}: {
  intent: string;
  hidden?: Record<string, string>;
  title?: ReactNode;
  intro?: ReactNode;
  submit: string;
  variant?: ButtonVariant;
  busy: boolean;
  children?: ReactNode;
}) {
  const headingId = `${intent}-form-title`;
  return (
    <Form
      method="post"
      className="form"
      noValidate
      aria-labelledby={title ? headingId : undefined}
      aria-label={title ? undefined : submit}
    >
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {title ? (
        <h3 className="panel-subtitle" id={headingId}>
          {title}
        </h3>
      ) : null}
      {intro ? <p className="muted">{intro}</p> : null}
      {children}
      <div className="form-actions">
        <Button type="submit" variant={variant} disabled={busy}>
          {submit}
        </Button>
      </div>
    </Form>
  );
}
