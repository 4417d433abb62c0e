/** Migrated once per test run by the global setup, copied for every test file. */
export const TEMPLATE_DATABASE = "portal_test_template";
export const PGLITE_DUMP_DIR = ".data/test";
export const PGLITE_DUMP_PATH = `${PGLITE_DUMP_DIR}/pglite-template.tar`;
