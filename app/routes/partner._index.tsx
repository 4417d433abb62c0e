import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { notFound, requirePartnerScope } from "~/auth/guards.server";
import { ROLE_LABELS } from "~/auth/roles";
import { Badge, TagList } from "~/components/badge";
import { EmptyState } from "~/components/empty-state";
import { NestedErrorBoundary } from "~/components/error-page";
import { pageTitle } from "~/components/meta";
import { DetailList, PageHeader, Panel, TwoColumns } from "~/components/page-header";
import { Table } from "~/components/table";
import { getDb } from "~/db.server";
import { findPartnerSummary } from "~/models/partner.server";
import { listPartnerTeam, type TeamMember } from "~/models/user.server";

export const meta: MetaFunction = () => pageTitle("Partner home");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, partnerId } = await requirePartnerScope(request);
  const db = getDb();
  const partner = await findPartnerSummary(db, partnerId);
  if (!partner) throw notFound("Your company's record could not be found.");
  return { name: user.name, partner, team: await listPartnerTeam(db, partnerId) };
}

export default function PartnerHome() {
  const { name, partner, team } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        eyebrow={`Welcome, ${name.split(" ")[0]}`}
        title={partner.name}
        description="Offers from the vendor arrive here with a deadline to accept. Accepted leads show what is due next."
      />
      <Panel title="Offers">
        <EmptyState title="No offers waiting">
          When the channel team offers your company a lead, it appears here with the time left to accept it.
        </EmptyState>
      </Panel>
      <TwoColumns>
        <Panel title="Company profile">
          <DetailList
            items={[
              { label: "Status", value: partner.active ? <Badge tone="success">Active</Badge> : <Badge tone="neutral">Inactive</Badge> },
              { label: "Territories", value: <TagList items={partner.territories} empty="None declared" /> },
              { label: "Verticals", value: <TagList items={partner.verticals} empty="None declared" /> },
              { label: "Capacity", value: `${partner.capacity} open leads at a time` },
              { label: "Time zone", value: partner.timeZone },
            ]}
          />
        </Panel>
        <Table<TeamMember>
          caption="Team"
          rows={team}
          rowKey={(m) => m.id}
          columns={[
            { header: "Name", kind: "nowrap", cell: (m) => m.name },
            { header: "Email", cell: (m) => m.email },
            { header: "Role", kind: "nowrap", cell: (m) => ROLE_LABELS[m.role] },
            {
              header: "Status",
              kind: "nowrap",
              cell: (m) => (m.disabled ? <Badge tone="neutral">Disabled</Badge> : <Badge tone="success">Active</Badge>),
            },
          ]}
          empty={{ title: "No team members yet" }}
        />
      </TwoColumns>
    </>
  );
}

export const ErrorBoundary = NestedErrorBoundary;
