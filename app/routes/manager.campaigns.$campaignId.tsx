/** /manager/campaigns/new and /manager/campaigns/:id: one form to create or edit, plus archive. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "~/db.server";
import { redirectWithFlash } from "~/auth/flash.server";
import { actorFor, notFound, requireRole } from "~/auth/guards.server";
import { Badge } from "~/components/badge";
import { Button, ButtonLink } from "~/components/button";
import { NestedErrorBoundary } from "~/components/error-page";
import { Field } from "~/components/field";
import { FlashMessage } from "~/components/flash-message";
import { pageTitle } from "~/components/meta";
import { PageHeader, Panel } from "~/components/page-header";
import { getCampaign } from "~/models/campaign.server";
import { badRequest, parseForm } from "~/security/form.server";
import { CAMPAIGN_CHANNELS, campaignFieldsSchema, campaignFormValues } from "~/domain/intake-campaigns";
import { archiveCampaign, createCampaign, editCampaign } from "~/services/campaigns.server";
import { isUuid } from "~/security/ids";

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data?.campaign ? data.campaign.name : "New campaign");

/** null for "new"; the campaign, or a thrown 404. */
async function campaignOf(param: string | undefined) {
  if (param === "new") return null;
  const campaign = isUuid(param) ? await getCampaign(getDb(), param) : undefined;
  if (!campaign) throw notFound("There is no campaign at this address.");
  return campaign;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "channel_manager");
  const campaign = await campaignOf(params.campaignId);
  return {
    campaign: campaign ? { id: campaign.id, name: campaign.name, archived: campaign.archived_at !== null } : null,
    values: campaign ? campaignFormValues(campaign) : {},
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
  if (!form.ok) return badRequest({ formError: form.formError ?? null, fieldErrors: form.fieldErrors, values: form.values });
  const db = getDb();
  const actor = actorFor(auth);
  if (form.data.intent !== "save") {
    if (!campaign) return badRequest({ formError: "Save the campaign first.", fieldErrors: {}, values: {} });
    const archive = form.data.intent === "archive";
    await archiveCampaign(db, campaign.id, archive, actor);
    return redirectWithFlash(archive ? "/manager/campaigns" : `/manager/campaigns/${campaign.id}`, {
      kind: "success",
      message: archive ? `“${campaign.name}” is archived: it keeps its leads and takes no new ones.` : `“${campaign.name}” is active again.`,
    });
  }
  const { intent: _intent, ...fields } = form.data;
  const saved = campaign ? await editCampaign(db, campaign.id, fields, actor) : await createCampaign(db, fields, actor);
  if (!saved.ok) {
    return badRequest({ formError: null, fieldErrors: { [("field" in saved && saved.field) || "name"]: [saved.error] }, values: form.values });
  }
  return redirectWithFlash("/manager/campaigns", { kind: "success", message: `Campaign “${saved.campaign.name}” saved.` });
}

export default function CampaignForm() {
  const { campaign, values: saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors = (actionData?.fieldErrors ?? {}) as Record<string, string[] | undefined>;
  const values = { ...saved, ...((actionData?.values ?? {}) as Record<string, string>) };
  return (
    <>
      <PageHeader
        eyebrow="Campaigns"
        title={campaign ? campaign.name : "New campaign"}
        description={campaign?.archived ? <Badge tone="neutral">Archived</Badge> : "Cost in your currency; reports divide it by leads and by won deals."}
        actions={<ButtonLink to="/manager/campaigns">All campaigns</ButtonLink>}
      />
      {actionData?.formError ? <FlashMessage kind="error">{actionData.formError}</FlashMessage> : null}
      <Panel narrow>
        <Form method="post" className="form" noValidate key={JSON.stringify(values)}>
          <input type="hidden" name="intent" value="save" />
          <Field label="Name" name="name" required defaultValue={values.name} error={errors.name} />
          <Field label="Channel" name="channel" required list="campaign-channels" defaultValue={values.channel} error={errors.channel} hint="Webinar, trade show, paid search…" />
          <datalist id="campaign-channels">
            {CAMPAIGN_CHANNELS.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
          <div className="grid-2">
            <Field label="Starts on" name="starts_on" type="date" defaultValue={values.starts_on} error={errors.starts_on} />
            <Field label="Ends on" name="ends_on" type="date" defaultValue={values.ends_on} error={errors.ends_on} />
          </div>
          <Field label="Cost" name="cost" inputMode="decimal" hint="The whole campaign, e.g. 12500 or 12500.50." defaultValue={values.cost} error={errors.cost} />
          <div className="form-actions">
            <Button type="submit" disabled={busy}>
              {campaign ? "Save changes" : "Create campaign"}
            </Button>
          </div>
        </Form>
      </Panel>
      {campaign ? (
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
      ) : null}
    </>
  );
}

export const ErrorBoundary = NestedErrorBoundary;
