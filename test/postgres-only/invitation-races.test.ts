import { afterAll, beforeAll, expect, it } from "vitest";
import { acceptInvitation, createInvitation } from "~/services/invitations.server";
import { actorFor, createUser } from "../support/factories";
import { useTestDatabase } from "../support/test-database";

/** One token accepted by many requests at once: exactly one user, one success. */
const t = useTestDatabase({ beforeAll, afterAll });
const ROUNDS = 20;
const AT_ONCE = 8;

it(`an invitation accepted ${AT_ONCE} times at once creates one user (${ROUNDS} rounds)`, async () => {
  const actor = actorFor(await createUser(t.db, "channel_manager"));
  for (let round = 0; round < ROUNDS; round++) {
    const email = `race-${round}@vendor.test`;
    const made = await createInvitation(t.db, { email, role: "channel_manager", partnerId: null }, actor);
    if (!made.ok) throw new Error(made.message);
    const results = await Promise.all(
      Array.from({ length: AT_ONCE }, (_, i) =>
        acceptInvitation(t.db, { token: made.token, name: `Racer ${i}`, password: "a long enough passphrase" }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await t.db.selectFrom("users").select("id").where("email", "=", email).execute()).toHaveLength(1);
  }
}, 120_000);
