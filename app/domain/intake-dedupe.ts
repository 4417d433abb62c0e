/**
 * De-duplication on intake (issue: lead intake, item 5).
 * - The same external id from the same source is the same lead: it is updated, never doubled.
 * - The same email (case-insensitive), or the same company (case-insensitive) and phone, as a
 *   lead that came in within the last 90 days flags the newcomer as a possible duplicate of the
 *   earliest such lead, for a manager to merge or keep. It is still created.
 * The loader applies this rule in SQL (app/models/lead-intake.server.ts); an integration test
 * proves both agree.
 */

export const DUPLICATE_WINDOW_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface DuplicateKeys {
  /** Emails are stored lower-cased and phones normalised, so plain equality is the rule. */
  contactEmail: string | null;
  companyName: string;
  contactPhone: string | null;
}

export interface EarlierLead extends DuplicateKeys {
  id: string;
  intakeAt: Date;
}

/** The first instant whose leads still count as "recent": now − 90 days, inclusive. */
export function duplicateWindowStart(now: Date): Date {
  return new Date(now.getTime() - DUPLICATE_WINDOW_DAYS * DAY_MS);
}

export function isPossibleDuplicate(candidate: DuplicateKeys, earlier: DuplicateKeys): boolean {
  const sameEmail =
    candidate.contactEmail !== null && candidate.contactEmail.toLowerCase() === earlier.contactEmail?.toLowerCase();
  const sameCompanyPhone =
    candidate.contactPhone !== null &&
    candidate.contactPhone === earlier.contactPhone &&
    candidate.companyName.toLowerCase() === earlier.companyName.toLowerCase();
  return sameEmail || sameCompanyPhone;
}

/** The earliest recent lead the candidate may duplicate, or null. */
export function possibleDuplicateOf(
  candidate: DuplicateKeys,
  earlier: readonly EarlierLead[],
  now: Date,
): string | null {
  const since = duplicateWindowStart(now).getTime();
  const matches = earlier
    .filter((e) => e.intakeAt.getTime() >= since && isPossibleDuplicate(candidate, e))
    .sort((a, b) => a.intakeAt.getTime() - b.intakeAt.getTime() || (a.id < b.id ? -1 : 1));
  return matches[0]?.id ?? null;
}
