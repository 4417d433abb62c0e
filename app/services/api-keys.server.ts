/**
 * API keys: channel managers create them (the key is shown once), name them and revoke them.
 * Each key name is an intake source of kind `api_key`; a key created again under the same name
 * (rotation) feeds the same source, so external ids stay idempotent across keys.
 */
import { createHash, randomBytes } from "node:crypto";
import { now } from "~/clock.server";
import type { DB } from "~/db.server";
import { recordAudit } from "~/models/audit.server";
import { findActiveKeyByHash, insertApiKey, revokeApiKey, touchApiKey } from "~/models/api-key.server";
import { getOrCreateSource } from "~/models/source.server";
import { type Actor } from "./actor";
import { fail, succeed, type Outcome } from "~/domain/outcome";

const KEY_PREFIX = "plk_";

function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export interface CreatedApiKey {
  id: string;
  name: string;
  /** The only time the full key exists outside the client: it is stored as a digest. */
  key: string;
}

export async function createApiKey(db: DB, name: string, actor: Actor): Promise<CreatedApiKey> {
  const secret = randomBytes(24).toString("base64url");
  const key = `${KEY_PREFIX}${secret}`;
  const at = now();
  return db.transaction().execute(async (trx) => {
    const source = await getOrCreateSource(trx, "api_key", name);
    const row = await insertApiKey(trx, {
      name: source.name,
      source_id: source.id,
      prefix: key.slice(0, KEY_PREFIX.length + 6),
      key_hash: hashKey(key),
      created_by: actor.userId,
      created_at: at,
    });
    await recordAudit(trx, {
      actorId: actor.userId,
      actorLabel: actor.label,
      action: "api_key.create",
      subjectType: "api_key",
      subjectId: row.id,
      details: { name: row.name, sourceId: source.id },
      at,
    });
    return { id: row.id, name: row.name, key };
  });
}

export async function revokeKey(db: DB, id: string, actor: Actor): Promise<Outcome<{ name: string }>> {
  const at = now();
  return db.transaction().execute(async (trx) => {
    const row = await revokeApiKey(trx, id, actor.userId, at);
    if (!row) return fail("not_found", "This key does not exist or was already revoked.");
    await recordAudit(trx, {
      actorId: actor.userId,
      actorLabel: actor.label,
      action: "api_key.revoke",
      subjectType: "api_key",
      subjectId: row.id,
      details: { name: row.name },
      at,
    });
    return succeed({ name: row.name });
  });
}

export interface AuthenticatedKey {
  id: string;
  name: string;
  sourceId: string;
}

/** The live key named by an `Authorization: Bearer <key>` header, or null. */
export async function authenticateApiKey(db: DB, authorization: string | null): Promise<AuthenticatedKey | null> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match || !match[1].startsWith(KEY_PREFIX)) return null;
  const row = await findActiveKeyByHash(db, hashKey(match[1]));
  if (!row) return null;
  await touchApiKey(db, row.id, now());
  return { id: row.id, name: row.name, sourceId: row.source_id };
}
