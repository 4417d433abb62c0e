import { now } from "~/clock.server";
import type { DB, Trx } from "~/db.server";
import { recordAudit } from "~/models/audit.server";
import { enqueueEmails, partnerRecipients } from "~/models/outbox.server";
import { enqueueRouting } from "~/models/routing.server";
import { offerPolicy, policyInForce } from "~/models/policy.server";
import {
  expireOffer,
  lockExpiredOffers,
  lockOffersWithEndedPeriods,
  markMissedBatch,
  partnersToReevaluate,
  recordSweepRun,
} from "~/models/sweep.server";
import { SWEEP_ACTOR, type Actor } from "~/services/actor";
import { moveLead } from "~/services/lead-moves.server";
import { recomputeStanding, recomputeStandings } from "~/services/standing.server";
import { obligationsWithPeriodsOpened } from "~/services/update-periods.server";

export interface SweepReport {
  expiredOffers: number;
  missedObligations: number;
  partnersRecomputed: number;
}

/**
 * The SLA sweep as of `asOf`: expire unanswered offers (their leads queue for routing again),
 * open the next update period of held leads whose period ended, mark past-due obligations
 * missed (a period opened late for a sweep that did not run is missed at once), and re-evaluate the standing of every partner that this or
 * time alone may have changed. Idempotent, and safe to run on several instances at once: rows
 * are taken with FOR UPDATE SKIP LOCKED and every change is conditional on the old state.
 * Re-routing is not done here: the routing worker picks up the queued jobs.
 */
export async function runSweep(db: DB, asOf: Date, opts: { batch?: number; actor?: Actor } = {}): Promise<SweepReport> {
  const batch = opts.batch ?? 200;
  const actor = opts.actor ?? SWEEP_ACTOR;
  const startedAt = now();
  const touched = new Set<string>();
  let expiredOffers = 0;
  let missedObligations = 0;

  for (;;) {
    const expired = await db.transaction().execute(async (trx) => {
      const offers = await lockExpiredOffers(trx, asOf, batch);
      for (const offer of offers) {
        const breaches = await expireOffer(trx, offer.id, asOf);
        await moveLead(trx, { id: offer.lead_id, state: offer.lead_state }, "decline_or_expire", asOf);
        await enqueueRouting(trx, offer.lead_id, "expiry", asOf);
        await notifyBreaches(
          trx,
          offer.partner_id,
          breaches.map((b) => ({ id: b.id, kind: "accept", leadId: offer.lead_id })),
          asOf,
        );
        await recordAudit(trx, {
          actorId: null,
          actorLabel: actor.label,
          action: "offer.expired",
          subjectType: "lead",
          subjectId: offer.lead_id,
          details: { offerId: offer.id, partnerId: offer.partner_id },
          at: asOf,
        });
        touched.add(offer.partner_id);
      }
      await recomputeStandings(
        trx,
        offers.map((o) => o.partner_id),
        asOf,
        actor,
      );
      return offers.length;
    });
    expiredOffers += expired;
    if (expired < batch) break;
  }

  for (;;) {
    const opened = await db.transaction().execute(async (trx) => {
      const offers = await lockOffersWithEndedPeriods(trx, asOf, batch);
      for (const offer of offers) await obligationsWithPeriodsOpened(trx, offer, await offerPolicy(trx, offer), asOf);
      return offers.length;
    });
    if (opened < batch) break;
  }

  for (;;) {
    const missed = await db.transaction().execute(async (trx) => {
      const rows = await markMissedBatch(trx, asOf, batch);
      for (const partnerId of new Set(rows.map((r) => r.partner_id))) {
        const mine = rows.filter((r) => r.partner_id === partnerId);
        await notifyBreaches(
          trx,
          partnerId,
          mine.map((r) => ({ id: r.id, kind: r.kind, leadId: r.lead_id })),
          asOf,
        );
        touched.add(partnerId);
      }
      await recomputeStandings(
        trx,
        rows.map((r) => r.partner_id),
        asOf,
        actor,
      );
      return rows.length;
    });
    missedObligations += missed;
    if (missed < batch) break;
  }

  // Standing that time alone may have changed; the batches above already re-evaluated theirs.
  const { scoreWindowDays } = await policyInForce(db);
  const timeOnly = (await partnersToReevaluate(db, asOf, scoreWindowDays)).filter(
    (partnerId) => !touched.has(partnerId),
  );
  for (const partnerId of timeOnly) {
    await db.transaction().execute((trx) => recomputeStanding(trx, partnerId, asOf, actor));
    touched.add(partnerId);
  }

  const report = { expiredOffers, missedObligations, partnersRecomputed: touched.size };
  await recordSweepRun(db, { asOf, startedAt, finishedAt: now(), ...report, actorLabel: actor.label });
  return report;
}

async function notifyBreaches(
  trx: Trx,
  partnerId: string,
  breaches: { id: string; kind: string; leadId: string }[],
  at: Date,
) {
  if (breaches.length === 0) return;
  const recipients = await partnerRecipients(trx, partnerId);
  await enqueueEmails(
    trx,
    breaches.flatMap((b) =>
      recipients.map((to) => ({
        to,
        template: "breach",
        key: `breach:${b.id}:${to}`,
        at,
        data: { obligationId: b.id, kind: b.kind, leadId: b.leadId },
      })),
    ),
  );
}
