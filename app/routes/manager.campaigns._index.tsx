import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "~/db.server";
import { requireRole } from "~/auth/guards.server";
import { ButtonLink } from "~/components/button";
import { NestedErrorBoundary } from "~/components/error-page";
import { pageTitle } from "~/components/meta";
import { PageHeader, Panel } from "~/components/page-header";
import { Table } from "~/components/table";
import { listCampaigns } from "~/models/campaign.server";

export const meta: MetaFunction = () => pageTitle("Campaigns");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "channel_manager");
  const archived = new URL(request.url).searchParams.get("archived") === "1";
  return { archived, campaigns: await listCampaigns(getDb(), { archived }) };
}

const money = (cents: number) =>
  (cents / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const day = (d: Date | string | null) => (d ? new Date(d).toISOString().slice(0, 10) : "—");
const runs = (start: Date | string | null, end: Date | string | null) =>
  start && end ? `${day(start)} – ${day(end)}` : start ? `from ${day(start)}` : end ? `until ${day(end)}` : "—";
const per = (cents: number, n: number) => (n > 0 ? money(Math.round(cents / n)) : "—");

export default function Campaigns() {
  const { archived, campaigns } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        eyebrow="Intake"
        title={archived ? "Archived campaigns" : "Campaigns"}
        description="What each campaign cost, and what it brought: cost per lead and per won deal. Dates are whole days in UTC."
        actions={
          <>
            <ButtonLink to="/manager/campaigns/new" variant="primary">
              New campaign
            </ButtonLink>
            <ButtonLink to={archived ? "/manager/campaigns" : "/manager/campaigns?archived=1"}>
              {archived ? "Active campaigns" : "Archived campaigns"}
            </ButtonLink>
          </>
        }
      />
      <Panel>
        <Table
          caption={archived ? "Archived campaigns" : "Active campaigns, latest first"}
          rows={campaigns}
          rowKey={(c) => c.id}
          columns={[
            { header: "Campaign", cell: (c) => <Link to={`/manager/campaigns/${c.id}`}>{c.name}</Link> },
            { header: "Channel", cell: (c) => c.channel },
            { header: "Runs", cell: (c) => runs(c.starts_at, c.ends_at), kind: "nowrap" },
            { header: "Cost", cell: (c) => money(c.cost_cents), kind: "number" },
            { header: "Leads", cell: (c) => c.leads.toLocaleString("en-US"), kind: "number" },
            { header: "Cost per lead", cell: (c) => per(c.cost_cents, c.leads), kind: "number" },
            { header: "Won", cell: (c) => c.won.toLocaleString("en-US"), kind: "number" },
            { header: "Cost per won deal", cell: (c) => per(c.cost_cents, c.won), kind: "number" },
          ]}
          empty={{
            title: archived ? "No archived campaigns" : "No campaigns yet",
            text: archived ? undefined : "Create one to attach leads to it and see what it cost per lead.",
          }}
        />
      </Panel>
    </>
  );
}

export const ErrorBoundary = NestedErrorBoundary;
