import { now } from "~/clock.server";
import type { DB } from "~/db.server";
import { csvLine } from "~/domain/csv-writer";
import type { LeadQuery, PageRequest } from "~/domain/lead-list";
import { listLeads, type LeadListRow } from "~/models/lead-list.server";

const EXPORT_PAGE = 1000;

const COLUMNS: [string, (r: LeadListRow) => string][] = [
  ["id", (r) => r.id],
  ["arrived_at", (r) => r.intake_at.toISOString()],
  ["company", (r) => r.company_name],
  ["contact", (r) => r.contact_name],
  ["email", (r) => r.contact_email ?? ""],
  ["territory", (r) => r.territory],
  ["vertical", (r) => r.vertical ?? ""],
  ["score", (r) => String(r.score)],
  ["kind", (r) => r.kind],
  ["state", (r) => r.state],
  ["partner", (r) => r.partner_name ?? ""],
  ["campaign", (r) => r.campaign_name ?? ""],
  ["source", (r) => r.source_name],
  ["overdue", (r) => (r.overdue ? "yes" : "no")],
];

/**
 * The filtered lead list as a CSV file, streamed a keyset page at a time (memory stays flat at a
 * million rows), through the one formula-safe CSV writer. The clock is read once, so "overdue"
 * means the same instant on every line.
 */
export function leadsCsvStream(db: DB, query: LeadQuery): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const at = now();
  let page: PageRequest | null = null;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (page === null) {
        page = {};
        controller.enqueue(encoder.encode("\uFEFF" + csvLine(COLUMNS.map(([name]) => name))));
        return;
      }
      const { rows, next } = await listLeads(db, query, page, EXPORT_PAGE, at);
      if (rows.length > 0)
        controller.enqueue(encoder.encode(rows.map((r) => csvLine(COLUMNS.map(([, value]) => value(r)))).join("")));
      if (!next) return controller.close();
      page = { after: next };
    },
  });
}
