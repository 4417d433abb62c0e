import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const LOCK_FILE = "server.pid";

function liveHolder(dataDir: string): number | null {
  const path = join(dataDir, LOCK_FILE);
  if (!existsSync(path)) return null;
  const pid = Number(readFileSync(path, "utf8").trim());
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null; // stale lock left by a server that died
  }
}

/**
 * Command-line scripts call this before opening an embedded data directory: PGlite opened by
 * two processes at once silently loses data.
 */
export function refuseIfServerHoldsDataDir(dataDir: string): void {
  const pid = liveHolder(dataDir);
  if (pid !== null) {
    throw new Error(
      `The embedded database in ${dataDir} is held by a running server (pid ${pid}): ` +
        `stop the server first, or set DATABASE_URL to use PostgreSQL.`,
    );
  }
}

/** The server marks the directory as its own for as long as it runs. */
export function holdDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  refuseIfServerHoldsDataDir(dataDir);
  const path = join(dataDir, LOCK_FILE);
  writeFileSync(path, String(process.pid));
  return () => rmSync(path, { force: true });
}
