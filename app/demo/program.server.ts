/**
 * The demo as a living program: four weeks of leads replayed through the real use cases with
 * the clock pinned, so a new user finds offers waiting, leads in every state, partners with a
 * record, one partner warned and one withheld. Partner behaviour is scripted by domain name.
 */
import type { Offer } from "@db/schema";
import { pinClock } from "~/clock.server";
import type { DB } from "~/db.server";
import { initialLeadState } from "~/domain/lead-state";
import { scoreLead } from "~/domain/lead-scoring";
import { runSweep } from "~/jobs/sweep.server";
import { scoringConfigInForce } from "~/models/scoring-config.server";
import type { Actor } from "~/services/actor";
import { requestExcuse } from "~/services/excuses.server";
import { logActivity, reportOutcome } from "~/services/lead-work.server";
import { acceptOffer, declineOffer } from "~/services/offer-decisions.server";
import { processRoutingJobs, routeLead } from "~/services/routing.server";

const HOUR = 3_600_000;
const STEP_HOURS = 4;
const WEEKS = 4;

interface Style {
  answerAfterHours: number;
  /** Hours from acceptance to the first touch; null: never touches. */
  firstTouchHours: number | null;
  touchEveryDays: number;
  closeAfterDays: number;
  declineEvery?: number;
}
const diligent: Style = { answerAfterHours: 4, firstTouchHours: 8, touchEveryDays: 5, closeAfterDays: 14 };
const STYLES: Record<string, Style> = {
  "northwind.example": diligent,
  "maple.example": { ...diligent, answerAfterHours: 20 },
  "thames.example": { ...diligent, closeAfterDays: 18 },
  "lumiere.example": { ...diligent, declineEvery: 4 },
  "lonestar.example": { answerAfterHours: 30, firstTouchHours: 64, touchEveryDays: 15, closeAfterDays: 40 },
  "bavaria.example": { answerAfterHours: 4, firstTouchHours: null, touchEveryDays: 0, closeAfterDays: 0 },
};

const LEAD_TEMPLATES = [
  { territory: "US-CA", vertical: "software", company: "Sierra Cloudworks", title: "VP Engineering", size: 420 },
  {
    territory: "US-TX",
    vertical: "energy",
    company: "Permian Grid Services",
    title: "Director of Operations",
    size: 900,
  },
  { territory: "CA", vertical: "retail", company: "Northern Goods Co", title: "Head of IT", size: 260 },
  { territory: "GB", vertical: "finance", company: "Albion Mutual", title: "CIO", size: 1500 },
  { territory: "DE", vertical: "manufacturing", company: "Rheinwerk Maschinenbau", title: "Leiter IT", size: 700 },
  { territory: "FR", vertical: "healthcare", company: "Clinique du Parc", title: "Directeur des systèmes", size: 320 },
  { territory: "US-WA", vertical: "healthcare", company: "Cascade Health Partners", title: "IT Manager", size: 610 },
  { territory: "IE", vertical: "software", company: "Liffey Analytics", title: "Head of Data", size: 120 },
  { territory: "AT", vertical: "energy", company: "Alpen Energie", title: "Director IT", size: 480 },
  { territory: "JP", vertical: "software", company: "Sakura Systems", title: "VP Sales", size: 800 },
  {
    territory: "US-OK",
    vertical: "manufacturing",
    company: "Red River Fabrication",
    title: "Plant Manager",
    size: 230,
  },
  { territory: "BE", vertical: "retail", company: "Maison Brugge", title: "Head of E-commerce", size: 150 },
];
const PEOPLE = [
  "Alex Morgan",
  "Jamie Chen",
  "Riley Novak",
  "Taylor Brooks",
  "Jordan Silva",
  "Casey Ahmed",
  "Drew Keller",
  "Sky Laurent",
];

