/** /manager/people: the channel team; invite another channel manager, disable one. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { redirectWithFlash } from "~/auth/flash.server";
import { actorFor, requireRole } from "~/auth/guards.server";
import { DateTime } from "~/components/date-time";
import { NestedErrorBoundary } from "~/components/error-page";
import { FlashMessage } from "~/components/flash-message";
import { InvitationForm, InvitationLink } from "~/components/invitation-link";
import { pageTitle } from "~/components/meta";
import { PageHeader, Panel } from "~/components/page-header";
import { PeopleTable } from "~/components/people-table";
import { now } from "~/clock.server";
import { getDb } from "~/db.server";
import { pendingInvitations } from "~/models/invitation.server";
import { listManagers } from "~/models/user.server";
import { isUuid } from "~/security/ids";
import { answer, refuse } from "~/security/answer.server";
import { parseForm } from "~/security/form.server";
import { inviteeEmailSchema } from "~/domain/people-fields";
import { createInvitation, invitationLink } from "~/services/invitations.server";
import { disableUser } from "~/services/people.server";

export const meta: MetaFunction = () => pageTitle("People");

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireRole(request, "channel_manager");
  const db = getDb();
  return { me: auth.user.id, managers: await listManagers(db), invitations: await pendingInvitations(db, null, now()) };
}

export const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("invite"), email: inviteeEmailSchema }),
  z.object({ intent: z.literal("disable"), userId: z.string().refine(isUuid, "Choose a channel manager.") }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requireRole(request, "channel_manager");
  const form = await parseForm(request, actionSchema);
  if (!form.ok) return refuse(form, { invitation: null });
  const db = getDb();
  if (form.data.intent === "invite") {
    const made = await createInvitation(
      db,
      { email: form.data.email, role: "channel_manager", partnerId: null },
      actorFor(auth),
    );
    if (!made.ok) return refuse(made, { invitation: null }, "email");
    return answer({
      invitation: { email: form.data.email, link: invitationLink(made.token), expiresAt: made.expiresAt },
    });
  }
  const done = await disableUser(db, { userId: form.data.userId, scope: { partnerId: null } }, actorFor(auth));
  if (!done.ok) return refuse(done, { invitation: null });
  return redirectWithFlash("/manager/people", {
    kind: "success",
    message: `${done.name} is disabled and signed out everywhere.`,
  });
}

export default function People() {
  const { me, managers, invitations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors = actionData?.fieldErrors ?? {};
  return (
    <>
      <PageHeader
        eyebrow="Channel team"
        title="People"
        description="The vendor's channel managers. Partner people are on each partner's page."
      />
      {actionData?.formError ? <FlashMessage kind="error">{actionData.formError}</FlashMessage> : null}
      {actionData?.invitation ? <InvitationLink invitation={actionData.invitation} /> : null}
      <Panel title="Channel managers">
        <PeopleTable caption="Channel managers" people={managers} disableIntent="disable" busy={busy} me={me} />
      </Panel>
      <Panel title="Invite a channel manager" narrow>
        {invitations.length ? (
          <ul className="stack-tight">
            {invitations.map((i) => (
              <li key={i.id} className="muted">
                {i.email}: invited by {i.invitedByLabel}, expires <DateTime at={i.expiresAt} />
              </li>
            ))}
          </ul>
        ) : null}
        <InvitationForm label="Email" error={errors.email} busy={busy} />
      </Panel>
    </>
  );
}

export const ErrorBoundary = NestedErrorBoundary;
