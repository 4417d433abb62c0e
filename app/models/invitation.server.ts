import type { Invitation, Role } from "@db/schema";
import type { Executor } from "~/db.server";

export async function insertInvitation(
  db: Executor,
  i: {
    tokenHash: string;
    email: string;
    role: Role;
    partnerId: string | null;
    invitedBy: string | null;
    invitedByLabel: string;
    at: Date;
    expiresAt: Date;
  },
): Promise<Invitation> {
  return db
    .insertInto("invitations")
    .values({
      token_hash: i.tokenHash,
      email: i.email,
      role: i.role,
      partner_id: i.partnerId,
      invited_by: i.invitedBy,
      invited_by_label: i.invitedByLabel,
      created_at: i.at,
      expires_at: i.expiresAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function setInvitationUser(db: Executor, invitationId: string, userId: string): Promise<void> {
  await db.updateTable("invitations").set({ used_by: userId }).where("id", "=", invitationId).execute();
}

export interface PendingInvitation {
  id: string;
  email: string;
  role: Role;
  invitedByLabel: string;
  createdAt: Date;
  expiresAt: Date;
}

/** Unused, unexpired invitations of one partner (`null`: the vendor's own, channel managers). */
export async function pendingInvitations(
  db: Executor,
  partnerId: string | null,
  at: Date,
): Promise<PendingInvitation[]> {
  let q = db
    .selectFrom("invitations")
    .select(["id", "email", "role", "invited_by_label", "created_at", "expires_at"])
    .where("used_at", "is", null)
    .where("expires_at", ">", at);
  q = partnerId ? q.where("partner_id", "=", partnerId) : q.where("partner_id", "is", null);
  const rows = await q.orderBy("created_at", "desc").limit(50).execute();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    role: r.role,
    invitedByLabel: r.invited_by_label,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
  }));
}
