import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { z } from "zod";
import { getDb } from "~/db.server";
import { redirectWithFlash } from "~/auth/flash.server";
import { actorFor, requireRole } from "~/auth/guards.server";
import { Badge } from "~/components/badge";
import { Button, ButtonLink } from "~/components/button";
import { NestedErrorBoundary } from "~/components/error-page";
import { SelectField } from "~/components/field";
import { FlashMessage } from "~/components/flash-message";
import { pageTitle } from "~/components/meta";
import { DetailList, PageHeader, Panel, Stat, StatGrid } from "~/components/page-header";
import { Table } from "~/components/table";
import {
  CSV_DELIMITER_LABELS,
  CSV_DELIMITERS,
  CSV_ENCODING_LABELS,
  CSV_ENCODINGS,
  csvSettingsSchema,
} from "~/domain/intake-csv-detect";
import type { ColumnMapping } from "~/domain/intake-csv-mapping";
import { CSV_IMPORT_STATES } from "~/domain/intake-csv-states";
import { LEAD_FIELD_LABELS, LEAD_FIELDS, REQUIRED_LEAD_FIELDS } from "~/domain/intake-fields";
import { refuse } from "~/security/answer.server";
import { parseForm } from "~/security/form.server";
import type { FieldErrors } from "~/domain/outcome";
import { importOr404, importPage, REJECTS_SHOWN } from "./manager.intake.imports.$importId.server";
import { changeCsvSettings, resumeImport, startImport } from "~/services/intake-csv-import.server";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data ? `Import of ${data.fileName}` : "Import");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "channel_manager");
  const db = getDb();
  return importPage(db, await importOr404(db, params.importId));
}

/** The mapping form posts one select per file column, `column-0`, `column-1`…: gather them in order. */
function withColumns(values: unknown) {
  if (!values || typeof values !== "object") return values;
  const columns = Object.entries(values)
    .filter(([k]) => /^column-\d+$/.test(k))
    .sort(([a], [b]) => Number(a.slice(7)) - Number(b.slice(7)))
    .map(([, v]) => v);
  return { ...values, columns };
}

export const actionSchema = z.preprocess(
  withColumns,
  z.discriminatedUnion("intent", [
    z.object({ intent: z.literal("settings") }).extend(csvSettingsSchema.shape),
    z.object({
      intent: z.literal("start"),
      columns: z.array(
        z.union([z.enum(LEAD_FIELDS), z.literal("")], { error: "Choose a lead field from the list, or “Ignore”." }),
      ),
    }),
    z.object({ intent: z.literal("resume") }),
  ]),
);

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await requireRole(request, "channel_manager");
  const db = getDb();
  const { import: imp } = await importOr404(db, params.importId);
  const here = `/manager/intake/imports/${imp.id}`;
  const form = await parseForm(request, actionSchema);
  if (!form.ok) return refuse(form, {});
  switch (form.data.intent) {
    case "settings": {
      const r = await changeCsvSettings(db, imp.id, { encoding: form.data.encoding, delimiter: form.data.delimiter });
      if (!r.ok) return refuse(r, {});
      return redirectWithFlash(here, { kind: "success", message: "The file was read again with these settings." });
    }
    case "start": {
      const mapping: ColumnMapping = form.data.columns.map((c) => c || null);
      const r = await startImport(db, imp.id, mapping, actorFor(auth));
      if (!r.ok) return refuse(r, {});
      return redirectWithFlash(here, {
        kind: "success",
        message: "The import has started. You can leave this page; it keeps going.",
      });
    }
    case "resume": {
      const resumed = await resumeImport(db, imp.id);
      return redirectWithFlash(
        here,
        resumed
          ? { kind: "success", message: "The import continues where it stopped." }
          : { kind: "info", message: "The import is already running." },
      );
    }
  }
}

