import { afterAll, beforeAll, expect, it } from "vitest";
import { issueActionLink } from "~/services/action-link-issue.server";
import { redeemActionLink } from "~/services/action-links.server";
import { offerLeadManually } from "~/services/assignment.server";
import { acceptOffer } from "~/services/offer-decisions.server";
import { createLead, createManager, createPartnerTeam } from "../support/factories";
import { expectOk } from "../support/outcome";
import { useTestDatabase } from "../support/test-database";

/** One link posted many times at once: it acts once (a touch is otherwise repeatable, so a double would show). */
const t = useTestDatabase({ beforeAll, afterAll });
const ROUNDS = 10;
const AT_ONCE = 8;

it(`a touch link posted ${AT_ONCE} times at once logs one touch (${ROUNDS} rounds)`, async () => {
  const team = await createPartnerTeam(t.db);
  const { actor } = await createManager(t.db);
  for (let round = 0; round < ROUNDS; round++) {
    const lead = await createLead(t.db, new Date(), { state: "queued" });
    const offered = await offerLeadManually(
      t.db,
      { leadId: lead.id, partnerId: team.partner.id, reason: "race" },
      actor,
    );
    expectOk(offered);
    expectOk(await acceptOffer(t.db, offered.offerId, team.adminActor));
    const link = await issueActionLink(t.db, {
      userId: team.rep.id,
      action: "log_touch",
      offerId: offered.offerId,
      now: new Date(),
    });
    expectOk(link);
    const token = link.path.replace("/action/", "");
    const results = await Promise.all(
      Array.from({ length: AT_ONCE }, () => redeemActionLink(t.db, { token, action: "log_touch" })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const touches = await t.db.selectFrom("activities").select("id").where("offer_id", "=", offered.offerId).execute();
    expect(touches).toHaveLength(1);
  }
}, 120_000);
