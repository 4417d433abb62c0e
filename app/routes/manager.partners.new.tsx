/** /manager/partners/new: the partner editor, empty. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { redirectWithFlash } from "~/auth/flash.server";
import { actorFor, requireRole } from "~/auth/guards.server";
import { ButtonLink } from "~/components/button";
import { NestedErrorBoundary } from "~/components/error-page";
import { FlashMessage } from "~/components/flash-message";
import { pageTitle } from "~/components/meta";
import { PageHeader, Panel } from "~/components/page-header";
import { PartnerEditor } from "~/components/partner-editor";
import { getDb } from "~/db.server";
import { partnerFieldsSchema } from "~/domain/partner-fields";
import { timeZones } from "~/domain/time-zones";
import { activeVerticals } from "~/models/lead-intake.server";
import { refuse } from "~/security/answer.server";
import { parseForm } from "~/security/form.server";
import { createPartner } from "~/services/partners.server";

export const meta: MetaFunction = () => pageTitle("New partner");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "channel_manager");
  return { verticals: await activeVerticals(getDb()), timeZones: timeZones() };
}

export const actionSchema = partnerFieldsSchema.safeExtend({ intent: z.literal("save") });

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requireRole(request, "channel_manager");
  const form = await parseForm(request, actionSchema);
  if (!form.ok) return refuse(form, { values: form.values });
  const saved = await createPartner(getDb(), form.data, actorFor(auth));
  if (!saved.ok) return refuse(saved, { values: form.values });
  return redirectWithFlash(`/manager/partners/${saved.partnerId}`, {
    kind: "success",
    message: `Partner “${saved.name}” created. Invite its admin below.`,
  });
}

export default function NewPartner() {
  const { verticals, timeZones } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <>
      <PageHeader
        eyebrow="Partners"
        title="New partner"
        actions={<ButtonLink to="/manager/partners">All partners</ButtonLink>}
      />
      {actionData?.formError ? <FlashMessage kind="error">{actionData.formError}</FlashMessage> : null}
      <Panel narrow>
        <PartnerEditor
          values={actionData?.values ?? { active: "on" }}
          errors={actionData?.fieldErrors ?? {}}
          verticals={verticals}
          timeZones={timeZones}
          submitLabel="Create partner"
          busy={busy}
        />
      </Panel>
    </>
  );
}

export const ErrorBoundary = NestedErrorBoundary;
