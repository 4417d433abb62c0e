/**
 * Column mapping of a CSV file: which column of the file feeds which lead field. A source
 * remembers its mapping by header name, so the next file from the same channel maps itself.
 */
import { LEAD_FIELD_LABELS, LEAD_FIELDS, REQUIRED_LEAD_FIELDS, type FieldError, type LeadField } from "./intake-fields";

/** One entry per file column, in file order: the lead field it feeds, or null (ignored). */
export type ColumnMapping = (LeadField | null)[];
/** What a source remembers: header key → lead field. */
export type RememberedMapping = Record<string, LeadField>;

const SYNONYMS: Record<LeadField, string[]> = {
  external_id: ["externalid", "id", "leadid", "recordid", "crmid", "reference", "ref"],
  contact_name: ["contactname", "name", "fullname", "contact", "person"],
  contact_email: ["contactemail", "email", "emailaddress", "mail", "email1"],
  contact_phone: ["contactphone", "phone", "phonenumber", "telephone", "tel", "mobile"],
  contact_title: ["contacttitle", "title", "jobtitle", "role", "position"],
  company_name: ["companyname", "company", "account", "accountname", "organization", "organisation"],
  company_size: ["companysize", "size", "employees", "employeecount", "headcount", "numberofemployees"],
  territory: ["territory", "country", "countrycode", "geo", "geography"],
  vertical: ["vertical", "industry", "sector", "segment"],
  interest: ["interest", "product", "productinterest", "comments", "message", "notes"],
  timeline: ["timeline", "buyingtimeline", "timeframe", "purchasetimeline"],
  engagement: ["engagement", "activities", "activitycount", "touches", "engagementscore"],
};

/** Header text reduced to what identifies it: "E-mail Address " → "emailaddress". */
export function headerKey(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** The source's remembered mapping first, then well-known header names; each field at most once. */
export function suggestMapping(headers: readonly string[], remembered: RememberedMapping | null): ColumnMapping {
  const used = new Set<LeadField>();
  const take = (field: LeadField | undefined) => {
    if (!field || used.has(field)) return null;
    used.add(field);
    return field;
  };
  const keys = headers.map(headerKey);
  const fromMemory = keys.map((k) => take(remembered?.[k]));
  return keys.map((k, i) => fromMemory[i] ?? take(LEAD_FIELDS.find((f) => SYNONYMS[f].includes(k))));
}

/** A mapping is usable when every required field has a column and no field has two. */
export function mappingErrors(mapping: ColumnMapping): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of REQUIRED_LEAD_FIELDS) {
    if (!mapping.includes(field)) {
      errors.push({ field: "mapping", message: `Choose the column that holds “${LEAD_FIELD_LABELS[field]}”.` });
    }
  }
  mapping.forEach((field, i) => {
    if (field && mapping.indexOf(field) !== i) {
      errors.push({
        field: `column.${i}`,
        message: `“${LEAD_FIELD_LABELS[field]}” is already taken by another column.`,
      });
    }
  });
  return errors;
}

/** The lead fields of one record; columns beyond the record's length read as blank. */
export function mapRecord(values: readonly string[], mapping: ColumnMapping): Partial<Record<LeadField, string>> {
  const out: Partial<Record<LeadField, string>> = {};
  mapping.forEach((field, i) => {
    if (field) out[field] = values[i] ?? "";
  });
  return out;
}

export function rememberMapping(headers: readonly string[], mapping: ColumnMapping): RememberedMapping {
  const out: RememberedMapping = {};
  mapping.forEach((field, i) => {
    if (field && headers[i] !== undefined) out[headerKey(headers[i])] = field;
  });
  return out;
}

/** Header problems that make a file unusable, in words for the manager. */
export function headerProblems(headers: readonly string[]): string[] {
  const problems: string[] = [];
  if (headers.length < 2) {
    problems.push("The first line has fewer than two columns: is this a CSV file with a header line?");
  }
  const seen = new Map<string, number>();
  headers.forEach((h, i) => {
    const key = headerKey(h);
    if (key === "") return;
    const first = seen.get(key);
    if (first !== undefined) problems.push(`Columns ${first + 1} and ${i + 1} have the same header “${h.trim()}”.`);
    else seen.set(key, i);
  });
  return problems;
}
