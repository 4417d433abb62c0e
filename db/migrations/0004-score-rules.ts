import { sql, type Kysely } from "kysely";

// Frozen: never edit a migration once merged; add a new one instead.
// The score's weights and window become part of the versioned policy (they were constants),
// and an index lets the sweep find obligations leaving the window without reading the table.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("policies")
    .addColumn("score_window_days", "integer", (c) =>
      c
        .notNull()
        .defaultTo(90)
        .check(sql`score_window_days > 0`),
    )
    .addColumn("weight_accept", "integer", (c) =>
      c
        .notNull()
        .defaultTo(30)
        .check(sql`weight_accept >= 0`),
    )
    .addColumn("weight_first_touch", "integer", (c) =>
      c
        .notNull()
        .defaultTo(30)
        .check(sql`weight_first_touch >= 0`),
    )
    .addColumn("weight_update", "integer", (c) =>
      c
        .notNull()
        .defaultTo(20)
        .check(sql`weight_update >= 0`),
    )
    .addColumn("weight_outcome", "integer", (c) =>
      c
        .notNull()
        .defaultTo(20)
        .check(sql`weight_outcome >= 0`),
    )
    .execute();
  await sql`alter table policies add constraint policies_weights_positive
    check (weight_accept + weight_first_touch + weight_update + weight_outcome > 0)`.execute(db);
  // The instant an obligation settles (met_at when met, its due otherwise), for the states that count.
  await sql`create index obligations_settled_idx on obligations ((coalesce(met_at, due_at)))
    where state in ('open', 'met', 'met_late', 'missed')`.execute(db);
  // The sweep reads the previous run's instant every minute.
  await db.schema.createIndex("sweep_runs_as_of_idx").on("sweep_runs").column("as_of").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index sweep_runs_as_of_idx`.execute(db);
  await sql`drop index obligations_settled_idx`.execute(db);
  await sql`alter table policies drop constraint policies_weights_positive`.execute(db);
  await db.schema
    .alterTable("policies")
    .dropColumn("score_window_days")
    .dropColumn("weight_accept")
    .dropColumn("weight_first_touch")
    .dropColumn("weight_update")
    .dropColumn("weight_outcome")
    .execute();
}
