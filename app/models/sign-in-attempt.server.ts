import { sql } from "kysely";
import type { Executor } from "~/db.server";
import type { SignInAttemptsTable } from "@db/schema";

type Outcome = SignInAttemptsTable["outcome"];

/** Records an attempt as `pending` before anything is verified; its id settles it later. */
export async function insertSignInAttempt(
  db: Executor,
  input: { email: string; clientAddress: string; at: Date },
): Promise<number> {
  const row = await db
    .insertInto("sign_in_attempts")
    .values({
      email: normalizeEmail(input.email),
      client_address: input.clientAddress,
      outcome: "pending",
      at: input.at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function settleSignInAttempt(
  db: Executor,
  id: number,
  outcome: Exclude<Outcome, "pending">,
): Promise<void> {
  await db.updateTable("sign_in_attempts").set({ outcome }).where("id", "=", id).execute();
}

export interface AttemptCounts {
  pairCount: number;
  pairPreviousAt: Date | null;
  addressCount: number;
  addressPreviousAt: Date | null;
  accountCount: number;
  accountPreviousAt: Date | null;
}

/**
 * The three throttle counters in `(since, until]` around attempt `id` (counted itself; the
 * "previous" times leave it out). Rows of parallel attempts count as soon as they are inserted.
 */
export async function signInAttemptCounts(
  db: Executor,
  input: { id: number; email: string; clientAddress: string; since: Date; until: Date },
): Promise<AttemptCounts> {
  const email = normalizeEmail(input.email);
  const address = input.clientAddress;
  const lastSuccess = db
    .selectFrom("sign_in_attempts")
    .select(sql<number>`coalesce(max(id), 0)`.as("id"))
    .where("email", "=", email)
    .where("client_address", "=", address)
    .where("outcome", "=", "succeeded");
  const pair = sql<boolean>`email = ${email} and client_address = ${address} and id > (${lastSuccess})`;
  const onAddress = sql<boolean>`client_address = ${address} and outcome <> 'succeeded'`;
  const onAccount = sql<boolean>`email = ${email} and outcome in ('pending', 'failed')`;
  const other = sql<boolean>`id <> ${input.id}`;
  const row = await db
    .selectFrom("sign_in_attempts")
    .select([
      sql<number>`(count(*) filter (where ${pair}))::int`.as("pairCount"),
      sql<Date | null>`max(at) filter (where ${pair} and ${other})`.as("pairPreviousAt"),
      sql<number>`(count(*) filter (where ${onAddress}))::int`.as("addressCount"),
      sql<Date | null>`max(at) filter (where ${onAddress} and ${other})`.as("addressPreviousAt"),
      sql<number>`(count(*) filter (where ${onAccount}))::int`.as("accountCount"),
      sql<Date | null>`max(at) filter (where ${onAccount} and ${other})`.as("accountPreviousAt"),
    ])
    .where((eb) => eb.or([eb("email", "=", email), eb("client_address", "=", address)]))
    .where("at", ">", input.since)
    .where("at", "<=", input.until)
    .executeTakeFirstOrThrow();
  const date = (v: Date | string | null) => (v === null ? null : new Date(v));
  return {
    ...row,
    pairPreviousAt: date(row.pairPreviousAt),
    addressPreviousAt: date(row.addressPreviousAt),
    accountPreviousAt: date(row.accountPreviousAt),
  };
}

/** Attempts older than the throttling window matter to nobody; keep the table small. */
export async function pruneSignInAttempts(db: Executor, before: Date): Promise<void> {
  await db.deleteFrom("sign_in_attempts").where("at", "<", before).execute();
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
