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
  await db
    .insertInto("audit_events")
    .values({
      actor_id: e.actorId,
      actor_label: e.actorLabel,
      action: e.action,
      subject_type: e.subjectType,
      subject_id: e.subjectId,
      details: JSON.stringify(e.details ?? {}),
      at: e.at,
    })
    .execute();
}
