/** Rows found by the hash of a single-use emailed token: action links and invitations. */
import type { ActionLink, Invitation } from "@db/schema";
import type { Executor } from "~/db.server";

interface TokenRows {
  action_links: ActionLink;
  invitations: Invitation;
}
type TokenTable = keyof TokenRows;

export async function findByTokenHash<T extends TokenTable>(
  db: Executor,
  table: T,
  tokenHash: string,
): Promise<TokenRows[T] | undefined> {
  const row = await db
    .selectFrom(table as TokenTable)
    .selectAll()
    .where("token_hash", "=", tokenHash)
    .executeTakeFirst();
  return row as TokenRows[T] | undefined;
}

/**
 * Marks the token used, only if it is unused and unexpired at `at`: of two uses at once, exactly
 * one gets the row back (the other's update waits for the first, then matches nothing).
 */
export async function claimToken<T extends TokenTable>(
  db: Executor,
  table: T,
  tokenHash: string,
  at: Date,
): Promise<TokenRows[T] | undefined> {
  const row = await db
    .updateTable(table as TokenTable)
    .set({ used_at: at })
    .where("token_hash", "=", tokenHash)
    .where("used_at", "is", null)
    .where("expires_at", ">", at)
    .returningAll()
    .executeTakeFirst();
  return row as TokenRows[T] | undefined;
}
