import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { now } from "~/clock.server";
import { LeadStateBadge, StandingBadge } from "~/components/badge";
import { Countdown } from "~/components/countdown";
import { DateTime } from "~/components/date-time";
import { NestedErrorBoundary } from "~/components/error-page";
import { pageTitle } from "~/components/meta";
import { PageHeader, Panel, Stat, StatGrid } from "~/components/page-header";
import { Table } from "~/components/table";
import { getDb } from "~/db.server";
import {
  directoryCounts,
  leadStateCounts,
  offersAboutToExpire,
  partnersNeedingAttention,
  partnersNewlyWarnedOrWithheld,
  pendingExcuseCount,
  unassignedQualifiedLeads,
} from "~/models/overview.server";

export const meta: MetaFunction = () => pageTitle("Channel manager home");

/** "Newly" warned or withheld: within this many days. */
const NEWLY_DAYS = 7;
const SHORT_LIST = 5;

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireRole(request, "channel_manager");
  const db = getDb();
  const at = now();
  const [counts, leads, attention, excuses, unassigned, expiring, newlyFlagged] = await Promise.all([
    directoryCounts(db),
    leadStateCounts(db),
    partnersNeedingAttention(db),
    pendingExcuseCount(db),
    unassignedQualifiedLeads(db, SHORT_LIST),
    offersAboutToExpire(db, at, SHORT_LIST),
    partnersNewlyWarnedOrWithheld(db, new Date(at.getTime() - NEWLY_DAYS * 86_400_000)),
  ]);
  return { name: user.name, now: at, counts, leads, attention, excuses, unassigned, expiring, newlyFlagged };
}

export default function ManagerHome() {
  const {
    name,
    now: at,
    counts,
    leads,
    attention,
    excuses,
    unassigned,
    expiring,
    newlyFlagged,
  } = useLoaderData<typeof loader>();
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
        <Stat
          label="In your queue"
          value={leads.queued}
          note="No eligible partner, or offered 3 times"
          to="/manager/queue"
        />
        <Stat
          label="Offered"
          value={leads.offered}
          note="Waiting for a partner's answer"
          to="/manager/leads?state=offered"
        />
        <Stat
          label="With partners"
          value={leads.accepted}
          note="Accepted, outcome not reported yet"
          to="/manager/leads?state=accepted"
        />
        <Stat
          label="Closed"
          value={closed}
          note={`${leads.won} won, ${leads.lost} lost, ${leads.disqualified} disqualified`}
          to="/manager/leads?state=closed"
        />
        <Stat
          label="Inquiries"
          value={leads.nurture}
          note="Kept in the nurture pool"
          to="/manager/leads?state=nurture"
        />
        <Stat
          label="Excuse requests"
          value={excuses}
          note={excuses === 1 ? "Waiting for your decision" : "Waiting for decisions"}
          to="/manager/excuses"
        />
      </StatGrid>
      <Panel title="Needs attention">
        <div className="attention-list">
          <section aria-labelledby="attention-unassigned">
            <h3 id="attention-unassigned">Qualified leads without a partner</h3>
            <p className="muted">
              {unassigned.count === 0
                ? "None: every qualified lead is with a partner."
                : `${unassigned.count} waiting, the longest first.`}
            </p>
            <ul className="stack-tight">
              {unassigned.oldest.map((l) => (
                <li key={l.id}>
                  <Link to={`/manager/leads/${l.id}`}>{l.company_name}</Link> <LeadStateBadge state={l.state} />
                  <br />
                  <span className="muted">
                    Arrived <DateTime at={l.intake_at} />
                  </span>
                </li>
              ))}
            </ul>
            {unassigned.count > 0 ? <Link to="/manager/queue">Open the queue</Link> : null}
          </section>
          <section aria-labelledby="attention-expiring">
            <h3 id="attention-expiring">Offers about to expire</h3>
            <p className="muted">
              {expiring.length === 0 ? "None: no offer is past its reminder." : "Past the reminder, not answered yet."}
            </p>
            <ul className="stack-tight">
              {expiring.map((o) => (
                <li key={o.offer_id}>
                  <Link to={`/manager/leads/${o.lead_id}`}>{o.company_name}</Link> with{" "}
                  <Link to={`/manager/partners/${o.partner_id}`}>{o.partner_name}</Link>
                  <br />
                  <Countdown due={o.due_at} now={at} label="Expires" />
                </li>
              ))}
            </ul>
            {expiring.length > 0 ? <Link to="/manager/leads?state=offered">All offered leads</Link> : null}
          </section>
          <section aria-labelledby="attention-partners">
            <h3 id="attention-partners">Partners newly warned or withheld</h3>
            <p className="muted">
              {newlyFlagged.length === 0 ? `None in the last ${NEWLY_DAYS} days.` : `In the last ${NEWLY_DAYS} days.`}
            </p>
            <ul className="stack-tight">
              {newlyFlagged.map((p) => (
                <li key={p.id}>
                  <Link to={`/manager/partners/${p.id}`}>{p.name}</Link> <StandingBadge standing={p.level} />
                  <br />
                  <span className="muted">
                    Since <DateTime at={p.since} />
                  </span>
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="attention-excuses">
            <h3 id="attention-excuses">Excuse requests waiting</h3>
            <p className="muted">
              {excuses === 0
                ? "None waiting."
                : `${excuses} ${excuses === 1 ? "request waits" : "requests wait"} for your decision.`}
            </p>
            {excuses > 0 ? <Link to="/manager/excuses">Decide excuse requests</Link> : null}
          </section>
        </div>
      </Panel>
      <Panel title="Partners needing attention">
        <Table
          caption="Partners not in good standing"
          rows={attention}
          rowKey={(p) => p.id}
          columns={[
            { header: "Partner", cell: (p) => <Link to={`/manager/partners/${p.id}`}>{p.name}</Link> },
            { header: "Standing", cell: (p) => <StandingBadge standing={p.level} />, kind: "nowrap" },
            { header: "Score", cell: (p) => `${p.score}${p.provisional ? " (provisional)" : ""}`, kind: "number" },
            { header: "Why", cell: (p) => p.reason },
            { header: "Since", cell: (p) => <DateTime at={p.since} />, kind: "nowrap" },
          ]}
          empty={{
            title: "Every partner is in good standing",
            text: "Warnings and withholds appear here the moment the rules apply them.",
          }}
        />
      </Panel>
      <StatGrid label="Partner network">
        <Stat
          label="Partners"
          value={counts.partners}
          note={`${counts.activePartners} active${counts.partners > counts.activePartners ? `, ${counts.partners - counts.activePartners} inactive` : ""}`}
          to="/manager/partners"
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
