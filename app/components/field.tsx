import { useId, type InputHTMLAttributes } from "react";

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "id"> {
  label: string;
  name: string;
  /** The message shown under the field; sets `aria-invalid` and links it with `aria-describedby`. */
  error?: string | string[] | null;
  hint?: string;
}

/** A labelled input with its hint and error message. */
export function Field({ label, name, error, hint, className, ...input }: FieldProps) {
  const id = useId();
  const message = Array.isArray(error) ? error[0] : error;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = message ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={["field", className].filter(Boolean).join(" ")}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        className="field-input"
        aria-invalid={message ? true : undefined}
        aria-describedby={describedBy}
        {...input}
      />
      {message ? (
        <p className="field-error" id={errorId}>
          {message}
        </p>
      ) : null}
    </div>
  );
}
