import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

/** Row types, declared once. Timestamps are `timestamptz` and read as Date. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json = ColumnType<unknown, string, string>;

export type Role = "channel_manager" | "partner_admin" | "partner_rep";

export interface PartnersTable {
  id: Generated<string>;
  name: string;
  territories: ColumnType<string[], string[] | undefined, string[]>;
  verticals: ColumnType<string[], string[] | undefined, string[]>;
  capacity: Generated<number>;
  time_zone: Generated<string>;
  contact_email: string;
  active: Generated<boolean>;
  paused_until: Date | null;
  /** Why the partner paused, for the channel team (migration 0014). */
  pause_note: string | null;
  last_offered_at: Date | null;
  created_at: CreatedAt;
}

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  role: Role;
  partner_id: string | null;
  password_hash: string;
  disabled: Generated<boolean>;
  /** IANA zone every time is shown in (migration 0009). */
  time_zone: Generated<string>;
  created_at: CreatedAt;
}

export interface InvitationsTable {
  id: Generated<string>;
  /** SHA-256 (hex) of the token; the token itself is shown once and never stored. */
  token_hash: string;
  email: string;
  role: Role;
  partner_id: string | null;
  invited_by: string | null;
  invited_by_label: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  used_by: string | null;
}

export type ActionLinkAction = "accept_offer" | "log_touch";

