import { sql, type Kysely } from "kysely";

// Frozen: never edit a migration once merged; add a new one instead.
// Action links from email (ADR 021): one partner user, one action on one offer, an expiry, used
// once. Like invitations, only the SHA-256 of the random token is stored.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("action_links")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("action", "text", (c) => c.notNull().check(sql`action in ('accept_offer', 'log_touch')`))
    .addColumn("offer_id", "uuid", (c) => c.notNull().references("offers.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("used_at", "timestamptz")
    .execute();
  await db.schema.createIndex("action_links_offer_id_idx").on("action_links").column("offer_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("action_links").execute();
}
