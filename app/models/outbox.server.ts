import type { Executor } from "~/db.server";

export interface OutboxEmail {
  to: string;
  template: string;
  data: Record<string, unknown>;
  /** Idempotency: the same key is queued once, however often the writer runs. */
  key: string;
  at: Date;
}

/** Queues emails in the caller's transaction; delivery reads the outbox later. */
export async function enqueueEmails(db: Executor, emails: OutboxEmail[]): Promise<void> {
  if (emails.length === 0) return;
  await db
    .insertInto("email_outbox")
    .values(
      emails.map((e) => ({
        recipient: e.to,
        template: e.template,
        data: JSON.stringify(e.data),
        unique_key: e.key,
        created_at: e.at,
        next_attempt_at: e.at,
      })),
    )
    .onConflict((oc) => oc.column("unique_key").doNothing())
    .execute();
}

/** Who hears about a partner's offers and standing: its active admins, else its contact address. */
export async function partnerRecipients(db: Executor, partnerId: string): Promise<string[]> {
  const admins = await db
    .selectFrom("users")
    .select("email")
    .where("partner_id", "=", partnerId)
    .where("role", "=", "partner_admin")
    .where("disabled", "=", false)
    .execute();
  if (admins.length > 0) return admins.map((a) => a.email);
  const partner = await db
    .selectFrom("partners")
    .select("contact_email")
    .where("id", "=", partnerId)
    .executeTakeFirst();
  return partner ? [partner.contact_email] : [];
}
