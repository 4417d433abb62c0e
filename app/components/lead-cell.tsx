import { Link } from "@remix-run/react";

/** A lead in a list: its company, linked to the lead's page, and who to talk to. */
export function LeadCell({
  lead,
}: {
  lead: { id: string; company_name: string; contact_name: string; contact_email?: string | null };
}) {
  return (
    <>
      <Link to={`/manager/leads/${lead.id}`}>{lead.company_name}</Link>
      <br />
      <span className="muted">
        {lead.contact_name}
        {lead.contact_email ? `, ${lead.contact_email}` : ""}
      </span>
    </>
  );
}
