/** /manager/campaigns/new: create a campaign. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "~/db.server";
import { redirectWithFlash } from "~/auth/flash.server";
import { actorFor, requireRole } from "~/auth/guards.server";
import { CampaignEditor } from "~/components/campaign-editor";
import { NestedErrorBoundary } from "~/components/error-page";
import { pageTitle } from "~/components/meta";
import { campaignFieldsSchema } from "~/domain/intake-campaigns";
import { refuse } from "~/security/answer.server";
import { parseForm } from "~/security/form.server";
import { createCampaign } from "~/services/campaigns.server";

export const meta: MetaFunction = () => pageTitle("New campaign");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "channel_manager");
  return null;
}

export const actionSchema = campaignFieldsSchema.safeExtend({ intent: z.literal("save") });

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requireRole(request, "channel_manager");
  const form = await parseForm(request, actionSchema);
  if (!form.ok) return refuse(form, { values: form.values });
  const { intent: _intent, ...fields } = form.data;
  const saved = await createCampaign(getDb(), fields, actorFor(auth));
  if (!saved.ok) return refuse(saved, { values: form.values });
  return redirectWithFlash("/manager/campaigns", {
    kind: "success",
    message: `Campaign “${saved.campaign.name}” saved.`,
  });
}

export default function NewCampaign() {
  const actionData = useActionData<typeof action>();
  return (
    <CampaignEditor
      title="New campaign"
      values={actionData?.values ?? {}}
      formError={actionData?.formError ?? null}
      fieldErrors={actionData?.fieldErrors ?? {}}
      submitLabel="Create campaign"
    />
  );
}

export const ErrorBoundary = NestedErrorBoundary;
