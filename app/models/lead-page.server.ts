/** The manager's lead page reads: the lead with its names, and everything that happened to it. */
import type { Executor } from "~/db.server";

export async function findLeadDetail(db: Executor, leadId: string) {
  return db
    .selectFrom("leads as l")
    .innerJoin("sources as s", "s.id", "l.source_id")
    .leftJoin("campaigns as c", "c.id", "l.campaign_id")
    .selectAll("l")
    .select(["s.name as source_name", "s.kind as source_kind", "c.name as campaign_name"])
    .where("l.id", "=", leadId)
    .executeTakeFirst();
}

/** Every offer of the lead, oldest first, with the partner's and the people's names. */
export async function offersOfLead(db: Executor, leadId: string) {
  return db
    .selectFrom("offers as o")
    .innerJoin("partners as p", "p.id", "o.partner_id")
    .leftJoin("users as by", "by.id", "o.offered_by")
    .leftJoin("users as decider", "decider.id", "o.decided_by")
    .leftJoin("users as rep", "rep.id", "o.rep_id")
    .selectAll("o")
    .select([
      "p.name as partner_name",
      "by.email as offered_by_email",
      "decider.email as decided_by_email",
      "rep.email as rep_email",
    ])
    .where("o.lead_id", "=", leadId)
    .orderBy("o.offered_at")
    .orderBy("o.id")
    .execute();
}

export async function activitiesOfLead(db: Executor, leadId: string) {
  return db
    .selectFrom("activities as a")
    .leftJoin("users as u", "u.id", "a.user_id")
    .selectAll("a")
    .select("u.email as user_email")
    .where("a.lead_id", "=", leadId)
    .orderBy("a.at")
    .orderBy("a.id")
    .execute();
}

export async function obligationsOfLead(db: Executor, leadId: string) {
  return db
    .selectFrom("obligations as b")
    .innerJoin("partners as p", "p.id", "b.partner_id")
    .selectAll("b")
    .select("p.name as partner_name")
    .where("b.lead_id", "=", leadId)
    .orderBy("b.created_at")
    .orderBy("b.kind")
    .orderBy("b.sequence")
    .execute();
}

export async function auditEventsOfLead(db: Executor, leadId: string) {
  return db
    .selectFrom("audit_events")
    .selectAll()
    .where("subject_type", "=", "lead")
    .where("subject_id", "=", leadId)
    .orderBy("at")
    .orderBy("id")
    .execute();
}

/** The lead's routing decisions, newest first. */
export async function routingDecisionsOfLead(db: Executor, leadId: string) {
  return db
    .selectFrom("routing_decisions as d")
    .leftJoin("partners as p", "p.id", "d.chosen_partner_id")
    .selectAll("d")
    .select("p.name as chosen_partner_name")
    .where("d.lead_id", "=", leadId)
    .orderBy("d.decided_at", "desc")
    .orderBy("d.id", "desc")
    .execute();
}

/** The reasons a lost or disqualified outcome may give, in the list's order. */
export async function outcomeReasonCodes(db: Executor) {
  return db
    .selectFrom("reason_codes")
    .select(["list", "code", "label"])
    .where("list", "in", ["lost", "disqualified"])
    .where("active", "=", true)
    .orderBy("list")
    .orderBy("sort")
    .execute();
}