export default function ImportPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const state = CSV_IMPORT_STATES[d.state];
  return (
    <>
      <PageHeader
        eyebrow="CSV import"
        title={d.fileName}
        description={
          <>
            Source “{d.source}”{d.campaign ? `, campaign “${d.campaign}”` : ""}.{" "}
            <Badge tone={state.tone}>{state.label}</Badge>
          </>
        }
        actions={<ButtonLink to="/manager/intake/imports">All imports</ButtonLink>}
      />
      {actionData?.formError ? <FlashMessage kind="error">{actionData.formError}</FlashMessage> : null}
      {d.state === "mapping" ? <MappingStep d={d} fieldErrors={actionData?.fieldErrors ?? {}} /> : null}
      {d.state === "staging" || d.state === "loading" ? <Progress d={d} /> : null}
      {d.state === "failed" ? <Stopped error={d.error} /> : null}
      {d.state === "done" && d.result ? <Result d={d} /> : null}
      {d.state !== "mapping" ? <Rejects d={d} /> : null}
    </>
  );
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function MappingStep({ d, fieldErrors }: { d: Data; fieldErrors: FieldErrors }) {
  const busy = useNavigation().state !== "idle";
  const fieldChoices = LEAD_FIELDS.map((f) => ({
    value: f,
    label: `${LEAD_FIELD_LABELS[f]}${REQUIRED_LEAD_FIELDS.includes(f) ? " (required)" : ""}`,
  }));
  const columns = d.headers.map((header, index) => ({
    header,
    index,
    samples: d.preview.map((row) => row[index] ?? ""),
  }));
  const mappingErrors = fieldErrors.mapping ?? [];
  return (
    <>
      <Panel title="How the file is written">
        <DetailList
          items={[
            { label: "Size", value: `${fileSize(d.byteSize)}, about ${d.estimatedRows.toLocaleString("en-US")} rows` },
            { label: "Byte-order mark", value: d.hasBom ? "Yes (removed)" : "No" },
          ]}
        />
        <Form method="post" className="form">
          <input type="hidden" name="intent" value="settings" />
          <div className="grid-2">
            <SelectField
              label="Encoding"
              name="encoding"
              defaultValue={d.encoding}
              options={CSV_ENCODINGS.map((e) => ({ value: e, label: CSV_ENCODING_LABELS[e] }))}
              hint="Detected from the file. Change it if accents look wrong below."
            />
            <SelectField
              label="Delimiter"
              name="delimiter"
              defaultValue={d.delimiter}
              options={CSV_DELIMITERS.map((x) => ({ value: x, label: CSV_DELIMITER_LABELS[x] }))}
              hint="Detected from the file. Change it if the columns look wrong below."
            />
          </div>
          <div className="form-actions">
            <Button type="submit" variant="secondary" disabled={busy}>
              Read the file again
            </Button>
          </div>
        </Form>
      </Panel>
      <Panel title="Map the columns">
        {d.previewProblem ? <FlashMessage kind="error">{d.previewProblem}</FlashMessage> : null}
        {mappingErrors.length > 0 ? (
          <FlashMessage kind="error">
            <ul>
              {mappingErrors.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </FlashMessage>
        ) : null}
        <Form method="post" className="form">
          <input type="hidden" name="intent" value="start" />
          <p className="muted">
            Each column of the file feeds one lead field, or is ignored. Required fields must each have a column.
          </p>
          <div className="grid-2">
            {columns.map((c) => (
              <SelectField
                key={c.index}
                label={c.header || `Column ${c.index + 1} (no header)`}
                hint={`First values: ${c.samples.filter(Boolean).slice(0, 3).join(" · ") || "none"}`}
                name={`column-${c.index}`}
                defaultValue={d.mapping[c.index] ?? ""}
                placeholder="Ignore this column"
                options={fieldChoices}
                error={fieldErrors[`column.${c.index}`]}
              />
            ))}
          </div>
          <div className="form-actions">
            <Button type="submit" disabled={busy}>
              {busy ? "Starting…" : "Start the import"}
            </Button>
          </div>
        </Form>
      </Panel>
      <Panel title="First rows of the file">
        <Table
          caption={`The first ${d.previewRows} rows as read with these settings`}
          rows={d.preview.map((values, i) => ({ values, i }))}
          rowKey={(r) => String(r.i)}
          columns={d.headers.map((h, i) => ({
            header: h || `(column ${i + 1})`,
            cell: (r: { values: string[] }) => r.values[i] ?? "",
          }))}
          empty={{ title: "No rows below the header", text: "The file has a header line but no data." }}
        />
      </Panel>
    </>
  );
}

const fileSize = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function Progress({ d }: { d: Data }) {
  const revalidator = useRevalidator();
  // Poll the loader (which counts the staging table) while the import runs.
  useEffect(() => {
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 1000);
    return () => clearInterval(timer);
  }, [revalidator]);
  const busy = useNavigation().state !== "idle";
  const reading = d.state === "staging";
  const percent = Math.min(99, Math.floor((d.counts.staged / d.estimatedRows) * 100));
  return (
    <Panel title={reading ? "Reading the file" : "Loading the leads"}>
      <div className="stack">
        <label htmlFor="import-progress">
          {reading
            ? `${d.counts.staged.toLocaleString("en-US")} of about ${d.estimatedRows.toLocaleString("en-US")} rows read (${percent}%)`
            : `All ${d.counts.staged.toLocaleString("en-US")} rows read; the valid ones are being added as leads.`}
        </label>
        {reading ? (
          <progress id="import-progress" max={d.estimatedRows} value={d.counts.staged} />
        ) : (
          <progress id="import-progress" />
        )}
        <p className="muted" aria-live="polite">
          {d.counts.valid.toLocaleString("en-US")} valid, {d.counts.rejected.toLocaleString("en-US")} rejected so far.
        </p>
        {d.queued ? (
          <p role="status">
            Waiting for its turn: as many imports as the portal runs at once are running. This one starts on its own
            when one of them ends.
          </p>
        ) : null}
        {d.stalled ? (
          <Form method="post">
            <input type="hidden" name="intent" value="resume" />
            <p>The import stopped (the server restarted in the middle). It continues after the last row it read.</p>
            <Button type="submit" disabled={busy}>
              Resume the import
            </Button>
          </Form>
        ) : null}
      </div>
    </Panel>
  );
}