/** A link from an email that performs one action for one user (migration 0013, ADR 021). */
export interface ActionLinksTable {
  id: Generated<string>;
  /** SHA-256 (hex) of the token; the token itself is only in the email and never stored. */
  token_hash: string;
  user_id: string;
  action: ActionLinkAction;
  offer_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  expires_at: Timestamp;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface ApiRequestWindowsTable {
  api_key_id: string;
  window_start: Timestamp;
  requests: number;
}

export interface SignInAttemptsTable {
  id: Generated<number>;
  email: string;
  client_address: string;
  /** `pending` while the password is being verified; `refused` when throttled before verifying. */
  outcome: "pending" | "failed" | "succeeded" | "refused";
  at: Timestamp;
}

export interface AuditEventsTable {
  id: Generated<number>;
  actor_id: string | null;
  actor_label: string;
  action: string;
  subject_type: string;
  subject_id: string;
  details: Json;
  at: Timestamp;
}

export type LeadKind = "inquiry" | "lead";
export type LeadState =
  "nurture" | "routing" | "queued" | "offered" | "accepted" | "won" | "lost" | "disqualified" | "merged";
export type OfferState = "offered" | "accepted" | "declined" | "expired" | "recalled" | "closed";
export type ActivityKind = "call" | "email" | "meeting" | "note" | "stage_change";
export type ObligationKind = "accept" | "first_touch" | "update" | "outcome";
export type ObligationState = "open" | "met" | "met_late" | "missed" | "excused" | "cancelled";
export type StandingLevel = "good" | "warning" | "withheld" | "probation";
export type OutcomeKind = "won" | "lost" | "disqualified";
export type ReasonList = "decline" | "lost" | "disqualified";
export type SourceKind = "web_form" | "csv_import" | "api_key" | "campaign" | "manual" | "demo";

export interface VerticalsTable {
  code: string;
  label: string;
  active: Generated<boolean>;
}

export interface ReasonCodesTable {
  list: ReasonList;
  code: string;
  label: string;
  sort: number;
  active: Generated<boolean>;
}

export interface PoliciesTable {
  version: number;
  accept_within_minutes: number;
  first_touch_within_minutes: number;
  update_every_minutes: number;
  outcome_within_minutes: number;
  no_response_min_touches: number;
  no_response_min_span_minutes: number;
  reminder_at_percent: number;
  score_window_days: Generated<number>;
  weight_accept: Generated<number>;
  weight_first_touch: Generated<number>;
  weight_update: Generated<number>;
  weight_outcome: Generated<number>;
  in_force: boolean;
  note: Generated<string>;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface ScoringConfigsTable {
  version: number;
  threshold: number;
  rules: Json;
  in_force: boolean;
  /** Why this version was made (migration 0012). */
  note: Generated<string>;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface CampaignsTable {
  id: Generated<string>;
  name: string;
  channel: string;
  starts_at: Date | null;
  ends_at: Date | null;
  cost_cents: Generated<number>;
  archived_at: Date | null;
  created_at: CreatedAt;
}

export interface SourcesTable {
  id: Generated<string>;
  kind: SourceKind;
  name: string;
  archived_at: Date | null;
  created_at: CreatedAt;
}

export interface LeadsTable {
  id: Generated<string>;
  source_id: string;
  external_id: string | null;
  campaign_id: string | null;
  contact_name: string;
  contact_email: string | null;
  contact_phone: string | null;
  contact_title: string | null;
  company_name: string;
  company_size: number | null;
  territory: string;
  vertical: string | null;
  interest: string | null;
  timeline: string | null;
  engagement: Generated<number>;
  score: number;
  kind: LeadKind;
  state: LeadState;
  stage: string | null;
  offer_count: Generated<number>;
  queued_reason: string | null;
  duplicate_of: string | null;
  duplicate_status: "possible" | "kept" | "merged" | null;
  intake_at: Timestamp;
  intake_by: string;
  created_by: string | null;
  updated_at: Timestamp;
}

export interface OffersTable {
  id: Generated<string>;
  lead_id: string;
  partner_id: string;
  rep_id: string | null;
  state: OfferState;
  offered_at: Timestamp;
  accept_due_at: Timestamp;
  decided_at: Timestamp | null;
  decided_by: string | null;
  decline_reason: string | null;
  decline_note: string | null;
  ended_at: Timestamp | null;
  end_reason: string | null;
  manual: boolean;
  offered_by: string | null;
  override_reason: string | null;
  policy_version: number;
}

export interface ActivitiesTable {
  id: Generated<string>;
  lead_id: string;
  offer_id: string;
  user_id: string | null;
  kind: ActivityKind;
  stage: string | null;
  note: Generated<string>;
  at: Timestamp;
}

export interface ObligationsTable {
  id: Generated<string>;
  offer_id: string;
  lead_id: string;
  partner_id: string;
  kind: ObligationKind;
  sequence: Generated<number>;
  due_at: Timestamp;
  remind_at: Timestamp;
  met_at: Timestamp | null;
  missed_at: Timestamp | null;
  state: ObligationState;
  policy_version: number;
  created_at: Timestamp;
}

export interface LeadOutcomesTable {
  lead_id: string;
  offer_id: string;
  outcome: OutcomeKind;
  amount_cents: number | null;
  reason_code: string | null;
  note: Generated<string>;
  reported_by: string | null;
  reported_at: Timestamp;
}

export interface PartnerStandingTable {
  partner_id: string;
  level: StandingLevel;
  since: Timestamp;
  reason: string;
  score: Generated<number>;
  provisional: Generated<boolean>;
  override_level: "good" | "withheld" | null;
  override_reason: string | null;
  override_expires_at: Timestamp | null;
  override_by: string | null;
  probation_since: Timestamp | null;
  computed_at: Timestamp;
  /** Where the score counts from after a return from probation to good (migration 0008); null: the whole window. */
  score_from: Timestamp | null;
}

export interface PartnerStandingHistoryTable {
  id: Generated<number>;
  partner_id: string;
  from_level: StandingLevel | null;
  to_level: StandingLevel;
  reason: string;
  actor_label: string;
  at: Timestamp;
}

export interface ExcuseRequestsTable {
  id: Generated<string>;
  obligation_id: string;
  partner_id: string;
  requested_by: string;
  reason: string;
  state: "pending" | "approved" | "rejected";
  requested_at: Timestamp;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_note: string | null;
}

export interface RoutingDecisionsTable {
  id: Generated<string>;
  lead_id: string;
  trigger: string;
  chosen_partner_id: string | null;
  result: "offered" | "queued";
  candidates: Json;
  actor_label: string;
  decided_at: Timestamp;
}

export interface RoutingJobsTable {
  lead_id: string;
  trigger: string;
  enqueued_at: Timestamp;
}

/** A channel manager's correction of a reported outcome (migration 0010); the partner sees the reason. */
export interface OutcomeCorrectionsTable {
  id: Generated<string>;
  lead_id: string;
  offer_id: string;
  from_outcome: OutcomeKind;
  from_amount_cents: number | null;
  from_reason_code: string | null;
  to_outcome: OutcomeKind;
  to_amount_cents: number | null;
  to_reason_code: string | null;
  reason: string;
  corrected_by: string | null;
  corrected_by_label: string;
  corrected_at: Timestamp;
}

export interface EmailOutboxTable {
  id: Generated<number>;
  recipient: string;
  template: string;
  data: Json;
  unique_key: string;
  state: Generated<"pending" | "sent" | "failed">;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Timestamp;
  next_attempt_at: Timestamp;
  sent_at: Timestamp | null;
}

export interface SweepRunsTable {
  id: Generated<number>;
  as_of: Timestamp;
  started_at: Timestamp;
  finished_at: Timestamp;
  expired_offers: number;
  missed_obligations: number;
  partners_recomputed: number;
  actor_label: string;
}

// ---- Lead intake (migration 0003) ----

export type CsvImportState = "mapping" | "staging" | "loading" | "done" | "failed";
export type StagingStatus = "valid" | "rejected";
export type StagingOutcome = "created" | "updated" | "promoted";

export interface ApiKeysTable {
  id: Generated<string>;
  name: string;
  source_id: string;
  prefix: string;
  key_hash: string;
  created_by: string | null;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
}

export interface CsvImportsTable {
  id: Generated<string>;
  source_id: string;
  campaign_id: string | null;
  file_name: string;
  content_hash: string;
  byte_size: number;
  estimated_rows: number;
  file_path: string;
  encoding: string;
  delimiter: string;
  has_bom: boolean;
  headers: Json;
  mapping: ColumnType<unknown, string | null | undefined, string | null>;
  state: CsvImportState;
  error: string | null;
  lease_until: Timestamp | null;
  result: ColumnType<unknown, string | null | undefined, string | null>;
  created_by: string | null;
  created_by_label: string;
  created_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
}

export interface IntakeStagingTable {
  batch_id: string;
  line: number;
  status: StagingStatus;
  errors: ColumnType<unknown, string | null | undefined, string | null>;
  raw: ColumnType<unknown, string | null | undefined, string | null>;
  external_id: string | null;
  campaign_id: string | null;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  contact_title: string | null;
  company_name: string | null;
  company_size: number | null;
  territory: string | null;
  vertical: string | null;
  interest: string | null;
  timeline: string | null;
  engagement: number | null;
  score: number | null;
  kind: LeadKind | null;
  lead_id: Generated<string>;
  outcome: StagingOutcome | null;
  duplicate_of: string | null;
}

export interface SourceCsvMappingsTable {
  source_id: string;
  mapping: Json;
  updated_at: Timestamp;
}

export interface Database {
  partners: PartnersTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_request_windows: ApiRequestWindowsTable;
  sign_in_attempts: SignInAttemptsTable;
  audit_events: AuditEventsTable;
  verticals: VerticalsTable;
  reason_codes: ReasonCodesTable;
  policies: PoliciesTable;
  scoring_configs: ScoringConfigsTable;
  campaigns: CampaignsTable;
  sources: SourcesTable;
  leads: LeadsTable;
  offers: OffersTable;
  activities: ActivitiesTable;
  obligations: ObligationsTable;
  lead_outcomes: LeadOutcomesTable;
  partner_standing: PartnerStandingTable;
  partner_standing_history: PartnerStandingHistoryTable;
  excuse_requests: ExcuseRequestsTable;
  routing_decisions: RoutingDecisionsTable;
  routing_jobs: RoutingJobsTable;
  outcome_corrections: OutcomeCorrectionsTable;
  email_outbox: EmailOutboxTable;
  sweep_runs: SweepRunsTable;
  // ---- Lead intake (migration 0003) ----
  api_keys: ApiKeysTable;
  csv_imports: CsvImportsTable;
  intake_staging: IntakeStagingTable;
  source_csv_mappings: SourceCsvMappingsTable;
  invitations: InvitationsTable;
  action_links: ActionLinksTable;
}

export type Partner = Selectable<PartnersTable>;
export type NewPartner = Insertable<PartnersTable>;
export type PartnerUpdate = Updateable<PartnersTable>;
export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Session = Selectable<SessionsTable>;
export type Invitation = Selectable<InvitationsTable>;
export type ActionLink = Selectable<ActionLinksTable>;
export type AuditEvent = Selectable<AuditEventsTable>;
export type NewAuditEvent = Insertable<AuditEventsTable>;
export type Lead = Selectable<LeadsTable>;
export type NewLead = Insertable<LeadsTable>;
export type Offer = Selectable<OffersTable>;
export type Obligation = Selectable<ObligationsTable>;
export type NewObligation = Insertable<ObligationsTable>;
export type Activity = Selectable<ActivitiesTable>;
export type PolicyRow = Selectable<PoliciesTable>;
export type StandingRow = Selectable<PartnerStandingTable>;
export type Campaign = Selectable<CampaignsTable>;
export type Source = Selectable<SourcesTable>;
export type NewOutboxEmail = Insertable<EmailOutboxTable>;

// ---- Lead intake (migration 0003) ----
export type ApiKey = Selectable<ApiKeysTable>;
export type CsvImport = Selectable<CsvImportsTable>;
export type NewCsvImport = Insertable<CsvImportsTable>;
export type StagingRow = Selectable<IntakeStagingTable>;
export type NewStagingRow = Insertable<IntakeStagingTable>;
