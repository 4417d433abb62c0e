import { sql, type Kysely } from "kysely";

// Frozen: never edit a migration once merged; add a new one instead.
// A channel manager's correction of a reported outcome: what it was, what it became, and the
// reason, which the partner sees on its lead page. One row per correction, oldest first.
// The lead page reads a lead's activities and obligations by lead: indexes for both.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("outcome_corrections")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("lead_id", "uuid", (c) => c.notNull().references("leads.id"))
    .addColumn("offer_id", "uuid", (c) => c.notNull().references("offers.id"))
    .addColumn("from_outcome", "text", (c) => c.notNull())
    .addColumn("from_amount_cents", "bigint")
    .addColumn("from_reason_code", "text")
    .addColumn("to_outcome", "text", (c) => c.notNull())
    .addColumn("to_amount_cents", "bigint")
    .addColumn("to_reason_code", "text")
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("corrected_by", "uuid", (c) => c.references("users.id"))
    .addColumn("corrected_by_label", "text", (c) => c.notNull())
    .addColumn("corrected_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("outcome_corrections_lead_idx")
    .on("outcome_corrections")
    .columns(["lead_id", "corrected_at"])
    .execute();
  await db.schema.createIndex("activities_lead_idx").on("activities").columns(["lead_id", "at"]).execute();
  await db.schema.createIndex("obligations_lead_idx").on("obligations").columns(["lead_id", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("obligations_lead_idx").execute();
  await db.schema.dropIndex("activities_lead_idx").execute();
  await db.schema.dropTable("outcome_corrections").execute();
}