export async function seedDemoProgram(db: DB, realNow: Date): Promise<void> {
  // Whole days back from today's midnight (UTC), so the replay is the same whatever the hour.
  const DAY = 24 * HOUR;
  const start = new Date(Math.floor(realNow.getTime() / DAY) * DAY - WEEKS * 7 * DAY);
  const source = await db
    .insertInto("sources")
    .values({ kind: "demo", name: "Demo web form" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const campaigns = await db
    .insertInto("campaigns")
    .values([
      { name: "Spring webinar series", channel: "webinar", cost_cents: 1_200_000, starts_at: start },
      { name: "Hannover Messe booth", channel: "event", cost_cents: 4_500_000, starts_at: start },
      { name: "Paid search", channel: "search", cost_cents: 800_000, starts_at: start },
    ])
    .returning("id")
    .execute();
  const scoring = await scoringConfigInForce(db);
  const teams = await partnerTeams(db);

  /** Lead number n arrives at `at`: scored, and routed when qualified. */
  const intake = async (n: number, at: Date) => {
    const template = LEAD_TEMPLATES[n % LEAD_TEMPLATES.length];
    const inquiry = n % 9 === 4; // someone who asked for something free
    const facts = {
      title: inquiry ? "Student" : template.title,
      companySize: inquiry ? 3 : template.size,
      vertical: template.vertical,
      territory: template.territory,
      engagement: n % 5,
      interest: inquiry ? null : "Evaluating a replacement this year",
      timeline: inquiry ? null : n % 2 ? "0-3 months" : "3-6 months",
    };
    const score = scoreLead(facts, scoring);
    const lead = await db
      .insertInto("leads")
      .values({
        source_id: source.id,
        external_id: `demo-${n}`,
        campaign_id: campaigns[n % campaigns.length].id,
        contact_name: PEOPLE[n % PEOPLE.length],
        contact_email: `contact${n}@${template.company.toLowerCase().replace(/[^a-z]+/g, "")}.example`,
        contact_phone: `+1 555 01${String(n).padStart(2, "0")}`,
        contact_title: facts.title,
        company_name: template.company,
        company_size: facts.companySize,
        territory: template.territory,
        vertical: template.vertical,
        interest: facts.interest,
        timeline: facts.timeline,
        engagement: facts.engagement,
        score: score.score,
        kind: score.kind,
        state: initialLeadState(score.kind),
        intake_at: at,
        intake_by: "demo web form",
        updated_at: at,
      })
      .returning(["id", "kind"])
      .executeTakeFirstOrThrow();
    if (lead.kind === "lead") await routeLead(db, lead.id);
  };

  let n = 0;
  try {
    for (let at = start.getTime(); at <= realNow.getTime(); at += STEP_HOURS * HOUR) {
      const now = new Date(at);
      pinClock(now);
      if (now.getUTCHours() % 12 === 8) await intake(n++, now);
      for (const team of teams) await play(db, team, now);
      await runSweep(db, now);
      await processRoutingJobs(db);
    }
    // A few arrivals this very hour: offers waiting for an answer.
    pinClock(realNow);
    const base = Math.ceil(n / LEAD_TEMPLATES.length) * LEAD_TEMPLATES.length;
    for (const template of [0, 3, 5, 6]) await intake(base + template, realNow);
    await slowPartnerAsksForAnExcuse(db, teams);
  } finally {
    pinClock(null);
  }
}

interface Team {
  partnerId: string;
  style: Style;
  rep: Actor;
  admin: Actor;
  /** Counters that make the scripted choices (which offer to decline, which outcome) repeatable. */
  answered: number;
  closed: number;
}

async function partnerTeams(db: DB): Promise<Team[]> {
  const users = await db
    .selectFrom("users")
    .innerJoin("partners", "partners.id", "users.partner_id")
    .select(["users.id", "users.email", "users.role", "users.partner_id", "partners.contact_email"])
    .execute();
  return Object.entries(STYLES).flatMap(([domain, style]) => {
    const mine = users.filter((u) => u.contact_email.endsWith(`@${domain}`));
    if (mine.length === 0) return [];
    const actor = (role: string) => {
      const u = mine.find((x) => x.role === role)!;
      return { userId: u.id, label: u.email, role: u.role, partnerId: u.partner_id };
    };
    return [
      {
        partnerId: mine[0].partner_id!,
        style,
        rep: actor("partner_rep"),
        admin: actor("partner_admin"),
        answered: 0,
        closed: 0,
      },
    ];
  });
}

const hoursSince = (from: Date, now: Date) => (now.getTime() - from.getTime()) / HOUR;

async function play(db: DB, team: Team, now: Date) {
  const { style } = team;
  const offers = await db
    .selectFrom("offers")
    .selectAll()
    .where("partner_id", "=", team.partnerId)
    .where("state", "in", ["offered", "accepted"])
    .execute();
  for (const offer of offers) {
    if (offer.state === "offered") {
      if (hoursSince(offer.offered_at, now) < style.answerAfterHours) continue;
      const declines = style.declineEvery && ++team.answered % style.declineEvery === 0;
      if (declines)
        await declineOffer(
          db,
          { offerId: offer.id, reasonCode: "no_capacity", note: "Team is at a trade show" },
          team.admin,
        );
      else await acceptOffer(db, offer.id, team.rep);
      continue;
    }
    await work(db, team, offer, now);
  }
}

async function work(db: DB, team: Team, offer: Offer, now: Date) {
  const { style } = team;
  if (style.firstTouchHours === null) return;
  const touches = await db
    .selectFrom("activities")
    .select("at")
    .where("offer_id", "=", offer.id)
    .orderBy("at", "desc")
    .execute();
  const acceptedHours = hoursSince(offer.decided_at!, now);
  if (touches.length === 0) {
    if (acceptedHours >= style.firstTouchHours)
      await logActivity(db, { offerId: offer.id, kind: "call", note: "Intro call" }, team.rep);
    return;
  }
  if (acceptedHours >= style.closeAfterDays * 24) {
    const pick = ++team.closed % 3;
    const report =
      pick === 0
        ? ({ outcome: "won", amountCents: 2_400_000 + touches.length * 350_000 } as const)
        : pick === 1
          ? ({ outcome: "lost", reasonCode: "chose_competitor" } as const)
          : ({ outcome: "disqualified", reasonCode: "not_a_buyer" } as const);
    await reportOutcome(db, { offerId: offer.id, ...report }, team.rep);
  } else if (hoursSince(touches[0].at, now) >= style.touchEveryDays * 24) {
    const kinds = ["email", "meeting", "call"] as const;
    await logActivity(
      db,
      { offerId: offer.id, kind: kinds[touches.length % kinds.length], note: "Follow-up" },
      team.rep,
    );
  }
}

/** Lone Star's late first touches are breaches; it asks for one to be excused (the manager's queue). */
async function slowPartnerAsksForAnExcuse(db: DB, teams: Team[]) {
  const slow = teams.find((t) => t.style === STYLES["lonestar.example"]);
  if (!slow) return;
  const breach = await db
    .selectFrom("obligations")
    .select("id")
    .where("partner_id", "=", slow.partnerId)
    .where("state", "=", "met_late")
    .executeTakeFirst();
  if (breach) {
    await requestExcuse(
      db,
      {
        obligationId: breach.id,
        reason: "The customer's buyer was travelling; we reached them on the first day back.",
      },
      slow.admin,
    );
  }
}
