import type { DB } from "@db/client";
import type { Lead, Role } from "@db/schema";
import type { Actor } from "~/services/actor";

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export async function createPartner(
  db: DB,
  over: Partial<{ name: string; territories: string[]; verticals: string[]; capacity: number; active: boolean }> = {},
) {
  const name = over.name ?? `Partner ${unique()}`;
  return db
    .insertInto("partners")
    .values({
      name,
      territories: over.territories ?? ["US"],
      verticals: over.verticals ?? ["software"],
      capacity: over.capacity ?? 10,
      active: over.active ?? true,
      contact_email: `channel-${unique()}@partner.test`,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function createUser(db: DB, role: Role, partnerId: string | null = null, over: { email?: string } = {}) {
  return db
    .insertInto("users")
    .values({
      email: over.email ?? `${role}-${unique()}@example.test`,
      name: `${role} ${unique()}`,
      role,
      partner_id: partnerId,
      password_hash: "not-a-real-hash",
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function actorFor(user: { id: string; email: string; role: Role; partner_id: string | null }): Actor {
  return { userId: user.id, label: user.email, role: user.role, partnerId: user.partner_id };
}

/** A partner with an admin and a rep, and their actors. */
export async function createPartnerTeam(db: DB, over: Parameters<typeof createPartner>[1] = {}) {
  const partner = await createPartner(db, over);
  const admin = await createUser(db, "partner_admin", partner.id);
  const rep = await createUser(db, "partner_rep", partner.id);
  return { partner, admin, rep, adminActor: actorFor(admin), repActor: actorFor(rep) };
}

export async function createManager(db: DB) {
  const manager = await createUser(db, "channel_manager");
  return { manager, actor: actorFor(manager) };
}

async function testSource(db: DB) {
  const existing = await db.selectFrom("sources").select("id").where("name", "=", "Test factory").executeTakeFirst();
  if (existing) return existing.id;
  const row = await db
    .insertInto("sources")
    .values({ kind: "manual", name: "Test factory" })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A qualified lead waiting for the router (or in the state given). */
export async function createLead(
  db: DB,
  at: Date,
  over: Partial<Pick<Lead, "territory" | "vertical" | "company_name" | "state" | "contact_email">> = {},
): Promise<Lead> {
  return db
    .insertInto("leads")
    .values({
      source_id: await testSource(db),
      contact_name: "Casey Buyer",
      contact_email: over.contact_email ?? `casey-${unique()}@customer.test`,
      company_name: over.company_name ?? `Customer ${unique()}`,
      territory: over.territory ?? "US-CA",
      vertical: over.vertical === undefined ? "software" : over.vertical,
      score: 60,
      kind: "lead",
      state: over.state ?? "routing",
      intake_at: at,
      intake_by: "test",
      updated_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
