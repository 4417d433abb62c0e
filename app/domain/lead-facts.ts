/**
 * A lead's non-personal facts: what a partner sees of a lead before accepting it, and what a
 * forwarded email link may show (no contact name, email or phone).
 */
export interface NonPersonalLeadFacts {
  territory: string;
  vertical: string | null;
  companySize: number | null;
  interest: string | null;
  timeline: string | null;
  campaign: string | null;
}
