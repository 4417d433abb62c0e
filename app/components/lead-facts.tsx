import { DetailList } from "./page-header";

export interface LeadFactsOf {
  territory: string;
  vertical: string | null;
  companySize: number | null;
  interest: string | null;
  timeline: string | null;
  campaign: string | null;
}

/** A lead's non-personal facts, as a partner sees them before accepting (no contact details). */
export function LeadFacts({ lead }: { lead: LeadFactsOf }) {
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
