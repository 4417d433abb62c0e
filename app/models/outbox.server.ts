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
  return ((await recipientsOfPartners(db, [partnerId])).get(partnerId) ?? []).map((r) => r.to);
}

/**
 * `partnerRecipients` of several partners in one statement: partner id → addresses, each with
 * its admin's user id (null for the contact address), for links that act as them (ADR 021).
 */
export async function recipientsOfPartners(
  db: Executor,
  partnerIds: string[],
): Promise<Map<string, { to: string; userId: string | null }[]>> {
  const out = new Map<string, { to: string; userId: string | null }[]>();
  if (partnerIds.length === 0) return out;
  const rows = await db
    .selectFrom("partners as p")
    .leftJoin("users as u", (join) =>
      join.onRef("u.partner_id", "=", "p.id").on("u.role", "=", "partner_admin").on("u.disabled", "=", false),
    )
    .select(["p.id", "p.contact_email", "u.email", "u.id as userId"])
    .where("p.id", "in", [...new Set(partnerIds)])
    .execute();
  for (const r of rows) {
    const to = out.get(r.id) ?? [];
    if (r.email !== null) to.push({ to: r.email, userId: r.userId });
    out.set(r.id, to);
  }
  for (const r of rows) if (out.get(r.id)?.length === 0) out.set(r.id, [{ to: r.contact_email, userId: null }]);
  return out;
}
