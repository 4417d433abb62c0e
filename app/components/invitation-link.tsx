import { DateTime } from "./date-time";
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
