import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { StandingBadge } from "~/components/badge";
import { NestedErrorBoundary } from "~/components/error-page";
import { pageTitle } from "~/components/meta";
import { PageHeader, Panel, Stat, StatGrid } from "~/components/page-header";
import { Table } from "~/components/table";
import { getDb } from "~/db.server";
import { directoryCounts, leadStateCounts, partnersNeedingAttention, pendingExcuseCount } from "~/models/overview.server";

export const meta: MetaFunction = () => pageTitle("Channel manager home");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireRole(request, "channel_manager");
  const db = getDb();
  const [counts, leads, attention, excuses] = await Promise.all([
    directoryCounts(db), leadStateCounts(db), partnersNeedingAttention(db), pendingExcuseCount(db),
  ]);
  return { name: user.name, counts, leads, attention, excuses };
}

export default function ManagerHome() {
  const { name, counts, leads, attention, excuses } = useLoaderData<typeof loader>();
  const firstName = name.split(" ")[0];
  const closed = leads.won + leads.lost + leads.disqualified;
  return (
    <>
      <PageHeader
        eyebrow="Channel team"
        title={`Welcome, ${firstName}`}
        description="Your partner network at a glance: where every lead stands and which partners need a word."
      />
      <StatGrid label="Leads">
        <Stat label="In your queue" value={leads.queued} note="No eligible partner, or offered 3 times" />
        <Stat label="Offered" value={leads.offered} note="Waiting for a partner's answer" />
        <Stat label="With partners" value={leads.accepted} note="Accepted, outcome not reported yet" />
        <Stat label="Closed" value={closed} note={`${leads.won} won, ${leads.lost} lost, ${leads.disqualified} disqualified`} />
        <Stat label="Inquiries" value={leads.nurture} note="Kept in the nurture pool" />
        <Stat label="Excuse requests" value={excuses} note={excuses === 1 ? "Waiting for your decision" : "Waiting for decisions"} />
      </StatGrid>
      <Panel title="Partners needing attention">
        <Table
          caption="Partners not in good standing"
          rows={attention}
          rowKey={(p) => p.id}
          columns={[
            { header: "Partner", cell: (p) => p.name },
            { header: "Standing", cell: (p) => <StandingBadge standing={p.level} />, kind: "nowrap" },
            { header: "Score", cell: (p) => `${p.score}${p.provisional ? " (provisional)" : ""}`, kind: "number" },
            { header: "Why", cell: (p) => p.reason },
          ]}
          empty={{ title: "Every partner is in good standing", text: "Warnings and withholds appear here the moment the rules apply them." }}
        />
      </Panel>
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
    </>
  );
}

export const ErrorBoundary = NestedErrorBoundary;
