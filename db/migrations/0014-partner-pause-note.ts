import { sql, type Kysely } from "kysely";

// Frozen: never edit a migration once merged; add a new one instead.
// A partner admin's pause (vacation) carries an optional note for the channel team (ADR 020).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("partners")
    .addColumn("pause_note", "text", (c) => c.check(sql`char_length(pause_note) <= 500`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("partners").dropColumn("pause_note").execute();
}
