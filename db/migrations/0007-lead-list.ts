import { sql, type Kysely } from "kysely";

// Frozen: never edit a migration once merged; add a new one instead.
// The channel manager's lead list pages by keyset over (sort key, id) at a million leads
// (docs/decisions/014-lead-list-keyset.md): each sort and the most used filters get an index
// that returns the first page in order without reading the table, and search is by prefix
// (text_pattern_ops serves LIKE 'prefix%' whatever the database's collation).

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index leads_intake_id_idx on leads (intake_at, id)`.execute(db);
  await sql`create index leads_score_id_idx on leads (score, id)`.execute(db);
  // Replaces (state, intake_at): the same lookups, now also in keyset order.
  await sql`drop index leads_state_idx`.execute(db);
  await sql`create index leads_state_intake_id_idx on leads (state, intake_at, id)`.execute(db);
  await sql`create index leads_source_intake_id_idx on leads (source_id, intake_at, id)`.execute(db);
  await sql`create index leads_territory_idx on leads (territory text_pattern_ops)`.execute(db);
  await sql`create index leads_company_prefix_idx on leads (lower(company_name) text_pattern_ops)`.execute(db);
  await sql`create index leads_contact_prefix_idx on leads (lower(contact_name) text_pattern_ops)`.execute(db);
  await sql`create index leads_email_prefix_idx on leads (lower(contact_email) text_pattern_ops) where contact_email is not null`.execute(
    db,
  );
  // "Leads with this partner": the offers it holds or closed.
  await sql`create index offers_partner_held_idx on offers (partner_id, lead_id) where state in ('offered', 'accepted', 'closed')`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index offers_partner_held_idx`.execute(db);
  for (const name of [
    "leads_email_prefix_idx",
    "leads_contact_prefix_idx",
    "leads_company_prefix_idx",
    "leads_territory_idx",
    "leads_source_intake_id_idx",
    "leads_state_intake_id_idx",
    "leads_score_id_idx",
    "leads_intake_id_idx",
  ]) {
    await sql`drop index ${sql.ref(name)}`.execute(db);
  }
  await sql`create index leads_state_idx on leads (state, intake_at)`.execute(db);
}
