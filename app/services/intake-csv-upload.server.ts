/**
 * Step 1 of a CSV import: a received file becomes an import waiting for its column mapping, or,
 * when the same bytes were uploaded before, leads back to that import (finished: "already
 * imported"; interrupted: resumed). A file that cannot be used changes nothing.
 */
import type { CsvImport } from "@db/schema";
import { now } from "~/clock.server";
import type { DB } from "~/db.server";
import { suggestMapping } from "~/domain/intake-csv-mapping";
import { findImportByHash, insertImport, rememberedMapping, updateImport } from "~/models/csv-import.server";
import { getOrCreateSource } from "~/models/source.server";
import type { Actor } from "./actor";
import { campaignProblem } from "./campaigns.server";
import {
  estimatedRows,
  fileExists,
  inspectCsv,
  keepUpload,
  removeFile,
  type ReceivedFile,
} from "./intake-csv-file.server";
import { resumeImport } from "./intake-csv-import.server";
import { invalidFields, succeed, type Outcome } from "~/domain/outcome";

export type UploadOutcome = Outcome<{
  importId: string;
  status: "created" | "already_imported" | "awaiting_mapping" | "resumed" | "running";
}>;

export interface UploadRequest {
  file: ReceivedFile;
  sourceName: string;
  campaignId: string | null;
  actor: Actor;
}

export async function registerUpload(db: DB, req: UploadRequest): Promise<UploadOutcome> {
  const badCampaign = await campaignProblem(db, req.campaignId);
  if (badCampaign) {
    await removeFile(req.file.path);
    return invalidFields({ campaign_id: [`The campaign ${badCampaign}.`] });
  }
  const existing = await findImportByHash(db, req.file.contentHash);
  if (existing) return reuseImport(db, existing, req.file);

  const inspected = await inspectCsv(req.file.path);
  if (!inspected.ok) {
    await removeFile(req.file.path);
    return inspected;
  }
  const { inspection } = inspected;
  const path = await keepUpload(req.file);
  const at = now();
  try {
    const created = await db.transaction().execute(async (trx) => {
      const source = await getOrCreateSource(trx, "csv_import", req.sourceName);
      return insertImport(trx, {
        source_id: source.id,
        campaign_id: req.campaignId,
        file_name: req.file.fileName,
        content_hash: req.file.contentHash,
        byte_size: req.file.byteSize,
        estimated_rows: estimatedRows(req.file),
        file_path: path,
        encoding: inspection.encoding,
        delimiter: inspection.delimiter,
        has_bom: inspection.hasBom,
        headers: JSON.stringify(inspection.headers),
        mapping: JSON.stringify(suggestMapping(inspection.headers, await rememberedMapping(trx, source.id))),
        state: "mapping",
        created_by: req.actor.userId,
        created_by_label: req.actor.label,
        created_at: at,
      });
    });
    return succeed({ importId: created.id, status: "created" });
  } catch (e) {
    // The same file uploaded twice at once: the other upload created the import.
    const raced = await findImportByHash(db, req.file.contentHash);
    if (!raced) {
      await removeFile(path);
      throw e;
    }
    return succeed({ importId: raced.id, status: "awaiting_mapping" });
  }
}

/** The same content again: never a second import. */
async function reuseImport(db: DB, imp: CsvImport, file: ReceivedFile): Promise<UploadOutcome> {
  const fileNeeded = imp.state !== "done" && !(await fileExists(imp.file_path));
  if (fileNeeded) {
    // The server lost its copy (restart, cleaned temp folder): this upload is the file to resume from.
    const path = await keepUpload(file);
    if (path !== imp.file_path) await updateImport(db, imp.id, { file_path: path });
  } else {
    await removeFile(file.path);
  }
  switch (imp.state) {
    case "done":
      return succeed({ importId: imp.id, status: "already_imported" });
    case "mapping":
      return succeed({ importId: imp.id, status: "awaiting_mapping" });
    default: {
      const resumed = await resumeImport(db, imp.id);
      return succeed({ importId: imp.id, status: resumed ? "resumed" : "running" });
    }
  }
}
