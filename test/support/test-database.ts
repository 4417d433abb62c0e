import { readFileSync } from "node:fs";
import pg from "pg";
import { openDatabase, type DB, type DatabaseHandle } from "@db/client";
import { PGLITE_DUMP_PATH, templateDatabaseName } from "./template";

/**
 * A clean, migrated database for one test file: a copy of the migrated template on
 * PostgreSQL when DATABASE_URL is set, otherwise an in-memory PGlite loaded from a dump.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const dump = new Blob([readFileSync(PGLITE_DUMP_PATH)]);
    return openDatabase({ kind: "pglite", dataDir: null, loadDataDir: dump });
  }
  const name = `portal_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await withAdmin(url, (admin) => admin.query(`create database "${name}" template "${templateDatabaseName(url)}"`));
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const handle = await openDatabase({ kind: "postgres", url: dbUrl.toString(), poolSize: 20 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await withAdmin(url, (admin) => admin.query(`drop database if exists "${name}" with (force)`));
    },
  };
}

export async function withAdmin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Registers a fresh database for the calling test file; read `.db` inside tests. */
export function useTestDatabase(hooks: {
  beforeAll: (fn: () => Promise<void>) => void;
  afterAll: (fn: () => Promise<void>) => void;
}): { readonly db: DB } {
  let handle: DatabaseHandle | undefined;
  hooks.beforeAll(async () => {
    handle = await createTestDatabase();
  });
  hooks.afterAll(async () => {
    await handle?.close();
  });
  return {
    get db() {
      if (!handle) throw new Error("test database not ready (use it inside a test or hook)");
      return handle.db;
    },
  };
}
