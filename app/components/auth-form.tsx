import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { Button } from "./button";
import { FlashMessage } from "./flash-message";

/**
 * The one form of a signed-out page (sign-in, setup, invitation): its message, the fields, and a
 * full-width submit button that says what is happening while the post runs.
 */
export function AuthForm({
  intent,
  formError,
  submitLabel,
  busyLabel,
  children,
}: {
  intent: string;
  formError?: string | null;
  submitLabel: string;
  busyLabel: string;
  children: ReactNode;
}) {
  const busy = useNavigation().state !== "idle";
  return (
    <>
      {formError ? <FlashMessage kind="error">{formError}</FlashMessage> : null}
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="intent" value={intent} />
        {children}
        <Button type="submit" block disabled={busy}>
          {busy ? busyLabel : submitLabel}
        </Button>
      </Form>
    </>
  );
}
