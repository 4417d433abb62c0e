import type { ApiKey } from "@db/schema";
import type { Executor } from "~/db.server";

export interface ApiKeyListItem extends ApiKey {
  source_name: string;
}

export async function listApiKeys(db: Executor): Promise<ApiKeyListItem[]> {
  return db
    .selectFrom("api_keys as k")
    .innerJoin("sources as s", "s.id", "k.source_id")
    .selectAll("k")
    .select("s.name as source_name")
    .orderBy("k.revoked_at", (ob) => ob.desc().nullsFirst())
    .orderBy("k.created_at", "desc")
    .execute();
}

export async function insertApiKey(
  db: Executor,
  values: {
    name: string;
    source_id: string;
    prefix: string;
    key_hash: string;
    created_by: string | null;
    created_at: Date;
  },
): Promise<ApiKey> {
  return db.insertInto("api_keys").values(values).returningAll().executeTakeFirstOrThrow();
}

export async function findActiveKeyByHash(db: Executor, keyHash: string): Promise<ApiKey | undefined> {
  return db
    .selectFrom("api_keys")
    .selectAll()
    .where("key_hash", "=", keyHash)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
}

/** Stamps the last use, at most once a minute per key so busy clients do not write on every call. */
export async function touchApiKey(db: Executor, id: string, at: Date): Promise<void> {
  await db
    .updateTable("api_keys")
    .set({ last_used_at: at })
    .where("id", "=", id)
    .where((eb) => eb.or([eb("last_used_at", "is", null), eb("last_used_at", "<", new Date(at.getTime() - 60_000))]))
    .execute();
}

/** Revokes a live key; answers the key when this call revoked it. */
export async function revokeApiKey(db: Executor, id: string, by: string | null, at: Date): Promise<ApiKey | undefined> {
  return db
    .updateTable("api_keys")
    .set({ revoked_at: at, revoked_by: by })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .returningAll()
    .executeTakeFirst();
}
