import { sql, type Kysely } from "kysely";

// Frozen: never edit a migration once merged; add a new one instead.
// The manager's excuse queue reads the waiting requests oldest first and the decided ones newest
// first, a page at a time by keyset (decided_at, id): one partial index for each list.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index excuse_requests_waiting_idx on excuse_requests (requested_at, id) where state = 'pending'`.execute(
    db,
  );
  await sql`create index excuse_requests_decided_idx on excuse_requests (decided_at desc, id desc) where state <> 'pending'`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index excuse_requests_decided_idx`.execute(db);
  await sql`drop index excuse_requests_waiting_idx`.execute(db);
}
