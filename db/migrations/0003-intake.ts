import { sql, type Kysely } from "kysely";

// Frozen: never edit a migration once merged; add a new one instead.
// Lead intake: API keys, CSV imports, the staging table every intake path loads through,
// and the column mapping each CSV source remembers.

const uuidPk = (c: any) => c.primaryKey().defaultTo(sql`gen_random_uuid()`);

export async function up(db: Kysely<any>): Promise<void> {
  // Keys are shown once and stored as a SHA-256 digest: they are long random secrets, so a
  // slow password hash would add latency to every API call without adding safety.
  await db.schema
    .createTable("api_keys")
    .addColumn("id", "uuid", uuidPk)
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("source_id", "uuid", (c) => c.notNull().references("sources.id"))
    .addColumn("prefix", "text", (c) => c.notNull())
    .addColumn("key_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_by", "uuid", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("last_used_at", "timestamptz")
    .addColumn("revoked_at", "timestamptz")
    .addColumn("revoked_by", "uuid", (c) => c.references("users.id"))
    .execute();

  await db.schema
    .createTable("csv_imports")
    .addColumn("id", "uuid", uuidPk)
    .addColumn("source_id", "uuid", (c) => c.notNull().references("sources.id"))
    .addColumn("campaign_id", "uuid", (c) => c.references("campaigns.id"))
    .addColumn("file_name", "text", (c) => c.notNull())
    // The same bytes are one import, whoever uploads them again and whenever.
    .addColumn("content_hash", "text", (c) => c.notNull().unique())
    .addColumn("byte_size", "bigint", (c) => c.notNull())
    .addColumn("estimated_rows", "integer", (c) => c.notNull())
    .addColumn("file_path", "text", (c) => c.notNull())
    .addColumn("encoding", "text", (c) => c.notNull())
    .addColumn("delimiter", "text", (c) => c.notNull())
    .addColumn("has_bom", "boolean", (c) => c.notNull())
    .addColumn("headers", "jsonb", (c) => c.notNull())
    .addColumn("mapping", "jsonb")
    .addColumn("state", "text", (c) =>
      c.notNull().check(sql`state in ('mapping', 'staging', 'loading', 'done', 'failed')`),
    )
    .addColumn("error", "text")
    // Whoever runs the import renews this; a lapsed lease means the runner died and may be resumed.
    .addColumn("lease_until", "timestamptz")
    .addColumn("result", "jsonb")
    .addColumn("created_by", "uuid", (c) => c.references("users.id"))
    .addColumn("created_by_label", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("started_at", "timestamptz")
    .addColumn("finished_at", "timestamptz")
    .execute();
  await db.schema.createIndex("csv_imports_created_idx").on("csv_imports").column("created_at").execute();

  // Every intake path (form, API batch, CSV import) stages its rows here and loads them into
  // leads with the same set-based statements. A CSV import's rows stay (progress, rejects);
  // a form or API batch removes its rows in the transaction that staged them.
  await db.schema
    .createTable("intake_staging")
    .addColumn("batch_id", "uuid", (c) => c.notNull())
    .addColumn("line", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('valid', 'rejected')`))
    .addColumn("errors", "jsonb")
    .addColumn("raw", "jsonb")
    .addColumn("external_id", "text")
    .addColumn("campaign_id", "uuid")
    .addColumn("contact_name", "text")
    .addColumn("contact_email", "text")
    .addColumn("contact_phone", "text")
    .addColumn("contact_title", "text")
    .addColumn("company_name", "text")
    .addColumn("company_size", "integer")
    .addColumn("territory", "text")
    .addColumn("vertical", "text")
    .addColumn("interest", "text")
    .addColumn("timeline", "text")
    .addColumn("engagement", "integer")
    .addColumn("score", "integer")
    .addColumn("kind", "text")
    .addColumn("lead_id", "uuid", (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn("outcome", "text", (c) => c.check(sql`outcome in ('created', 'updated', 'promoted')`))
    .addColumn("duplicate_of", "uuid")
    .addPrimaryKeyConstraint("intake_staging_pk", ["batch_id", "line"])
    .execute();

  await db.schema
    .createTable("source_csv_mappings")
    .addColumn("source_id", "uuid", (c) => c.primaryKey().references("sources.id"))
    .addColumn("mapping", "jsonb", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["source_csv_mappings", "intake_staging", "csv_imports", "api_keys"]) {
    await db.schema.dropTable(table).execute();
  }
}
