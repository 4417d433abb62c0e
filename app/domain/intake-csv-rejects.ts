/**
 * The rejects file: every rejected line of an import with its reasons and original values,
 * so the manager can fix the lines in a spreadsheet and upload them again.
 */
import { csvLine } from "./csv-writer";
import type { FieldError } from "./intake-fields";

export interface RejectedLine {
  line: number;
  errors: FieldError[];
  /** The line's values as read from the file; null when the line could not be read at all. */
  raw: string[] | null;
}

export function rejectsHeader(fileHeaders: readonly string[]): string {
  return csvLine(["line", "field", "reason", ...fileHeaders]);
}

/** `columnName` names a lead field as the file does (errors are stored with lead field names). */
export function rejectsLine(row: RejectedLine, columnName: (field: string) => string = (f) => f): string {
  const fields = [...new Set(row.errors.map((e) => columnName(e.field)))].join("; ");
  // "(line)" errors are about the whole line: the reason needs no field name in front.
  const reasons = row.errors
    .map((e) => (e.field.startsWith("(") ? e.message : `${columnName(e.field)}: ${e.message}`))
    .join("; ");
  return csvLine([String(row.line), fields, reasons, ...(row.raw ?? [])]);
}
