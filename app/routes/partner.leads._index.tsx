/** /partner/leads: the accepted leads still open, what is due next on each and when, overdue first. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { actorFor, requirePartnerScope } from "~/auth/guards.server";
import { DueItem } from "~/components/due-item";
import { NestedErrorBoundary } from "~/components/error-page";
import { pageTitle } from "~/components/meta";
import { PageHeader, Panel } from "~/components/page-header";
import { Table } from "~/components/table";
import { now } from "~/clock.server";
import { getDb } from "~/db.server";
import { openLeads, pendingObligations, type DueItem as Due } from "~/models/partner-leads.server";
import { findPartnerSummary } from "~/models/partner.server";
import { offerScopeOf } from "~/services/actor";

export const meta: MetaFunction = () => pageTitle("Leads");

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requirePartnerScope(request);
  const db = getDb();
  const leads = await openLeads(db, offerScopeOf(actorFor(auth)));
  const pending = await pendingObligations(
    db,
    leads.map((l) => l.offerId),
  );
  const partner = await findPartnerSummary(db, auth.partnerId);
  const first = (offerId: string, kind: Due["kind"]) => pending.find((p) => p.offerId === offerId && p.kind === kind);
  const rows = leads
    .map((lead) => {
      const due = pending.filter((p) => p.offerId === lead.offerId);
      return {
        ...lead,
        firstTouch: first(lead.offerId, "first_touch"),
        update: first(lead.offerId, "update"),
        outcome: first(lead.offerId, "outcome"),
        nextDueAt: due[0]?.dueAt ?? null,
      };
    })
    // Overdue first: the earliest pending deadline leads (pending items are ordered by due).
    .sort((a, b) => (a.nextDueAt?.getTime() ?? Infinity) - (b.nextDueAt?.getTime() ?? Infinity));
  return { now: now(), timeZone: partner?.timeZone ?? "UTC", isAdmin: auth.user.role === "partner_admin", rows };
}

export default function PartnerLeads() {
  const { now: at, timeZone, isAdmin, rows } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Leads"
        description={
          isAdmin
            ? "Every lead your company accepted and has not closed, the most urgent first."
            : "Your accepted leads still open, the most urgent first: log touches and report the outcome before each deadline."
        }
      />
      <Panel>
        <Table
          caption="Open leads, overdue first"
          rows={rows}
          rowKey={(r) => r.offerId}
          columns={[
            {
              header: "Lead",
              cell: (r) => (
                <>
                  <Link to={`/partner/leads/${r.leadId}`}>{r.company}</Link>
                  <br />
                  <span className="muted">{r.contactName}</span>
                </>
              ),
            },
            { header: "Stage", kind: "nowrap", cell: (r) => r.stage ?? "accepted" },
            ...(isAdmin
              ? [{ header: "Rep", kind: "nowrap" as const, cell: (r: (typeof rows)[number]) => r.repName ?? "nobody" }]
              : []),
            {
              header: "First touch",
              cell: (r) => <DueItem item={r.firstTouch} now={at} timeZone={timeZone} empty="Done" />,
            },
            {
              header: "Status update",
              cell: (r) => (
                <DueItem
                  item={r.update}
                  now={at}
                  timeZone={timeZone}
                  empty={r.firstTouch ? "After the first touch" : "Done"}
                />
              ),
            },
            {
              header: "Outcome",
              cell: (r) => <DueItem item={r.outcome} now={at} timeZone={timeZone} empty="Reported" />,
            },
          ]}
          empty={{ title: "No open leads", text: "Accepted offers appear here until you report their outcome." }}
        />
      </Panel>
    </>
  );
}

export const ErrorBoundary = NestedErrorBoundary;