function Stopped({ error }: { error: string | null }) {
  const busy = useNavigation().state !== "idle";
  return (
    <Panel title="The import stopped">
      <FlashMessage kind="error">{error ?? "The import stopped."}</FlashMessage>
      <Form method="post" className="form">
        <input type="hidden" name="intent" value="resume" />
        <div className="form-actions">
          <Button type="submit" disabled={busy}>
            Resume the import
          </Button>
        </div>
      </Form>
    </Panel>
  );
}

function Result({ d }: { d: Data }) {
  const r = d.result!;
  const n = (x: number) => x.toLocaleString("en-US");
  return (
    <StatGrid label="Import result">
      <Stat label="Rows" value={n(r.rows)} />
      <Stat label="Leads created" value={n(r.created)} note={`${n(r.routed)} handed to routing`} />
      <Stat
        label="Leads updated"
        value={n(r.updated + r.promoted)}
        note={r.promoted > 0 ? `${n(r.promoted)} promoted from inquiry` : "same external id, same source"}
      />
      <Stat label="Possible duplicates" value={n(r.duplicates)} note="flagged for review" />
      <Stat label="Rejected" value={n(r.rejected)} note={r.rejected > 0 ? "listed below" : "none"} />
    </StatGrid>
  );
}

function Rejects({ d }: { d: Data }) {
  const total = d.result?.rejected ?? d.counts.rejected;
  if (total === 0) return null;
  return (
    <Panel title={`Rejected rows (${total.toLocaleString("en-US")})`}>
      <p>
        Rejected rows never block the good ones. Download them with their reasons and original values, fix them, and
        upload the fixed file as a new import.
      </p>
      <p>
        <ButtonLink to={`/manager/intake/imports/${d.id}/rejects.csv`} reloadDocument download>
          Download rejected rows (CSV)
        </ButtonLink>
      </p>
      <Table
        caption={
          total > REJECTS_SHOWN ? `The first rejected rows (of ${total.toLocaleString("en-US")})` : "Rejected rows"
        }
        rows={d.rejects}
        rowKey={(r) => r.key}
        columns={[
          { header: "Line", cell: (r) => r.line, kind: "number" },
          { header: "Field", cell: (r) => r.field },
          { header: "Reason", cell: (r) => r.message },
        ]}
      />
    </Panel>
  );
}

export const ErrorBoundary = NestedErrorBoundary;
