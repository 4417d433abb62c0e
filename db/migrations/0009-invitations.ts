import { sql, type Kysely } from "kysely";

// Frozen: never edit a migration once merged; add a new one instead.
// Invitations (an expiring, single-use token stored only as its SHA-256), every user's own time
// zone, and the partner list's keyset index.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("invitations")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) =>
      c.notNull().check(sql`role in ('channel_manager', 'partner_admin', 'partner_rep')`),
    )
    .addColumn("partner_id", "uuid", (c) => c.references("partners.id"))
    .addColumn("invited_by", "uuid", (c) => c.references("users.id"))
    .addColumn("invited_by_label", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("used_at", "timestamptz")
    .addColumn("used_by", "uuid", (c) => c.references("users.id"))
    .addCheckConstraint("invitations_partner_role", sql`(role = 'channel_manager') = (partner_id is null)`)
    .execute();
  await db.schema
    .createIndex("invitations_partner_id_idx")
    .on("invitations")
    .columns(["partner_id", "created_at"])
    .execute();
  await db.schema
    .alterTable("users")
    .addColumn("time_zone", "text", (c) => c.notNull().defaultTo("UTC"))
    .execute();
  await db.schema.createIndex("partners_name_id_idx").on("partners").columns(["name", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("partners_name_id_idx").execute();
  await db.schema.alterTable("users").dropColumn("time_zone").execute();
  await db.schema.dropTable("invitations").execute();
}
