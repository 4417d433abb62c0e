/**
 * The columns of `NonPersonalLeadFacts` (app/domain/lead-facts.ts), for a query that joins the
 * lead as `l` and its campaign as `c`.
 */
export const NON_PERSONAL_LEAD_FACT_COLUMNS = [
  "l.territory",
  "l.vertical",
  "l.company_size as companySize",
  "l.interest",
  "l.timeline",
  "c.name as campaign",
] as const;
