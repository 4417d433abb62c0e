/** /manager/partners/:id/edit: the partner editor, filled in. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { redirectWithFlash } from "~/auth/flash.server";
import { actorFor, notFound, requireRole } from "~/auth/guards.server";
import { ButtonLink } from "~/components/button";
import { NestedErrorBoundary } from "~/components/error-page";
import { FlashMessage } from "~/components/flash-message";
import { pageTitle } from "~/components/meta";
import { PageHeader, Panel } from "~/components/page-header";
import { PartnerEditor } from "~/components/partner-editor";
import { getDb } from "~/db.server";
import { partnerFieldsSchema, partnerFormValues } from "~/domain/partner-fields";
import { timeZones } from "~/domain/time-zones";
import { activeVerticals } from "~/models/lead-intake.server";
import { findPartner } from "~/models/partner.server";
import { isUuid } from "~/security/ids";
import { refuse } from "~/security/answer.server";
import { parseForm } from "~/security/form.server";
import { editPartner } from "~/services/partners.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data ? `Edit ${data.name}` : "Partner");

async function partnerOf(param: string | undefined) {
  const partner = isUuid(param) ? await findPartner(getDb(), param) : undefined;
  if (!partner) throw notFound("There is no partner at this address.");
  return partner;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "channel_manager");
  const partner = await partnerOf(params.partnerId);
  return {
    id: partner.id,
    name: partner.name,
    values: partnerFormValues(partner),
    verticals: await activeVerticals(getDb()),
    timeZones: timeZones(),
  };
}

export const actionSchema = partnerFieldsSchema.safeExtend({ intent: z.literal("save") });

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await requireRole(request, "channel_manager");
  const partner = await partnerOf(params.partnerId);
  const form = await parseForm(request, actionSchema);
  if (!form.ok) return refuse(form, { values: form.values });
  const saved = await editPartner(getDb(), partner.id, form.data, actorFor(auth));
  if (!saved.ok) return refuse(saved, { values: form.values });
  return redirectWithFlash(`/manager/partners/${partner.id}`, {
    kind: "success",
    message: `Partner “${saved.name}” saved.`,
  });
}

export default function EditPartner() {
  const { id, name, values, verticals, timeZones } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <>
      <PageHeader
        eyebrow="Partners"
        title={`Edit ${name}`}
        actions={<ButtonLink to={`/manager/partners/${id}`}>Back to the partner</ButtonLink>}
      />
      {actionData?.formError ? <FlashMessage kind="error">{actionData.formError}</FlashMessage> : null}
      <Panel narrow>
        <PartnerEditor
          values={{ ...values, ...actionData?.values }}
          errors={actionData?.fieldErrors ?? {}}
          verticals={verticals}
          timeZones={timeZones}
          submitLabel="Save changes"
          busy={busy}
        />
      </Panel>
    </>
  );
}

export const ErrorBoundary = NestedErrorBoundary;
