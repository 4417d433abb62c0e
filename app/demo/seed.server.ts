import { now } from "~/clock.server";
import type { DB } from "~/db.server";
import { anyUserExists } from "~/models/user.server";
import { DEMO_PASSWORD_HASH } from "~/services/demo-notice.server";
import { seedDemoProgram } from "./program.server";

export { DEMO_PASSWORD } from "~/services/demo-notice.server";

export const DEMO_MANAGER_EMAIL = "manager@vendor.example";

interface DemoPartner {
  name: string;
  domain: string;
  territories: string[];
  verticals: string[];
  capacity: number;
  timeZone: string;
  people: [admin: string, rep1: string, rep2: string];
}

const DEMO_PARTNERS: DemoPartner[] = [
  {
    name: "Northwind Systems",
    domain: "northwind.example",
    territories: ["US-CA", "US-OR", "US-WA"],
    verticals: ["software", "healthcare"],
    capacity: 12,
    timeZone: "America/Los_Angeles",
    people: ["Nora Quinn", "Sam Ortiz", "Priya Shah"],
  },
  {
    name: "Lone Star Integrators",
    domain: "lonestar.example",
    territories: ["US-TX", "US-OK"],
    verticals: ["energy", "manufacturing"],
    capacity: 8,
    timeZone: "America/Chicago",
    people: ["Dale Burke", "Rosa Vega", "Tom Reed"],
  },
  {
    name: "Maple Channel",
    domain: "maple.example",
    territories: ["CA", "US"],
    verticals: ["retail", "software"],
    capacity: 10,
    timeZone: "America/Toronto",
    people: ["Claire Roy", "Ben Tremblay", "Ava Singh"],
  },
  {
    name: "Thames Solutions",
    domain: "thames.example",
    territories: ["GB", "IE"],
    verticals: ["finance", "software"],
    capacity: 10,
    timeZone: "Europe/London",
    people: ["Oliver Hart", "Grace Lee", "Noah Patel"],
  },
  {
    name: "Bavaria IT Partner",
    domain: "bavaria.example",
    territories: ["DE", "AT", "CH"],
    verticals: ["manufacturing", "energy"],
    capacity: 6,
    timeZone: "Europe/Berlin",
    people: ["Lena Huber", "Jonas Weber", "Mia Braun"],
  },
  {
    name: "Lumière Conseil",
    domain: "lumiere.example",
    territories: ["FR", "BE"],
    verticals: ["healthcare", "retail"],
    capacity: 6,
    timeZone: "Europe/Paris",
    people: ["Camille Martin", "Hugo Bernard", "Léa Dubois"],
  },
];

export interface DemoSignIn {
  email: string;
  role: string;
  partner?: string;
}

/** The demo users worth listing at start-up (the manager and one partner's team), if seeded. */
export async function demoSignIns(db: DB): Promise<DemoSignIn[]> {
  const rows = await db
    .selectFrom("users")
    .leftJoin("partners", "partners.id", "users.partner_id")
    .select(["users.email", "users.role", "partners.name as partner"])
    .where((eb) =>
      eb.or([eb("users.email", "=", DEMO_MANAGER_EMAIL), eb("users.email", "like", "%@northwind.example")]),
    )
    .orderBy("users.role")
    .orderBy("users.email")
    .execute();
  return rows.map((r) => ({ email: r.email, role: r.role, partner: r.partner ?? undefined }));
}

/**
 * The first start of an empty embedded directory gets the demo, unless it was asked to start
 * empty (`--empty`, DEMO=false); a real database (PostgreSQL) only by `npm run db:seed`.
 */
export async function seedOnFirstStart(
  db: DB,
  start: { database: "pglite" | "postgres"; demo: boolean },
): Promise<DemoSignIn[] | null> {
  if (start.database !== "pglite" || !start.demo || (await anyUserExists(db))) return null;
  return seedDemo(db);
}

/**
 * Demo data: one channel manager, six partners, an admin and two reps per partner, then four
 * weeks of leads played through the real rules (see program.server.ts).
 */
export async function seedDemo(db: DB): Promise<DemoSignIn[]> {
  const signIns = await seedPeople(db);
  await seedDemoProgram(db, now());
  return signIns;
}

async function seedPeople(db: DB): Promise<DemoSignIn[]> {
  return db.transaction().execute(async (trx) => {
    const signIns: DemoSignIn[] = [{ email: DEMO_MANAGER_EMAIL, role: "channel_manager" }];
    await trx
      .insertInto("users")
      .values({
        email: DEMO_MANAGER_EMAIL,
        name: "Morgan Channel",
        role: "channel_manager",
        password_hash: DEMO_PASSWORD_HASH,
      })
      .execute();
    for (const p of DEMO_PARTNERS) {
      const partner = await trx
        .insertInto("partners")
        .values({
          name: p.name,
          territories: p.territories,
          verticals: p.verticals,
          capacity: p.capacity,
          time_zone: p.timeZone,
          contact_email: `channel@${p.domain}`,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const [admin, ...reps] = p.people;
      const people = [
        { name: admin, role: "partner_admin" as const, email: `admin@${p.domain}` },
        ...reps.map((name, i) => ({ name, role: "partner_rep" as const, email: `rep${i + 1}@${p.domain}` })),
      ];
      await trx
        .insertInto("users")
        .values(people.map((u) => ({ ...u, partner_id: partner.id, password_hash: DEMO_PASSWORD_HASH })))
        .execute();
      signIns.push(...people.map((u) => ({ email: u.email, role: u.role, partner: p.name })));
    }
    return signIns;
  });
}
