import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "~/db.server";
import { requireRole } from "~/auth/guards.server";
import { ButtonLink } from "~/components/button";
import { NestedErrorBoundary } from "~/components/error-page";
import { pageTitle } from "~/components/meta";
import { PageHeader, Panel } from "~/components/page-header";
import { Table } from "~/components/table";
import { possibleDuplicateCount } from "~/models/duplicates.server";
import { listSources } from "~/models/source.server";

export const meta: MetaFunction = () => pageTitle("Intake");

const KIND_LABELS: Record<string, string> = {
  web_form: "Web form",
  csv_import: "CSV import",
  api_key: "API key",
  campaign: "Campaign",
  manual: "Manual",
  demo: "Demo",
};

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "channel_manager");
  const db = getDb();
  const [sources, duplicates] = await Promise.all([listSources(db), possibleDuplicateCount(db)]);
  return { sources, duplicates };
}

export default function IntakeHome() {
  const { sources, duplicates } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        eyebrow="Intake"
        title="Bring leads in"
        description="Every lead is checked, scored on arrival and de-duplicated; qualified leads go straight to routing, inquiries to the nurture pool."
      />
      <div className="grid-2">
        <Panel title="One lead">
          <p>Type in a lead from a call, a card or an email, with a live score preview.</p>
          <ButtonLink to="/manager/intake/new" variant="primary">
            Add a lead
          </ButtonLink>
        </Panel>
        <Panel title="A CSV file">
          <p>
            Upload a spreadsheet export of any size, map its columns, and watch it load. Bad rows are listed, never
            block the good ones.
          </p>
          <ButtonLink to="/manager/intake/imports">Import a file</ButtonLink>
        </Panel>
        <Panel title="Machines">
          <p>
            Web sites and marketing tools send leads to the JSON API with a key.{" "}
            <Link to="/manager/api-docs">Read the API documentation</Link>.
          </p>
          <ButtonLink to="/manager/intake/api-keys">Manage API keys</ButtonLink>
        </Panel>
        <Panel title="Campaigns">
          <p>Campaigns carry their cost, so reports can show cost per lead and per won deal.</p>
          <ButtonLink to="/manager/campaigns">Manage campaigns</ButtonLink>
        </Panel>
        <Panel title="Possible duplicates">
          <p>
            {duplicates === 0
              ? "No lead is waiting for a duplicate decision."
              : `${duplicates} ${duplicates === 1 ? "lead looks" : "leads look"} like an earlier one: merge or keep.`}
          </p>
          <ButtonLink to="/manager/intake/duplicates">Review duplicates</ButtonLink>
        </Panel>
      </div>
      <Panel title="Sources">
        <Table
          caption="Intake sources: the named channels leads come through"
          rows={sources}
          rowKey={(s) => s.id}
          columns={[
            { header: "Source", cell: (s) => s.name },
            { header: "Kind", cell: (s) => KIND_LABELS[s.kind] ?? s.kind },
            { header: "Leads", cell: (s) => s.leads.toLocaleString("en-US"), kind: "number" },
          ]}
          empty={{
            title: "No sources yet",
            text: "A source appears with the first lead from the form, the first file or the first API key.",
          }}
        />
      </Panel>
    </>
  );
}

export const ErrorBoundary = NestedErrorBoundary;
