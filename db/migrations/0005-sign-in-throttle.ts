import type { Kysely } from "kysely";

// Frozen: never edit a migration once merged; add a new one instead.
// Sign-in throttling per account and per client address: each attempt is recorded as
// `pending` before the password is verified, then settled as failed, succeeded or refused.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("sign_in_attempts")
    .addColumn("client_address", "text", (c) => c.notNull().defaultTo("unknown"))
    .addColumn("outcome", "text", (c) => c.notNull().defaultTo("failed"))
    .execute();
  await db.updateTable("sign_in_attempts").set({ outcome: "succeeded" }).where("succeeded", "=", true).execute();
  await db.schema.alterTable("sign_in_attempts").dropColumn("succeeded").execute();
  await db.schema
    .createIndex("sign_in_attempts_address_at_idx")
    .on("sign_in_attempts")
    .columns(["client_address", "at"])
    .execute();
  await db.schema.createIndex("sign_in_attempts_at_idx").on("sign_in_attempts").column("at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("sign_in_attempts_at_idx").execute();
  await db.schema.dropIndex("sign_in_attempts_address_at_idx").execute();
  await db.schema
    .alterTable("sign_in_attempts")
    .addColumn("succeeded", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();
  await db.updateTable("sign_in_attempts").set({ succeeded: true }).where("outcome", "=", "succeeded").execute();
  await db.schema.alterTable("sign_in_attempts").dropColumn("outcome").dropColumn("client_address").execute();
}
