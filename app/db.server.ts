/**
 * Route modules import the database through this `.server` module, never `@db/client`
 * directly: the Remix compiler replaces `*.server` imports with an empty module in the
 * browser bundle, while `@db/client` has a top-level side effect (pg's int8 parser), which
 * would drag `pg` and PGlite into the browser build and break it.
 */
export { getDb } from "@db/client";
export type { DB, Executor, Trx } from "@db/client";
