import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";

interface FrameProps {
  label: string;
  /** The message shown under the field; sets `aria-invalid` and links it with `aria-describedby`. */
  error?: string | string[] | null;
  hint?: string;
  className?: string;
}

interface ControlProps {
  id: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
}

/** Label, hint and error around one control (input, select or textarea), wired for screen readers. */
function FieldFrame({
  label,
  error,
  hint,
  className,
  control,
}: FrameProps & { control: (props: ControlProps) => ReactNode }) {
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
      {control({ id, "aria-invalid": message ? true : undefined, "aria-describedby": describedBy })}
      {message ? (
        <p className="field-error" id={errorId}>
          {message}
        </p>
      ) : null}
    </div>
  );
}

interface FieldProps extends FrameProps, Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "className"> {
  name: string;
}

/** A labelled input with its hint and error message. */
export function Field({ label, error, hint, className, ...input }: FieldProps) {
  return (
    <FieldFrame
      label={label}
      error={error}
      hint={hint}
      className={className}
      control={(p) => <input className="field-input" {...p} {...input} />}
    />
  );
}

interface SelectFieldProps extends FrameProps, Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "className"> {
  name: string;
  options: readonly { value: string; label: string }[];
  /** A first, empty choice (for optional fields), e.g. "— none —". */
  placeholder?: string;
}

/** A labelled select with its hint and error message. */
export function SelectField({ label, error, hint, className, options, placeholder, ...select }: SelectFieldProps) {
  return (
    <FieldFrame
      label={label}
      error={error}
      hint={hint}
      className={className}
      control={(p) => (
        <select className="field-input" {...p} {...select}>
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

interface TextAreaFieldProps extends FrameProps, Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id" | "className"> {
  name: string;
}

/** A labelled multi-line text box with its hint and error message. */
export function TextAreaField({ label, error, hint, className, ...textarea }: TextAreaFieldProps) {
  return (
    <FieldFrame
      label={label}
      error={error}
      hint={hint}
      className={className}
      control={(p) => <textarea className="field-input" {...p} {...textarea} />}
    />
  );
}
