import type { NonPersonalLeadFacts } from "~/domain/lead-facts";
import { DetailList } from "./page-header";

/** A lead's non-personal facts, as a partner sees them before accepting (no contact details). */
export function LeadFacts({ lead }: { lead: NonPersonalLeadFacts }) {
  const none = <span className="muted">not given</span>;
  return (
    <DetailList
      items={[
        { label: "Territory", value: lead.territory },
        { label: "Vertical", value: lead.vertical ?? none },
        {
          label: "Company size",
          value: lead.companySize != null ? `${lead.companySize.toLocaleString("en-US")} employees` : none,
        },
        { label: "Interest", value: lead.interest ?? none },
        { label: "Timeline", value: lead.timeline ?? none },
        { label: "Campaign", value: lead.campaign ?? none },
      ]}
    />
  );
}
