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
  created_at: CreatedAt;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  expires_at: Timestamp;
}

export interface SignInAttemptsTable {
  id: Generated<number>;
  email: string;
  succeeded: boolean;
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

export interface Database {
  partners: PartnersTable;
  users: UsersTable;
  sessions: SessionsTable;
  sign_in_attempts: SignInAttemptsTable;
  audit_events: AuditEventsTable;
}

export type Partner = Selectable<PartnersTable>;
export type NewPartner = Insertable<PartnersTable>;
export type PartnerUpdate = Updateable<PartnersTable>;
export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Session = Selectable<SessionsTable>;
export type AuditEvent = Selectable<AuditEventsTable>;
export type NewAuditEvent = Insertable<AuditEventsTable>;
