/** The import page's data: the import, its file's first rows while it is being mapped, and its first rejects. */
import type { DB } from "~/db.server";
import type { CsvDelimiter, CsvEncoding } from "~/domain/intake-csv-detect";
import type { ColumnMapping } from "~/domain/intake-csv-mapping";
import { notFound } from "~/auth/guards.server";
import { getCampaign } from "~/models/campaign.server";
import { listRejects } from "~/models/csv-import.server";
import { getSource } from "~/models/source.server";
import { isUuid } from "~/security/ids";
import { inspectCsv, PREVIEW_ROWS } from "~/services/intake-csv-file.server";
import { columnNamer, importView, type ImportView } from "~/services/intake-csv-import.server";

export const REJECTS_SHOWN = 100;

/** The import at this address, or a thrown 404. */
export async function importOr404(db: DB, id: string | undefined) {
  const view = isUuid(id) ? await importView(db, id) : null;
  if (!view) throw notFound("There is no import at this address.");
  return view;
}

export async function importPage(db: DB, view: ImportView) {
  const imp = view.import;
  const [source, campaign] = await Promise.all([
    getSource(db, imp.source_id),
    imp.campaign_id ? getCampaign(db, imp.campaign_id) : undefined,
  ]);
  const inspected =
    imp.state === "mapping"
      ? await inspectCsv(imp.file_path, {
          encoding: imp.encoding as CsvEncoding,
          delimiter: imp.delimiter as CsvDelimiter,
        })
      : null;
  const columnName = columnNamer(imp);
  const rejects = imp.state === "mapping" ? [] : await listRejects(db, imp.id, { afterLine: 0, limit: REJECTS_SHOWN });
  return {
    id: imp.id,
    fileName: imp.file_name,
    state: imp.state,
    error: imp.error,
    byteSize: imp.byte_size,
    estimatedRows: Math.max(imp.estimated_rows - 1, 1),
    encoding: imp.encoding as CsvEncoding,
    delimiter: imp.delimiter as CsvDelimiter,
    hasBom: imp.has_bom,
    headers: imp.headers as string[],
    mapping: (imp.mapping as ColumnMapping | null) ?? [],
    source: source?.name ?? "",
    campaign: campaign?.name ?? null,
    counts: view.counts,
    result: view.result,
    stalled: view.stalled,
    queued: view.queued,
    preview: inspected?.ok ? inspected.inspection.preview : [],
    previewRows: PREVIEW_ROWS,
    previewProblem: inspected && !inspected.ok ? inspected.message : null,
    rejects: rejects.flatMap((r) =>
      r.errors.map((e, i) => ({ key: `${r.line}-${i}`, line: r.line, field: columnName(e.field), message: e.message })),
    ),
  };
}
