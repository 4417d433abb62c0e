/**
 * /partner/leads: the accepted leads still open, what is due next on each and when, overdue
 * first; `?show=closed`: the closed ones (won, lost, disqualified) with their outcome, newest
 * first, a page at a time (`&after=<reported at>~<offer id>`).
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { actorFor, requirePartnerScope } from "~/auth/guards.server";
import { formatCents } from "~/components/amount";
import { LeadStateBadge } from "~/components/badge";
import { DateTime } from "~/components/date-time";
import { DueItem } from "~/components/due-item";
import { NestedErrorBoundary } from "~/components/error-page";
import { pageTitle } from "~/components/meta";
import { PageHeader, Panel } from "~/components/page-header";
import { Pager } from "~/components/pager";
import { Table } from "~/components/table";
import { ViewSwitch } from "~/components/view-switch";
import { now } from "~/clock.server";
import { getDb } from "~/db.server";
import { closedLeads, openLeadsWithDeadlines, type ClosedCursor } from "~/models/partner-leads.server";
import { findPartnerSummary } from "~/models/partner.server";
import { isUuid } from "~/security/ids";
import { offerScopeOf } from "~/services/actor";

export const meta: MetaFunction = () => pageTitle("Leads");

export const CLOSED_PAGE = 50;

/** `after=<reported at>~<offer id>`: where a page of closed leads starts; anything else is the first page. */
function cursorOf(url: URL): ClosedCursor | undefined {
  const [at, offerId] = (url.searchParams.get("after") ?? "").split("~");
  // Only the instants this page writes (toISOString, years 0000–9999): PostgreSQL refuses others.
  if (!at || !ISO_INSTANT.test(at) || !isUuid(offerId)) return undefined;
  const reportedAt = new Date(at);
  return Number.isNaN(reportedAt.getTime()) ? undefined : { reportedAt, offerId };
}
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requirePartnerScope(request);
  const db = getDb();
  const url = new URL(request.url);
  const scope = offerScopeOf(actorFor(auth));
  const partner = await findPartnerSummary(db, auth.partnerId);
  const common = { now: now(), timeZone: partner?.timeZone ?? "UTC", isAdmin: auth.user.role === "partner_admin" };
  if (url.searchParams.get("show") === "closed") {
    const after = cursorOf(url);
    const rows = await closedLeads(db, scope, CLOSED_PAGE + 1, after);
    const last = rows.length > CLOSED_PAGE ? rows[CLOSED_PAGE - 1] : undefined;
    return {
      ...common,
      show: "closed" as const,
      closed: rows.slice(0, CLOSED_PAGE),
      older: last ? `?show=closed&after=${new Date(last.reportedAt).toISOString()}~${last.offerId}` : null,
      paged: Boolean(after),
    };
  }
  return { ...common, show: "open" as const, open: await openLeadsWithDeadlines(db, scope) };
}

export default function PartnerLeads() {
  const data = useLoaderData<typeof loader>();
  const { isAdmin } = data;
  return (
    <>
      <PageHeader
        title="Leads"
        description={
          data.show === "closed"
            ? "Leads closed with an outcome, the latest first."
            : isAdmin
              ? "Every lead your company accepted and has not closed, the most urgent first."
              : "Your accepted leads still open, the most urgent first: log touches and report the outcome before each deadline."
        }
      />
      <ViewSwitch
        label="Open or closed leads"
        views={[
          { to: "/partner/leads", label: "Open", current: data.show === "open" },
          { to: "/partner/leads?show=closed", label: "Closed", current: data.show === "closed" },
        ]}
      />
      <Panel>{data.show === "open" ? <OpenLeads data={data} /> : <ClosedLeads data={data} />}</Panel>
    </>
  );
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Open = Extract<Data, { show: "open" }>;
type Closed = Extract<Data, { show: "closed" }>;

function LeadCell({ leadId, company, contactName }: { leadId: string; company: string; contactName: string }) {
  return (
    <>
      <Link to={`/partner/leads/${leadId}`}>{company}</Link>
      <br />
      <span className="muted">{contactName}</span>
    </>
  );
}

function OpenLeads({ data }: { data: Open }) {
  const { now: at, timeZone, isAdmin } = data;
  return (
    <Table
      caption="Open leads, overdue first"
      rows={data.open}
      rowKey={(r) => r.offerId}
      columns={[
        { header: "Lead", cell: (r) => <LeadCell {...r} /> },
        { header: "Stage", kind: "nowrap", cell: (r) => r.stage ?? "accepted" },
        ...(isAdmin
          ? [{ header: "Rep", kind: "nowrap" as const, cell: (r: Open["open"][number]) => r.repName ?? "nobody" }]
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
  );
}

function ClosedLeads({ data }: { data: Closed }) {
  const { timeZone, isAdmin } = data;
  return (
    <>
      <Table
        caption="Closed leads, latest outcome first"
        rows={data.closed}
        rowKey={(r) => r.offerId}
        columns={[
          { header: "Lead", cell: (r) => <LeadCell {...r} /> },
          {
            // The outcome and its date in one column, so the list fits a phone.
            header: "Outcome",
            cell: (r) => (
              <>
                <LeadStateBadge state={r.outcome} />{" "}
                {r.outcome === "won" && r.amountCents != null ? formatCents(r.amountCents) : (r.reason ?? "")}
                <br />
                <span className="muted">
                  reported <DateTime at={r.reportedAt} timeZone={timeZone} />
                </span>
              </>
            ),
          },
          ...(isAdmin
            ? [{ header: "Rep", kind: "nowrap" as const, cell: (r: Closed["closed"][number]) => r.repName ?? "nobody" }]
            : []),
        ]}
        empty={{
          title: data.paged ? "No older closed leads" : "No closed leads yet",
          text: "A lead appears here once its outcome is reported.",
        }}
      />
      <Pager
        label="Pages of closed leads"
        previous={data.paged ? "/partner/leads?show=closed" : null}
        next={data.older ? `/partner/leads${data.older}` : null}
      />
    </>
  );
}

export const ErrorBoundary = NestedErrorBoundary;
