import { sql } from "kysely";
import type { Executor } from "~/db.server";

export interface PossibleDuplicate {
  id: string;
  companyName: string;
  contactName: string;
  contactEmail: string | null;
  contactPhone: string | null;
  intakeAt: Date;
  intakeBy: string;
  state: string;
  earlier: {
    id: string;
    companyName: string;
    contactName: string;
    contactEmail: string | null;
    intakeAt: Date;
    state: string;
  };
}

/** Leads flagged as possible duplicates, waiting for a manager to merge or keep them; oldest first. */
export async function listPossibleDuplicates(db: Executor, limit = 200): Promise<PossibleDuplicate[]> {
  const rows = await db
    .selectFrom("leads as l")
    .innerJoin("leads as e", "e.id", "l.duplicate_of")
    .select([
      "l.id",
      "l.company_name",
      "l.contact_name",
      "l.contact_email",
      "l.contact_phone",
      "l.intake_at",
      "l.intake_by",
      "l.state",
      "e.id as e_id",
      "e.company_name as e_company",
      "e.contact_name as e_contact",
      "e.contact_email as e_email",
      "e.intake_at as e_intake_at",
      "e.state as e_state",
    ])
    .where("l.duplicate_status", "=", "possible")
    .orderBy("l.intake_at")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    companyName: r.company_name,
    contactName: r.contact_name,
    contactEmail: r.contact_email,
    contactPhone: r.contact_phone,
    intakeAt: r.intake_at,
    intakeBy: r.intake_by,
    state: r.state,
    earlier: {
      id: r.e_id,
      companyName: r.e_company,
      contactName: r.e_contact,
      contactEmail: r.e_email,
      intakeAt: r.e_intake_at,
      state: r.e_state,
    },
  }));
}

export async function possibleDuplicateCount(db: Executor): Promise<number> {
  const row = await db
    .selectFrom("leads")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("duplicate_status", "=", "possible")
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Settles a possible duplicate (conditional: a flag is settled once); answers whether it did. */
export async function settleDuplicate(
  trx: Executor,
  leadId: string,
  status: "kept" | "merged",
  at: Date,
): Promise<boolean> {
  const res = await trx
    .updateTable("leads")
    .set({ duplicate_status: status, updated_at: at })
    .where("id", "=", leadId)
    .where("duplicate_status", "=", "possible")
    .executeTakeFirst();
  return res.numUpdatedRows === 1n;
}
