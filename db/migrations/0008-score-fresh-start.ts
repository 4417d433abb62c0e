import type { Kysely } from "kysely";

// Frozen: never edit a migration once merged; add a new one instead.
// A partner that earns its way from probation back to good standing starts a fresh count: its
// score reads only what settled after that probation began (ADR 006). Null: the whole window.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("partner_standing").addColumn("score_from", "timestamptz").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("partner_standing").dropColumn("score_from").execute();
}
