import type { Executor } from "~/db.server";

export interface AuditInput {
  actorId: string | null;
  /** Who acted, for people and jobs alike: an email, or `system:sweep`. */
  actorLabel: string;
  action: string;
  subjectType: string;
  subjectId: string;
  details?: Record<string, unknown>;
  at: Date;
}

export async function recordAudit(db: Executor, e: AuditInput): Promise<void> {
  await recordAudits(db, [e]);
}

/** Several audit events in one statement (a routing batch). */
export async function recordAudits(db: Executor, events: AuditInput[]): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto("audit_events")
    .values(
      events.map((e) => ({
        actor_id: e.actorId,
        actor_label: e.actorLabel,
        action: e.action,
        subject_type: e.subjectType,
        subject_id: e.subjectId,
        details: JSON.stringify(e.details ?? {}),
        at: e.at,
      })),
    )
    .execute();
}
