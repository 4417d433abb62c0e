import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import type { DB } from "~/db.server";
import { filesInUse } from "~/models/csv-import.server";
import { removeFile, uploadDir } from "~/services/intake-csv-file.server";

/** An import left in mapping or staging this long is abandoned: its file goes. */
export const ABANDONED_IMPORT_MS = 24 * 3600_000;
/** A file this young may be an upload still arriving, or kept a moment before its import row. */
const IN_FLIGHT_MS = 3600_000;

/**
 * Deletes the upload files no import needs any more: those of finished, failed and abandoned
 * imports, and partial uploads a crash left behind. A failed or abandoned import resumes when
 * the same file is uploaded again. Safe on several instances: each file is judged from the
 * database and deleting a file twice is no error. Answers the names it deleted.
 */
export async function removeLeftUploads(db: DB, at: Date, dir = uploadDir()): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  if (names.length === 0) return [];
  const keep = new Set(await filesInUse(db, at, new Date(at.getTime() - ABANDONED_IMPORT_MS)));
  const removed: string[] = [];
  for (const name of names) {
    const path = join(dir, name);
    if (keep.has(path)) continue;
    const info = await stat(path).catch(() => null);
    if (!info?.isFile() || info.mtimeMs > at.getTime() - IN_FLIGHT_MS) continue;
    await removeFile(path);
    removed.push(name);
  }
  return removed;
}
