import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getDb } from "~/db.server";
import { requireRole } from "~/auth/guards.server";
import { EmptyState } from "~/components/empty-state";
import { NestedErrorBoundary } from "~/components/error-page";
import { pageTitle } from "~/components/meta";
import { PageHeader, Panel, Stat, StatGrid } from "~/components/page-header";
import { directoryCounts } from "~/models/user.server";

export const meta: MetaFunction = () => pageTitle("Channel manager home");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireRole(request, "channel_manager");
  return { name: user.name, counts: await directoryCounts(getDb()) };
}

export default function ManagerHome() {
  const { name, counts } = useLoaderData<typeof loader>();
  const firstName = name.split(" ")[0];
  return (
    <>
      <PageHeader
        eyebrow="Channel team"
        title={`Welcome, ${firstName}`}
        description="Your partner network at a glance. Leads, deadlines and compliance appear here as they come in."
      />
      <StatGrid label="Partner network">
        <Stat
          label="Partners"
          value={counts.partners}
          note={`${counts.activePartners} active${counts.partners > counts.activePartners ? `, ${counts.partners - counts.activePartners} inactive` : ""}`}
        />
        <Stat
          label="Users"
          value={counts.users}
          note={counts.disabledUsers > 0 ? `${counts.disabledUsers} disabled` : "All accounts enabled"}
        />
      </StatGrid>
      <Panel title="Leads">
        <EmptyState title="No leads yet">
          Leads you bring in are scored, offered to partners with a deadline, and tracked here until their outcome is reported.
        </EmptyState>
      </Panel>
    </>
  );
}

export const ErrorBoundary = NestedErrorBoundary;
