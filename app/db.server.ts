/**
 * The app's one door to the database: everything under app/ (routes, services, models, jobs,
 * auth, the demo) takes the handle, its types and the savepoint helper from here, never from
 * `@db/client` directly. Only the process's wiring (`boot.server.ts`, `app/cli/`) opens,
 * migrates and locks the database through db/ itself (docs/decisions/011-layers.md).
 *
 * It also keeps the browser build clean: the Remix compiler replaces `*.server` imports with
 * an empty module in the browser bundle, while `@db/client` has a top-level side effect (pg's
 * int8 parser), which would drag `pg` and PGlite into the browser build and break it.
 */
export { getDb } from "@db/client";
export type { DB, Executor, Trx } from "@db/client";
export { underSavepoint } from "@db/savepoint";
