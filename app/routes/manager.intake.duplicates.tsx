import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "~/db.server";
import { redirectWithFlash } from "~/auth/flash.server";
import { actorFor, requireRole } from "~/auth/guards.server";
import { Button, ButtonLink } from "~/components/button";
import { DateTime } from "~/components/date-time";
import { NestedErrorBoundary } from "~/components/error-page";
import { FlashMessage } from "~/components/flash-message";
import { pageTitle } from "~/components/meta";
import { PageHeader, Panel } from "~/components/page-header";
import { Table } from "~/components/table";
import { listPossibleDuplicates } from "~/models/duplicates.server";
import { refuse } from "~/security/answer.server";
import { parseForm } from "~/security/form.server";
import { decideDuplicate } from "~/services/duplicates.server";

export const meta: MetaFunction = () => pageTitle("Possible duplicates");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "channel_manager");
  return { duplicates: await listPossibleDuplicates(getDb()) };
}

export const actionSchema = z.object({
  intent: z.enum(["keep", "merge"]),
  leadId: z.uuid("Choose a lead from the list."),
});

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requireRole(request, "channel_manager");
  const form = await parseForm(request, actionSchema);
  // The lead id is a hidden field: its problem is the form's.
  if (!form.ok) return refuse({ ...form, message: form.fieldErrors?.leadId?.[0] ?? form.message }, {});
  const decided = await decideDuplicate(
    getDb(),
    { leadId: form.data.leadId, decision: form.data.intent },
    actorFor(auth),
  );
  if (!decided.ok) return refuse(decided, {});
  return redirectWithFlash("/manager/intake/duplicates", {
    kind: "success",
    message:
      form.data.intent === "merge" ? "Merged into the earlier lead: it leaves routing." : "Kept as a lead of its own.",
  });
}

export default function PossibleDuplicates() {
  const { duplicates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <>
      <PageHeader
        eyebrow="Intake"
        title="Possible duplicates"
        description="Leads with the same email, or the same company and phone, as one that arrived within 90 days. Keep a lead that is really new; merge one that is the same buyer again."
        actions={<ButtonLink to="/manager/intake">Back to intake</ButtonLink>}
      />
      {actionData?.formError ? <FlashMessage kind="error">{actionData.formError}</FlashMessage> : null}
      <Panel>
        <Table
          caption="Possible duplicates, oldest first"
          rows={duplicates}
          rowKey={(d) => d.id}
          columns={[
            {
              header: "New lead",
              cell: (d) => (
                <>
                  {d.companyName}
                  <br />
                  <span className="muted">
                    {d.contactName}
                    {d.contactEmail ? `, ${d.contactEmail}` : ""}
                  </span>
                </>
              ),
            },
            {
              header: "Arrived",
              cell: (d) => (
                <>
                  <DateTime at={d.intakeAt} />
                  <br />
                  <span className="muted">{d.intakeBy}</span>
                </>
              ),
              kind: "nowrap",
            },
            {
              header: "Earlier lead",
              cell: (d) => (
                <>
                  {d.earlier.companyName}
                  <br />
                  <span className="muted">
                    {d.earlier.contactName}, {d.earlier.state}
                  </span>
                </>
              ),
            },
            { header: "Earlier arrived", cell: (d) => <DateTime at={d.earlier.intakeAt} />, kind: "nowrap" },
            {
              header: "Decision",
              kind: "nowrap",
              cell: (d) => (
                <Form method="post">
                  <input type="hidden" name="leadId" value={d.id} />
                  <Button
                    type="submit"
                    name="intent"
                    value="keep"
                    variant="secondary"
                    size="small"
                    disabled={busy}
                    aria-label={`Keep ${d.companyName} as a new lead`}
                  >
                    Keep
                  </Button>{" "}
                  <Button
                    type="submit"
                    name="intent"
                    value="merge"
                    size="small"
                    disabled={busy}
                    aria-label={`Merge ${d.companyName} into the earlier lead`}
                  >
                    Merge
                  </Button>
                </Form>
              ),
            },
          ]}
          empty={{
            title: "No possible duplicates",
            text: "Leads that look like an earlier one appear here for a decision.",
          }}
        />
      </Panel>
    </>
  );
}

export const ErrorBoundary = NestedErrorBoundary;
