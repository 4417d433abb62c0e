/**
 * Migrated once per test run by the global setup, copied for every test file. The template is
 * named after the database of DATABASE_URL, so test runs on different databases of one server
 * (several working copies, CI beside a developer) never drop each other's template.
 */
export function templateDatabaseName(url: string): string {
  const database = new URL(url).pathname.slice(1) || "postgres";
  return `${database}_template`;
}
export const PGLITE_DUMP_DIR = ".data/test";
export const PGLITE_DUMP_PATH = `${PGLITE_DUMP_DIR}/pglite-template.tar`;
