import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { Kysely } from "kysely";
import { openDatabase } from "@db/client";
import { migrateToLatest } from "@db/migrate";
import { PGliteDialect } from "@db/pglite-dialect";
import { PGLITE_DUMP_DIR, PGLITE_DUMP_PATH, templateDatabaseName } from "./template";
import { withAdmin } from "./test-database";

const once = globalThis as typeof globalThis & { __portalTestTemplate?: Promise<void> };

/**
 * Migrates one template database (PostgreSQL) or one dump (PGlite) that every test file copies.
 * Each vitest project runs the global setup; the first call does the work for all of them.
 */
export default function setup(): Promise<void> {
  once.__portalTestTemplate ??= prepareTemplate();
  return once.__portalTestTemplate;
}

async function prepareTemplate() {
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = templateDatabaseName(url);
    await withAdmin(url, async (admin) => {
      await admin.query(`drop database if exists "${template}" with (force)`);
      await admin.query(`create database "${template}"`);
    });
    const templateUrl = new URL(url);
    templateUrl.pathname = `/${template}`;
    const handle = await openDatabase({ kind: "postgres", url: templateUrl.toString() });
    await migrateToLatest(handle.db);
    await handle.close();
    return;
  }
  console.log("postgres-only tests (races, 100k import) did not run: set DATABASE_URL to run them");
  const pglite = await PGlite.create();
  const db = new Kysely<any>({ dialect: new PGliteDialect(pglite) });
  await migrateToLatest(db);
  const dump = await pglite.dumpDataDir("none");
  mkdirSync(PGLITE_DUMP_DIR, { recursive: true });
  // Written aside and renamed, so a concurrent run never reads half a dump.
  const partial = `${PGLITE_DUMP_PATH}.${process.pid}`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, PGLITE_DUMP_PATH);
  await db.destroy();
}
