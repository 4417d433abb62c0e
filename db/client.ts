import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect, type Transaction } from "kysely";
import pg from "pg";
import { PGliteDialect } from "./pglite-dialect";
import type { Database } from "./schema";

export type DB = Kysely<Database>;
export type Trx = Transaction<Database>;
/** What model functions take first: the database or a transaction. */
export type Executor = DB | Trx;

export type DatabaseConfig =
  { kind: "postgres"; url: string; poolSize?: number } | { kind: "pglite"; dataDir: string | null; loadDataDir?: Blob };

export interface DatabaseHandle {
  db: DB;
  config: DatabaseConfig;
  close(): Promise<void>;
}

// pg returns int8 (counts, bigserial ids, cents) as strings, PGlite as numbers: make both numbers.
pg.types.setTypeParser(20, Number);

export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  if (config.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: config.url, max: config.poolSize ?? 10 });
    // An idle connection dropped by the server (restart, failover) must not crash the process:
    // the pool discards it and the next query opens a new one.
    pool.on("error", (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, config, close: () => db.destroy() };
  }
  if (config.dataDir) mkdirSync(config.dataDir, { recursive: true });
  const pglite = await PGlite.create(config.dataDir ?? undefined, {
    loadDataDir: config.loadDataDir,
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return { db, config, close: () => db.destroy() };
}

/** The configuration the environment asks for: PostgreSQL when DATABASE_URL is set. */
export function configFromEnv(env: { DATABASE_URL?: string; DATA_DIR: string }): DatabaseConfig {
  return env.DATABASE_URL ? { kind: "postgres", url: env.DATABASE_URL } : { kind: "pglite", dataDir: env.DATA_DIR };
}

// One instance per process, also when the Remix build and a script each load this module:
// opening the same PGlite directory twice silently loses data.
const holder = globalThis as typeof globalThis & {
  __portalDb?: Promise<DatabaseHandle>;
  __portalDbReady?: DatabaseHandle;
};

export async function initProcessDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  holder.__portalDb ??= openDatabase(config);
  holder.__portalDbReady = await holder.__portalDb;
  return holder.__portalDbReady;
}

/** The process's database, opened at boot by `initProcessDatabase`. */
export function getDb(): DB {
  if (!holder.__portalDbReady) throw new Error("The database is not open yet: the server opens it at boot");
  return holder.__portalDbReady.db;
}
