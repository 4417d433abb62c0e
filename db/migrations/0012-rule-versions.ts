import type { Kysely } from "kysely";

// Frozen: never edit a migration once merged; add a new one instead.
// A scoring version says why it was made, like a policy version (the rules page shows both histories).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("scoring_configs")
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.updateTable("scoring_configs").set({ note: "Default scoring rules" }).where("version", "=", 1).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("scoring_configs").dropColumn("note").execute();
}
