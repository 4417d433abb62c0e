import {
  unstable_composeUploadHandlers,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "~/db.server";
import { redirectWithFlash } from "~/auth/flash.server";
import { actorFor, requireRole } from "~/auth/guards.server";
import { Badge } from "~/components/badge";
import { Button, ButtonLink } from "~/components/button";
import { DateTime } from "~/components/date-time";
import { NestedErrorBoundary } from "~/components/error-page";
import { Field } from "~/components/field";
import { FlashMessage } from "~/components/flash-message";
import { pageTitle } from "~/components/meta";
import { PageHeader, Panel } from "~/components/page-header";
import { Table } from "~/components/table";
import { CSV_IMPORT_STATES } from "~/domain/intake-csv-states";
import { activeCampaignChoices } from "~/models/campaign.server";
import { listImports } from "~/models/csv-import.server";
import { listSources } from "~/models/source.server";
import { csvFileReceiver, MAX_CSV_BYTES, SecondFile, UploadTooLarge } from "~/services/intake-csv-file.server";
import type { ImportResult } from "~/services/intake-csv-import.server";
import { registerUpload } from "~/services/intake-csv-upload.server";
import { fail, fieldErrorsOf } from "~/domain/outcome";
import { refuse } from "~/security/answer.server";
import { refusedForm } from "~/security/form.server";
import { CampaignField } from "~/components/campaign-field";

export const meta: MetaFunction = () => pageTitle("Import a CSV file");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "channel_manager");
  const db = getDb();
  const [imports, sources, campaigns] = await Promise.all([
    listImports(db),
    listSources(db, "csv_import"),
    activeCampaignChoices(db),
  ]);
  return {
    imports: imports.map((i) => ({
      id: i.id,
      fileName: i.file_name,
      source: i.source_name,
      state: i.state,
      result: i.result as ImportResult | null,
      createdAt: i.created_at,
    })),
    sourceNames: sources.map((s) => s.name),
    campaigns,
    maxGigabytes: MAX_CSV_BYTES / 1024 ** 3,
  };
}

export const actionSchema = z.object({
  intent: z.literal("upload"),
  source_name: z
    .string()
    .trim()
    .min(1, "Name the source of this file, for example the event or the list vendor.")
    .max(120, "Use at most 120 characters."),
  campaign_id: z.union([z.literal(""), z.uuid("Choose a campaign from the list.")]).default(""),
});

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requireRole(request, "channel_manager");
  // The file goes to disk as it arrives (hashed on the way); only the small fields stay in memory.
  const receiver = csvFileReceiver();
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(
      request,
      unstable_composeUploadHandlers(receiver.handler, unstable_createMemoryUploadHandler({ maxPartSize: 16 * 1024 })),
    );
  } catch (e) {
    await receiver.discard();
    if (e instanceof UploadTooLarge) return refuse(fail("too_large", e.message, { file: [e.message] }), { values: {} });
    if (e instanceof SecondFile) return refuse(fail("invalid", e.message, { file: [e.message] }), { values: {} });
    return refuse(fail("invalid", "The upload could not be read. Choose the file again and retry."), { values: {} });
  }
  const values = Object.fromEntries([...formData].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  const parsed = actionSchema.safeParse(values);
  const file = receiver.received();
  const fieldErrors = parsed.success ? {} : fieldErrorsOf(parsed.error);
  if (!file || file.byteSize === 0) fieldErrors.file = [file ? "The file is empty." : "Choose a CSV file."];
  if (!parsed.success || fieldErrors.file) {
    await receiver.discard();
    return refuse(refusedForm(fieldErrors), { values });
  }
  const outcome = await registerUpload(getDb(), {
    file: file!,
    sourceName: parsed.data.source_name,
    campaignId: parsed.data.campaign_id || null,
    actor: actorFor(auth),
  });
  if (!outcome.ok) return refuse(outcome, { values });
  const messages = {
    created: { kind: "success", message: "File received. Check the column mapping, then start the import." },
    awaiting_mapping: { kind: "info", message: "This file was uploaded before and is waiting for its column mapping." },
    already_imported: {
      kind: "info",
      message: "This file was already imported: nothing was imported twice. Here is its result.",
    },
    resumed: { kind: "info", message: "This file's import had stopped; it continues where it left off." },
    running: { kind: "info", message: "This file is being imported right now." },
  } as const;
  return redirectWithFlash(`/manager/intake/imports/${outcome.importId}`, messages[outcome.status]);
}

export default function Imports() {
  const { imports, sourceNames, campaigns, maxGigabytes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors = actionData?.fieldErrors ?? {};
  const values = actionData?.values ?? {};
  return (
    <>
      <PageHeader
        eyebrow="Intake"
        title="Import a CSV file"
        description={`Any size up to ${maxGigabytes} GB. The encoding, delimiter and byte-order mark are detected; you map the columns next.`}
        actions={<ButtonLink to="/manager/intake">Back to intake</ButtonLink>}
      />
      <Panel title="Upload">
        {actionData?.formError ? <FlashMessage kind="error">{actionData.formError}</FlashMessage> : null}
        <Form method="post" encType="multipart/form-data" className="form" noValidate>
          <input type="hidden" name="intent" value="upload" />
          <Field
            label="CSV file"
            name="file"
            type="file"
            accept=".csv,.txt,.tsv,text/csv,text/plain"
            required
            error={errors.file}
          />
          <Field
            label="Source"
            name="source_name"
            list="csv-sources"
            required
            hint="Where the file comes from, e.g. “Spring summit badge scans”. The same source remembers its column mapping."
            defaultValue={values.source_name}
            error={errors.source_name}
          />
          <datalist id="csv-sources">
            {sourceNames.map((n) => (
              <option key={n} value={n} />
            ))}
          </datalist>
          <CampaignField campaigns={campaigns} defaultValue={values.campaign_id} error={errors.campaign_id} />
          <div className="form-actions">
            <Button type="submit" disabled={busy}>
              {busy ? "Uploading…" : "Upload"}
            </Button>
          </div>
        </Form>
      </Panel>
      <Panel title="Recent imports">
        <Table
          caption="Recent CSV imports, newest first"
          rows={imports}
          rowKey={(i) => i.id}
          columns={[
            { header: "File", cell: (i) => <Link to={`/manager/intake/imports/${i.id}`}>{i.fileName}</Link> },
            { header: "Source", cell: (i) => i.source },
            {
              header: "State",
              cell: (i) => <Badge tone={CSV_IMPORT_STATES[i.state].tone}>{CSV_IMPORT_STATES[i.state].label}</Badge>,
            },
            { header: "Leads created", cell: (i) => i.result?.created.toLocaleString("en-US") ?? "—", kind: "number" },
            { header: "Rejected", cell: (i) => i.result?.rejected.toLocaleString("en-US") ?? "—", kind: "number" },
            {
              header: "Uploaded",
              cell: (i) => <DateTime at={i.createdAt} />,
              kind: "nowrap",
            },
          ]}
          empty={{ title: "No imports yet", text: "Upload a file above to start." }}
        />
      </Panel>
    </>
  );
}

export const ErrorBoundary = NestedErrorBoundary;
