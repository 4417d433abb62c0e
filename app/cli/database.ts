import { configFromEnv, openDatabase, type DatabaseHandle } from "@db/client";
import { refuseIfServerHoldsDataDir } from "@db/data-dir-lock";
import { migrateToLatest } from "@db/migrate";
import { env } from "~/env.server";

/** Opens the configured database for a command-line script, refusing one a server holds. */
export async function openForScript(): Promise<DatabaseHandle> {
  const config = configFromEnv(env());
  if (config.kind === "pglite" && config.dataDir) refuseIfServerHoldsDataDir(config.dataDir);
  return openDatabase(config);
}

/**
 * Runs a script body on the configured database, migrated first as the server does (so a fresh
 * data directory or an empty PostgreSQL database just works), printing one clear line on failure.
 */
export async function runScript(
  body: (handle: DatabaseHandle) => Promise<void>,
  options: { migrate?: boolean } = {},
): Promise<void> {
  let handle: DatabaseHandle | undefined;
  try {
    handle = await openForScript();
    if (options.migrate !== false) await migrateToLatest(handle.db);
    await body(handle);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  } finally {
    await handle?.close();
  }
}
