import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { useTestDatabase } from "../support/test-database";

const t = useTestDatabase({ beforeAll, afterAll });

describe("database layer", () => {
  it("returns the same types on PostgreSQL and PGlite", async () => {
    const row = await sql<{ n: number; at: Date; arr: string[]; doc: { a: number } }>`
      select (select count(*) from partners) as n, now() as at, array['US','DE']::text[] as arr, '{"a":1}'::jsonb as doc
    `.execute(t.db);
    const r = row.rows[0];
    expect(r.n).toBe(0);
    expect(r.at).toBeInstanceOf(Date);
    expect(r.arr).toEqual(["US", "DE"]);
    expect(r.doc).toEqual({ a: 1 });
  });

  it("enforces unique email case-insensitively", async () => {
    const partner = await t.db
      .insertInto("partners")
      .values({ name: "Acme", contact_email: "a@acme.test", territories: ["US"] })
      .returning("id")
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto("users")
      .values({ email: "Rep@Acme.test", name: "Rep", role: "partner_rep", partner_id: partner.id, password_hash: "x" })
      .execute();
    await expect(
      t.db
        .insertInto("users")
        .values({
          email: "rep@acme.TEST",
          name: "Rep 2",
          role: "partner_rep",
          partner_id: partner.id,
          password_hash: "x",
        })
        .execute(),
    ).rejects.toThrow(/users_email_lower_key/);
  });

  it("rolls back a failed transaction and reports affected rows", async () => {
    await expect(
      t.db.transaction().execute(async (trx) => {
        await trx.insertInto("partners").values({ name: "Ghost", contact_email: "g@g.test" }).execute();
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    const ghosts = await t.db.selectFrom("partners").where("name", "=", "Ghost").selectAll().execute();
    expect(ghosts).toHaveLength(0);
    const res = await t.db.updateTable("partners").set({ capacity: 3 }).where("name", "=", "Acme").executeTakeFirst();
    expect(res.numUpdatedRows).toBe(1n);
  });
});
