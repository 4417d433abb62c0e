import { Form } from "@remix-run/react";
import { Button } from "./button";
import { DateTime } from "./date-time";
import { Field } from "./field";
import { FlashMessage } from "./flash-message";

/** A just-created invitation: the link is shown this once (only its hash is stored). */
export function InvitationLink({
  invitation,
}: {
  invitation: { email: string; link: string; expiresAt: string | Date };
}) {
  return (
    <FlashMessage kind="success">
      <span className="stack-tight">
        <span>
          Invitation for <strong>{invitation.email}</strong> created. Send them this link; it works once and expires{" "}
          <DateTime at={invitation.expiresAt} />. It is shown only now.
        </span>
        <label className="field-label" htmlFor="invitation-link">
          Invitation link
        </label>
        <input id="invitation-link" className="field-input mono" readOnly value={invitation.link} />
      </span>
    </FlashMessage>
  );
}

/** The one field an invitation needs; the page's action takes intent "invite". */
export function InvitationForm({ label, error, busy }: { label: string; error?: string[]; busy: boolean }) {
  return (
    <Form method="post" className="form" noValidate>
      <input type="hidden" name="intent" value="invite" />
      <Field
        label={label}
        name="email"
        type="email"
        autoComplete="off"
        error={error}
        hint="You get a link to send them; it works once and expires in 7 days."
      />
      <div className="form-actions">
        <Button type="submit" disabled={busy}>
          Create invitation
        </Button>
      </div>
    </Form>
  );
}
