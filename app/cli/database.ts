import { configFromEnv, openDatabase, type DatabaseHandle } from "@db/client";
import { refuseIfServerHoldsDataDir } from "@db/data-dir-lock";
import { env } from "~/env.server";

/** Opens the configured database for a command-line script, refusing one a server holds. */
export async function openForScript(): Promise<DatabaseHandle> {
  const config = configFromEnv(env());
  if (config.kind === "pglite" && config.dataDir) refuseIfServerHoldsDataDir(config.dataDir);
  return openDatabase(config);
}

/** Runs a script body, printing one clear line on failure. */
export async function runScript(body: (handle: DatabaseHandle) => Promise<void>): Promise<void> {
  let handle: DatabaseHandle | undefined;
  try {
    handle = await openForScript();
    await body(handle);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  } finally {
    await handle?.close();
  }
}
