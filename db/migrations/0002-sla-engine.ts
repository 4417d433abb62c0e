import { sql, type Kysely } from "kysely";

// Frozen: never edit a migration once merged; add a new one instead.
// Reference data (default rules, reason lists, verticals) lives here; demo data in the seed.

const uuidPk = (c: any) => c.primaryKey().defaultTo(sql`gen_random_uuid()`);
const now = sql`now()`;

// Points for fit and interest; nothing for budget, authority or readiness to buy.
export const DEFAULT_SCORING_THRESHOLD = 40;
export const DEFAULT_SCORING_RULES = [
  {
    id: "title-senior",
    criterion: "title",
    match: { anyOf: ["director", "vp", "vice president", "head", "chief", "cio", "cto"] },
    points: 20,
  },
  { id: "title-manager", criterion: "title", match: { anyOf: ["manager", "lead", "owner"] }, points: 10 },
  { id: "size-fit", criterion: "company_size", match: { min: 50, max: 5000 }, points: 15 },
  {
    id: "vertical-target",
    criterion: "vertical",
    match: { anyOf: ["software", "healthcare", "manufacturing", "finance", "retail", "energy"] },
    points: 15,
  },
  {
    id: "geo-target",
    criterion: "geography",
    match: { anyOf: ["US", "CA", "GB", "IE", "DE", "AT", "CH", "FR", "BE"] },
    points: 10,
  },
  { id: "engaged", criterion: "engagement", match: { min: 3 }, points: 10 },
  { id: "interest-stated", criterion: "interest", match: {}, points: 10 },
  { id: "timeline-near", criterion: "timeline", match: { anyOf: ["0-3 months", "3-6 months"] }, points: 10 },
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("verticals")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    .execute();
  await db
    .insertInto("verticals")
    .values(
      [
        ["software", "Software"],
        ["healthcare", "Healthcare"],
        ["manufacturing", "Manufacturing"],
        ["finance", "Financial services"],
        ["retail", "Retail"],
        ["energy", "Energy and utilities"],
        ["public_sector", "Public sector"],
        ["education", "Education"],
      ].map(([code, label]) => ({ code, label })),
    )
    .execute();

  await db.schema
    .createTable("reason_codes")
    .addColumn("list", "text", (c) => c.notNull().check(sql`list in ('decline', 'lost', 'disqualified')`))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("sort", "integer", (c) => c.notNull())
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    .addPrimaryKeyConstraint("reason_codes_pk", ["list", "code"])
    .execute();
  const reasons: Record<string, [string, string][]> = {
    decline: [
      ["no_capacity", "No capacity right now"],
      ["outside_territory", "Outside our territory"],
      ["outside_expertise", "Outside our expertise"],
      ["existing_relationship", "Conflict with an existing relationship"],
      ["poor_lead_quality", "Lead information is insufficient"],
      ["other", "Other"],
    ],
    lost: [
      ["no_response", "No response from the contact"],
      ["chose_competitor", "Chose a competitor"],
      ["no_budget", "No budget"],
      ["no_decision", "No decision / project stalled"],
      ["price", "Price"],
      ["other", "Other"],
    ],
    disqualified: [
      ["not_a_buyer", "Not a potential buyer"],
      ["duplicate", "Duplicate of another lead"],
      ["invalid_contact", "Contact details invalid"],
      ["student_or_job_seeker", "Student or job seeker"],
      ["existing_customer", "Already a customer"],
      ["other", "Other"],
    ],
  };
  await db
    .insertInto("reason_codes")
    .values(
      Object.entries(reasons).flatMap(([list, items]) =>
        items.map(([code, label], i) => ({ list, code, label, sort: i + 1 })),
      ),
    )
    .execute();

  await db.schema
    .createTable("policies")
    .addColumn("version", "integer", (c) => c.primaryKey())
    .addColumn("accept_within_minutes", "integer", (c) => c.notNull())
    .addColumn("first_touch_within_minutes", "integer", (c) => c.notNull())
    .addColumn("update_every_minutes", "integer", (c) => c.notNull())
    .addColumn("outcome_within_minutes", "integer", (c) => c.notNull())
    .addColumn("no_response_min_touches", "integer", (c) => c.notNull())
    .addColumn("no_response_min_span_minutes", "integer", (c) => c.notNull())
    .addColumn("reminder_at_percent", "integer", (c) => c.notNull())
    .addColumn("in_force", "boolean", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_by", "uuid", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();
  await sql`create unique index policies_one_in_force on policies (in_force) where in_force`.execute(db);
  await db
    .insertInto("policies")
    .values({
      version: 1,
      accept_within_minutes: 48 * 60,
      first_touch_within_minutes: 2 * 24 * 60,
      update_every_minutes: 14 * 24 * 60,
      outcome_within_minutes: 90 * 24 * 60,
      no_response_min_touches: 4,
      no_response_min_span_minutes: 7 * 24 * 60,
      reminder_at_percent: 75,
      in_force: true,
      note: "Default lead management rules",
    })
    .execute();

  await db.schema
    .createTable("scoring_configs")
    .addColumn("version", "integer", (c) => c.primaryKey())
    .addColumn("threshold", "integer", (c) => c.notNull())
    .addColumn("rules", "jsonb", (c) => c.notNull())
    .addColumn("in_force", "boolean", (c) => c.notNull())
    .addColumn("created_by", "uuid", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();
  await sql`create unique index scoring_configs_one_in_force on scoring_configs (in_force) where in_force`.execute(db);
  await db
    .insertInto("scoring_configs")
    .values({
      version: 1,
      threshold: DEFAULT_SCORING_THRESHOLD,
      rules: JSON.stringify(DEFAULT_SCORING_RULES),
      in_force: true,
    })
    .execute();

  await db.schema
    .alterTable("partners")
    .addColumn("paused_until", "timestamptz")
    .addColumn("last_offered_at", "timestamptz")
    .execute();

  await db.schema
    .createTable("campaigns")
    .addColumn("id", "uuid", uuidPk)
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("starts_at", "timestamptz")
    .addColumn("ends_at", "timestamptz")
    .addColumn("cost_cents", "bigint", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`cost_cents >= 0`),
    )
    .addColumn("archived_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();
  await sql`create unique index campaigns_name_key on campaigns (lower(name))`.execute(db);

  await db.schema
    .createTable("sources")
    .addColumn("id", "uuid", uuidPk)
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql`kind in ('web_form', 'csv_import', 'api_key', 'campaign', 'manual', 'demo')`),
    )
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("archived_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();
  await sql`create unique index sources_kind_name_key on sources (kind, lower(name))`.execute(db);

  await db.schema
    .createTable("leads")
    .addColumn("id", "uuid", uuidPk)
    .addColumn("source_id", "uuid", (c) => c.notNull().references("sources.id"))
    .addColumn("external_id", "text")
    .addColumn("campaign_id", "uuid", (c) => c.references("campaigns.id"))
    .addColumn("contact_name", "text", (c) => c.notNull())
    .addColumn("contact_email", "text")
    .addColumn("contact_phone", "text")
    .addColumn("contact_title", "text")
    .addColumn("company_name", "text", (c) => c.notNull())
    .addColumn("company_size", "integer")
    .addColumn("territory", "text", (c) => c.notNull())
    .addColumn("vertical", "text", (c) => c.references("verticals.code"))
    .addColumn("interest", "text")
    .addColumn("timeline", "text")
    .addColumn("engagement", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("score", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('inquiry', 'lead')`))
    .addColumn("state", "text", (c) =>
      c
        .notNull()
        .check(
          sql`state in ('nurture', 'routing', 'queued', 'offered', 'accepted', 'won', 'lost', 'disqualified', 'merged')`,
        ),
    )
    .addColumn("stage", "text")
    .addColumn("offer_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("queued_reason", "text")
    .addColumn("duplicate_of", "uuid", (c) => c.references("leads.id"))
    .addColumn("duplicate_status", "text", (c) => c.check(sql`duplicate_status in ('possible', 'kept', 'merged')`))
    .addColumn("intake_at", "timestamptz", (c) => c.notNull())
    .addColumn("intake_by", "text", (c) => c.notNull())
    .addColumn("created_by", "uuid", (c) => c.references("users.id"))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .execute();
  await sql`create unique index leads_source_external_key on leads (source_id, external_id) where external_id is not null`.execute(
    db,
  );
  await db.schema.createIndex("leads_state_idx").on("leads").columns(["state", "intake_at"]).execute();
  await sql`create index leads_email_idx on leads (lower(contact_email)) where contact_email is not null`.execute(db);
  await sql`create index leads_company_phone_idx on leads (lower(company_name), contact_phone) where contact_phone is not null`.execute(
    db,
  );
  await db.schema.createIndex("leads_campaign_idx").on("leads").column("campaign_id").execute();
  await sql`create index leads_possible_duplicates_idx on leads (intake_at) where duplicate_status = 'possible'`.execute(
    db,
  );

  await db.schema
    .createTable("offers")
    .addColumn("id", "uuid", uuidPk)
    .addColumn("lead_id", "uuid", (c) => c.notNull().references("leads.id"))
    .addColumn("partner_id", "uuid", (c) => c.notNull().references("partners.id"))
    .addColumn("rep_id", "uuid", (c) => c.references("users.id"))
    .addColumn("state", "text", (c) =>
      c.notNull().check(sql`state in ('offered', 'accepted', 'declined', 'expired', 'recalled', 'closed')`),
    )
    .addColumn("offered_at", "timestamptz", (c) => c.notNull())
    .addColumn("accept_due_at", "timestamptz", (c) => c.notNull())
    .addColumn("decided_at", "timestamptz")
    .addColumn("decided_by", "uuid", (c) => c.references("users.id"))
    .addColumn("decline_reason", "text")
    .addColumn("decline_note", "text")
    .addColumn("ended_at", "timestamptz")
    .addColumn("end_reason", "text")
    .addColumn("manual", "boolean", (c) => c.notNull())
    .addColumn("offered_by", "uuid", (c) => c.references("users.id"))
    .addColumn("override_reason", "text")
    .addColumn("policy_version", "integer", (c) => c.notNull().references("policies.version"))
    .execute();
  // One live offer per lead: two managers offering the same lead at once cannot both win.
  await sql`create unique index offers_one_live_per_lead on offers (lead_id) where state in ('offered', 'accepted')`.execute(
    db,
  );
  await sql`create index offers_partner_live_idx on offers (partner_id) where state in ('offered', 'accepted')`.execute(
    db,
  );
  await sql`create index offers_due_idx on offers (accept_due_at) where state = 'offered'`.execute(db);
  await db.schema.createIndex("offers_lead_idx").on("offers").column("lead_id").execute();

  await db.schema
    .createTable("activities")
    .addColumn("id", "uuid", uuidPk)
    .addColumn("lead_id", "uuid", (c) => c.notNull().references("leads.id"))
    .addColumn("offer_id", "uuid", (c) => c.notNull().references("offers.id"))
    .addColumn("user_id", "uuid", (c) => c.references("users.id"))
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql`kind in ('call', 'email', 'meeting', 'note', 'stage_change')`),
    )
    .addColumn("stage", "text")
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("activities_offer_idx").on("activities").columns(["offer_id", "at"]).execute();

  await db.schema
    .createTable("obligations")
    .addColumn("id", "uuid", uuidPk)
    .addColumn("offer_id", "uuid", (c) => c.notNull().references("offers.id"))
    .addColumn("lead_id", "uuid", (c) => c.notNull().references("leads.id"))
    .addColumn("partner_id", "uuid", (c) => c.notNull().references("partners.id"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('accept', 'first_touch', 'update', 'outcome')`))
    .addColumn("sequence", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("due_at", "timestamptz", (c) => c.notNull())
    .addColumn("remind_at", "timestamptz", (c) => c.notNull())
    .addColumn("met_at", "timestamptz")
    .addColumn("missed_at", "timestamptz")
    .addColumn("state", "text", (c) =>
      c.notNull().check(sql`state in ('open', 'met', 'met_late', 'missed', 'excused', 'cancelled')`),
    )
    .addColumn("policy_version", "integer", (c) => c.notNull().references("policies.version"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addUniqueConstraint("obligations_offer_kind_sequence_key", ["offer_id", "kind", "sequence"])
    .execute();
  await sql`create index obligations_open_due_idx on obligations (due_at) where state = 'open'`.execute(db);
  await db.schema.createIndex("obligations_partner_idx").on("obligations").columns(["partner_id", "due_at"]).execute();

  await db.schema
    .createTable("lead_outcomes")
    .addColumn("lead_id", "uuid", (c) => c.primaryKey().references("leads.id"))
    .addColumn("offer_id", "uuid", (c) => c.notNull().references("offers.id"))
    .addColumn("outcome", "text", (c) => c.notNull().check(sql`outcome in ('won', 'lost', 'disqualified')`))
    .addColumn("amount_cents", "bigint", (c) => c.check(sql`amount_cents > 0`))
    .addColumn("reason_code", "text")
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("reported_by", "uuid", (c) => c.references("users.id"))
    .addColumn("reported_at", "timestamptz", (c) => c.notNull())
    .addCheckConstraint(
      "lead_outcomes_fields",
      sql`(outcome = 'won' and amount_cents is not null and reason_code is null)
          or (outcome <> 'won' and reason_code is not null and amount_cents is null)`,
    )
    .execute();

  await db.schema
    .createTable("partner_standing")
    .addColumn("partner_id", "uuid", (c) => c.primaryKey().references("partners.id"))
    .addColumn("level", "text", (c) => c.notNull().check(sql`level in ('good', 'warning', 'withheld', 'probation')`))
    .addColumn("since", "timestamptz", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("score", "integer", (c) => c.notNull().defaultTo(100))
    .addColumn("provisional", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("override_level", "text", (c) => c.check(sql`override_level in ('good', 'withheld')`))
    .addColumn("override_reason", "text")
    .addColumn("override_expires_at", "timestamptz")
    .addColumn("override_by", "uuid", (c) => c.references("users.id"))
    .addColumn("probation_since", "timestamptz")
    .addColumn("computed_at", "timestamptz", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("partner_standing_history")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("partner_id", "uuid", (c) => c.notNull().references("partners.id"))
    .addColumn("from_level", "text")
    .addColumn("to_level", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("actor_label", "text", (c) => c.notNull())
    .addColumn("at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("partner_standing_history_idx")
    .on("partner_standing_history")
    .columns(["partner_id", "at"])
    .execute();

  await db.schema
    .createTable("excuse_requests")
    .addColumn("id", "uuid", uuidPk)
    .addColumn("obligation_id", "uuid", (c) => c.notNull().references("obligations.id"))
    .addColumn("partner_id", "uuid", (c) => c.notNull().references("partners.id"))
    .addColumn("requested_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull().check(sql`state in ('pending', 'approved', 'rejected')`))
    .addColumn("requested_at", "timestamptz", (c) => c.notNull())
    .addColumn("decided_by", "uuid", (c) => c.references("users.id"))
    .addColumn("decided_at", "timestamptz")
    .addColumn("decision_note", "text")
    .execute();
  await sql`create unique index excuse_requests_one_pending on excuse_requests (obligation_id) where state = 'pending'`.execute(
    db,
  );

  await db.schema
    .createTable("routing_decisions")
    .addColumn("id", "uuid", uuidPk)
    .addColumn("lead_id", "uuid", (c) => c.notNull().references("leads.id"))
    .addColumn("trigger", "text", (c) => c.notNull())
    .addColumn("chosen_partner_id", "uuid", (c) => c.references("partners.id"))
    .addColumn("result", "text", (c) => c.notNull().check(sql`result in ('offered', 'queued')`))
    .addColumn("candidates", "jsonb", (c) => c.notNull())
    .addColumn("actor_label", "text", (c) => c.notNull())
    .addColumn("decided_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("routing_decisions_lead_idx")
    .on("routing_decisions")
    .columns(["lead_id", "decided_at"])
    .execute();

  // Leads waiting to be routed again (after decline or expiry): queued work of its own.
  await db.schema
    .createTable("routing_jobs")
    .addColumn("lead_id", "uuid", (c) => c.primaryKey().references("leads.id"))
    .addColumn("trigger", "text", (c) => c.notNull())
    .addColumn("enqueued_at", "timestamptz", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("email_outbox")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("recipient", "text", (c) => c.notNull())
    .addColumn("template", "text", (c) => c.notNull())
    .addColumn("data", "jsonb", (c) => c.notNull())
    .addColumn("unique_key", "text", (c) => c.notNull().unique())
    .addColumn("state", "text", (c) =>
      c
        .notNull()
        .defaultTo("pending")
        .check(sql`state in ('pending', 'sent', 'failed')`),
    )
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_error", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("next_attempt_at", "timestamptz", (c) => c.notNull())
    .addColumn("sent_at", "timestamptz")
    .execute();
  await sql`create index email_outbox_pending_idx on email_outbox (next_attempt_at) where state = 'pending'`.execute(
    db,
  );

  await db.schema
    .createTable("sweep_runs")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("as_of", "timestamptz", (c) => c.notNull())
    .addColumn("started_at", "timestamptz", (c) => c.notNull())
    .addColumn("finished_at", "timestamptz", (c) => c.notNull())
    .addColumn("expired_offers", "integer", (c) => c.notNull())
    .addColumn("missed_obligations", "integer", (c) => c.notNull())
    .addColumn("partners_recomputed", "integer", (c) => c.notNull())
    .addColumn("actor_label", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "sweep_runs",
    "email_outbox",
    "routing_jobs",
    "routing_decisions",
    "excuse_requests",
    "partner_standing_history",
    "partner_standing",
    "lead_outcomes",
    "obligations",
    "activities",
    "offers",
    "leads",
    "sources",
    "campaigns",
    "scoring_configs",
    "policies",
    "reason_codes",
    "verticals",
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable("partners").dropColumn("paused_until").dropColumn("last_offered_at").execute();
}
