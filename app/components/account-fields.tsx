/** The fields of a person's own account, the same on sign-in, setup, invitation and password change. */
import { Field } from "./field";

type FieldError = string | string[] | null | undefined;

/** The email a person signs in with (read-only where it is already decided, as on an invitation). */
export function EmailField({
  error,
  defaultValue,
  value,
  hint,
}: {
  error?: FieldError;
  defaultValue?: string;
  /** A fixed address: shown read-only. */
  value?: string;
  hint?: string;
}) {
  return (
    <Field
      label="Email"
      name="email"
      type="email"
      autoComplete="username"
      {...(value === undefined ? { required: true, defaultValue: defaultValue ?? "" } : { readOnly: true, value })}
      hint={hint}
      error={error}
    />
  );
}

/** The person's own name. */
export function NameField({
  label = "Your name",
  error,
  defaultValue,
}: {
  label?: string;
  error?: FieldError;
  defaultValue?: string;
}) {
  return (
    <Field label={label} name="name" autoComplete="name" required defaultValue={defaultValue ?? ""} error={error} />
  );
}

/** The password a person has now, to prove it is them. */
export function CurrentPasswordField({
  label = "Password",
  name = "password",
  error,
}: {
  label?: string;
  name?: string;
  error?: FieldError;
}) {
  return <Field label={label} name={name} type="password" autoComplete="current-password" required error={error} />;
}

/**
 * A new password and the same again (`confirmPassword`), with the length rule as the hint.
 * `label` names the first ("Password", "New password"); the second is that label plus "again".
 */
export function NewPasswordFields({
  label = "Password",
  name = "password",
  minLength,
  errors,
}: {
  label?: string;
  name?: string;
  minLength: number;
  errors: Partial<Record<string, FieldError>>;
}) {
  return (
    <>
      <Field
        label={label}
        name={name}
        type="password"
        autoComplete="new-password"
        hint={`At least ${minLength} characters. A few unrelated words make a strong one.`}
        required
        minLength={minLength}
        error={errors[name]}
      />
      <Field
        label={`${label} again`}
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        error={errors.confirmPassword}
      />
    </>
  );
}
