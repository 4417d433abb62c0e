import { sql } from "kysely";
import type { Source, SourceKind } from "@db/schema";
import type { Executor } from "~/db.server";

export async function getSource(db: Executor, id: string): Promise<Source | undefined> {
  return db.selectFrom("sources").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function findSourceByName(db: Executor, kind: SourceKind, name: string): Promise<Source | undefined> {
  return db
    .selectFrom("sources")
    .selectAll()
    .where("kind", "=", kind)
    .where(sql<string>`lower(name)`, "=", name.trim().toLowerCase())
    .executeTakeFirst();
}

/** The source of this kind and name (names are unique per kind, case-insensitively), created when new. */
export async function getOrCreateSource(db: Executor, kind: SourceKind, name: string): Promise<Source> {
  const trimmed = name.trim();
  await db
    .insertInto("sources")
    .values({ kind, name: trimmed })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const source = await findSourceByName(db, kind, trimmed);
  if (!source) throw new Error(`source ${kind}/${trimmed} vanished right after its insert`);
  return source;
}

export const WEB_FORM_SOURCE_NAME = "Web form";

export interface SourceSummary extends Source {
  leads: number;
}

export async function listSources(db: Executor, kind?: SourceKind): Promise<SourceSummary[]> {
  let q = db
    .selectFrom("sources as s")
    .selectAll("s")
    .select(sql<number>`(select count(*)::int from leads l where l.source_id = s.id)`.as("leads"))
    .orderBy("s.kind")
    .orderBy(sql`lower(s.name)`);
  if (kind) q = q.where("s.kind", "=", kind);
  return q.execute();
}

/** Locks the source row: intake into one source runs one batch at a time (external ids stay unique). */
export async function lockSource(trx: Executor, id: string): Promise<void> {
  await trx.selectFrom("sources").select("id").where("id", "=", id).forUpdate().executeTakeFirstOrThrow();
}
