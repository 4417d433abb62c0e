import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { now } from "~/clock.server";
import { Badge, LeadStateBadge } from "~/components/badge";
import { ButtonLink } from "~/components/button";
import { DateTime } from "~/components/date-time";
import { NestedErrorBoundary } from "~/components/error-page";
import { FlashMessage } from "~/components/flash-message";
import { LeadCell } from "~/components/lead-cell";
import { LeadFilterForm } from "~/components/lead-filters";
import { pageTitle } from "~/components/meta";
import { PageHeader, Panel } from "~/components/page-header";
import { Pager } from "~/components/pager";
import { Table } from "~/components/table";
import { getDb } from "~/db.server";
import { encodeCursor, leadQuery, listQueryString, parseListQuery } from "~/domain/lead-list";
import { countLeadsCapped, leadListChoices, listLeads } from "~/models/lead-list.server";

export const meta: MetaFunction = () => pageTitle("Leads");

const PAGE_SIZE = 50;
/** Counting stops here: a count never reads more than this many leads. */
const COUNT_CAP = 10_000;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "channel_manager");
  const { filters, page, problems } = parseListQuery(new URL(request.url).searchParams);
  const db = getDb();
  const at = now();
  const query = leadQuery(filters);
  const [leads, matching, choices] = await Promise.all([
    listLeads(db, query, page, PAGE_SIZE, at),
    countLeadsCapped(db, query, COUNT_CAP, at),
    leadListChoices(db),
  ]);
  return {
    filters,
    problems,
    choices,
    rows: leads.rows,
    matching,
    now: at,
    previous: leads.previous ? listQueryString(filters, { before: encodeCursor(leads.previous) }) : null,
    next: leads.next ? listQueryString(filters, { after: encodeCursor(leads.next) }) : null,
    exportQuery: listQueryString(filters),
  };
}

function matchingText(n: number): string {
  if (n > COUNT_CAP) return `More than ${COUNT_CAP.toLocaleString("en-US")} leads match.`;
  return n === 1 ? "1 lead matches." : `${n.toLocaleString("en-US")} leads match.`;
}

export default function LeadList() {
  const { filters, problems, choices, rows, matching, previous, next, exportQuery } = useLoaderData<typeof loader>();
  const { pathname } = useLocation();
  return (
    <>
      <PageHeader
        eyebrow="Leads"
        title="All leads"
        description="Every lead and inquiry, wherever it stands. Filter, search, and open a lead to act on it."
        actions={
          <ButtonLink to={`/manager/leads.csv${exportQuery}`} reloadDocument>
            Export these leads (CSV)
          </ButtonLink>
        }
      />
      {problems.page ? <FlashMessage kind="info">{problems.page}</FlashMessage> : null}
      <Panel>
        <LeadFilterForm key={exportQuery} action={pathname} filters={filters} problems={problems} choices={choices} />
      </Panel>
      <Panel>
        <p className="muted" role="status">
          {matchingText(matching)}
        </p>
        <Table
          caption="Leads"
          rows={rows}
          rowKey={(l) => l.id}
          columns={[
            {
              header: "Company",
              cell: (l) => <LeadCell lead={l} />,
            },
            {
              header: "State",
              kind: "nowrap",
              cell: (l) => (
                <>
                  <LeadStateBadge state={l.state} />
                  {l.overdue ? (
                    <>
                      {" "}
                      <Badge tone="danger">Overdue</Badge>
                    </>
                  ) : null}
                </>
              ),
            },
            { header: "Score", kind: "number", cell: (l) => l.score },
            { header: "Territory", kind: "nowrap", cell: (l) => l.territory },
            { header: "Vertical", cell: (l) => l.vertical ?? <span className="muted">none</span> },
            { header: "Partner", cell: (l) => l.partner_name ?? <span className="muted">none</span> },
            {
              header: "Source",
              cell: (l) => (
                <>
                  {l.source_name}
                  {l.campaign_name ? (
                    <>
                      <br />
                      <span className="muted">{l.campaign_name}</span>
                    </>
                  ) : null}
                </>
              ),
            },
            { header: "Arrived", kind: "nowrap", cell: (l) => <DateTime at={l.intake_at} /> },
          ]}
          empty={
            exportQuery
              ? {
                  title: "No leads match",
                  text: "Change or clear the filters to see more.",
                  action: <Link to={pathname}>Clear filters</Link>,
                }
              : {
                  title: "No leads yet",
                  text: "Leads appear here as they come in.",
                  action: <Link to="/manager/intake">Bring leads in</Link>,
                }
          }
        />
        <Pager
          label="Lead list pages"
          previous={previous ? `${pathname}${previous}` : null}
          next={next ? `${pathname}${next}` : null}
        />
      </Panel>
    </>
  );
}

export const ErrorBoundary = NestedErrorBoundary;
