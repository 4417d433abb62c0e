import { sql, type Kysely } from "kysely";

// Frozen: never edit a migration once merged; add a new one instead.
// Sessions learn when they began (the absolute lifetime counts from there); API requests are
// counted per key in fixed one-minute windows shared by every instance.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("sessions")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable("api_request_windows")
    .addColumn("api_key_id", "uuid", (c) => c.notNull().references("api_keys.id").onDelete("cascade"))
    .addColumn("window_start", "timestamptz", (c) => c.notNull())
    .addColumn("requests", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("api_request_windows_pk", ["api_key_id", "window_start"])
    .execute();
  await db.schema
    .createIndex("api_request_windows_start_idx")
    .on("api_request_windows")
    .column("window_start")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("api_request_windows").execute();
  await db.schema.alterTable("sessions").dropColumn("created_at").execute();
}
