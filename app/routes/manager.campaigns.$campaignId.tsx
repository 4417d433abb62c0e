/** /manager/campaigns/:id: edit a campaign, archive or restore it. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "~/db.server";
import { redirectWithFlash } from "~/auth/flash.server";
import { actorFor, notFound, requireRole } from "~/auth/guards.server";
import { Button } from "~/components/button";
import { CampaignEditor } from "~/components/campaign-editor";
import { NestedErrorBoundary } from "~/components/error-page";
import { pageTitle } from "~/components/meta";
import { Panel } from "~/components/page-header";
import { campaignFieldsSchema, campaignFormValues } from "~/domain/intake-campaigns";
import { refuse } from "~/security/answer.server";
import { getCampaign } from "~/models/campaign.server";
import { parseForm } from "~/security/form.server";
import { isUuid } from "~/security/ids";
import { archiveCampaign, editCampaign } from "~/services/campaigns.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data?.campaign.name ?? "Campaign");

/** The campaign at this address, or a thrown 404. */
async function campaignOf(param: string | undefined) {
  const campaign = isUuid(param) ? await getCampaign(getDb(), param) : undefined;
  if (!campaign) throw notFound("There is no campaign at this address.");
  return campaign;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "channel_manager");
  const campaign = await campaignOf(params.campaignId);
  return {
    campaign: { id: campaign.id, name: campaign.name, archived: campaign.archived_at !== null },
    values: campaignFormValues(campaign),
  };
}

export const actionSchema = z.discriminatedUnion("intent", [
  campaignFieldsSchema.safeExtend({ intent: z.literal("save") }),
  z.object({ intent: z.literal("archive") }),
  z.object({ intent: z.literal("restore") }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await requireRole(request, "channel_manager");
  const campaign = await campaignOf(params.campaignId);
  const form = await parseForm(request, actionSchema);
  if (!form.ok) return refuse(form, { values: form.values });
  const db = getDb();
  const actor = actorFor(auth);
  if (form.data.intent !== "save") {
    const archive = form.data.intent === "archive";
    const done = await archiveCampaign(db, campaign.id, archive, actor);
    if (!done.ok) return refuse(done, { values: form.values });
    return redirectWithFlash(archive ? "/manager/campaigns" : `/manager/campaigns/${campaign.id}`, {
      kind: "success",
      message: archive
        ? `“${campaign.name}” is archived: it keeps its leads and takes no new ones.`
        : `“${campaign.name}” is active again.`,
    });
  }
  const { intent: _intent, ...fields } = form.data;
  const saved = await editCampaign(db, campaign.id, fields, actor);
  if (!saved.ok) return refuse(saved, { values: form.values });
  return redirectWithFlash("/manager/campaigns", {
    kind: "success",
    message: `Campaign “${saved.campaign.name}” saved.`,
  });
}

export default function EditCampaign() {
  const { campaign, values: saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <CampaignEditor
      title={campaign.name}
      archived={campaign.archived}
      values={{ ...saved, ...actionData?.values }}
      formError={actionData?.formError ?? null}
      fieldErrors={actionData?.fieldErrors ?? {}}
      submitLabel="Save changes"
    >
      <Panel narrow title={campaign.archived ? "Restore" : "Archive"}>
        <Form method="post" className="form">
          <input type="hidden" name="intent" value={campaign.archived ? "restore" : "archive"} />
          <p className="muted">
            {campaign.archived
              ? "An active campaign can take new leads again."
              : "An archived campaign keeps its leads and its numbers, but new leads cannot join it."}
          </p>
          <div className="form-actions">
            <Button type="submit" variant={campaign.archived ? "secondary" : "danger"} disabled={busy}>
              {campaign.archived ? "Restore campaign" : "Archive campaign"}
            </Button>
          </div>
        </Form>
      </Panel>
    </CampaignEditor>
  );
}

export const ErrorBoundary = NestedErrorBoundary;
