import type { Offer } from "@db/schema";
import type { Executor } from "~/db.server";
import { periodsToOpen, type ObligationView } from "~/domain/obligations";
import type { Policy } from "~/domain/policy";
import { insertObligations, obligationView, obligationsOfOffer } from "~/models/obligation.server";

/**
 * An open lead's obligations with every update period begun by `at` opened. The sweep opens
 * each period when the one before ends; a use case acting between two sweeps opens it first,
 * so its activity lands in the period it happened in. The caller holds the lead's lock.
 */
export async function obligationsWithPeriodsOpened(
  trx: Executor,
  offer: Offer,
  policy: Policy,
  at: Date,
): Promise<ObligationView[]> {
  const views = (await obligationsOfOffer(trx, offer.id)).map(obligationView);
  const missing = periodsToOpen(views, at, policy);
  if (missing.length === 0) return views;
  await insertObligations(trx, offer, missing, at);
  return (await obligationsOfOffer(trx, offer.id)).map(obligationView);
}
