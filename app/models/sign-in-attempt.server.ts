import type { Executor } from "~/db.server";

export async function recordSignInAttempt(db: Executor, email: string, succeeded: boolean, at: Date): Promise<void> {
  await db.insertInto("sign_in_attempts").values({ email: normalizeEmail(email), succeeded, at }).execute();
}

/**
 * Times of the most recent failed attempts for an email in `(since, until]`, newest first,
 * counting only failures after the last success (a successful sign-in clears the slate).
 */
export async function recentFailures(db: Executor, email: string, since: Date, until: Date, limit: number): Promise<Date[]> {
  const key = normalizeEmail(email);
  const rows = await db
    .selectFrom("sign_in_attempts")
    .select("at")
    .where("email", "=", key)
    .where("succeeded", "=", false)
    .where("at", ">", since)
    .where("at", "<=", until)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("sign_in_attempts as s")
            .select("s.id")
            .where("s.email", "=", key)
            .where("s.succeeded", "=", true)
            .whereRef("s.at", ">=", "sign_in_attempts.at")
            .where("s.at", "<=", until),
        ),
      ),
    )
    .orderBy("at", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => r.at);
}

/** Attempts older than the throttling window matter to nobody; keep the table small. */
export async function pruneSignInAttempts(db: Executor, email: string, before: Date): Promise<void> {
  await db.deleteFrom("sign_in_attempts").where("email", "=", normalizeEmail(email)).where("at", "<", before).execute();
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
