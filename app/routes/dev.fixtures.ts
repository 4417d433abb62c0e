import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "~/db.server";
import { requireTestRoutes } from "~/security/test-routes.server";
import {
  createTestAcceptedOffer,
  createTestActionLink,
  createTestExcuseRequest,
  createTestLead,
  createTestManager,
  createTestOffer,
  createTestPartner,
  createTestReportedOutcome,
  createTestRoutedLead,
} from "~/services/test-world.server";

/**
 * Only with TEST_CLOCK=1 (404 otherwise; refused at boot in production): end-to-end specs create
 * their own people (signed in: the answer carries each one's session), partners, leads and
 * offers, on the database the server owns. See test/e2e/fixtures.ts.
 *   POST intent=manager | intent=partner [name, territories, verticals, capacity]
 *   POST intent=lead [company, territory, vertical] | intent=offer partnerId [company, territory, vertical]
 *   POST intent=lead [… kind=inquiry]: an inquiry in nurture
 *   POST intent=routed [company, territory, vertical]: a lead the router decided at once (offered or queued)
 *   POST intent=accepted partnerId [company, territory, vertical]: an offer the partner's admin accepted
 *   POST intent=reported partnerId [company, …]: an accepted lead its admin reported won
 *   POST intent=excuse partnerId reason [company, …]: an accepted lead's missed first touch its admin asks to excuse
 *   POST intent=action-link userId offerId action=accept_offer|log_touch: a link from an email, `{ path }`
 */
const list = z
  .string()
  .optional()
  .transform((v) =>
    v
      ? v
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean)
      : undefined,
  );
const leadFields = {
  company: z.string().min(1).optional(),
  territory: z.string().min(1).optional(),
  vertical: z.string().min(1).optional(),
  kind: z.enum(["lead", "inquiry"]).optional(),
};

export const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("manager") }),
  z.object({
    intent: z.literal("partner"),
    name: z.string().min(1).optional(),
    territories: list,
    verticals: list,
    capacity: z.coerce.number().int().min(0).optional(),
  }),
  z.object({ intent: z.literal("lead"), ...leadFields }),
  z.object({ intent: z.literal("routed"), ...leadFields }),
  z.object({ intent: z.literal("offer"), partnerId: z.uuid("partnerId must be a partner id"), ...leadFields }),
  z.object({ intent: z.literal("accepted"), partnerId: z.uuid("partnerId must be a partner id"), ...leadFields }),
  z.object({ intent: z.literal("reported"), partnerId: z.uuid("partnerId must be a partner id"), ...leadFields }),
  z.object({
    intent: z.literal("excuse"),
    partnerId: z.uuid("partnerId must be a partner id"),
    reason: z.string().min(1),
    ...leadFields,
  }),
  z.object({
    intent: z.literal("action-link"),
    userId: z.uuid("userId must be a user id"),
    offerId: z.uuid("offerId must be an offer id"),
    action: z.enum(["accept_offer", "log_touch"]),
  }),
]);

export function loader() {
  requireTestRoutes();
  return new Response("POST only", { status: 405, headers: { Allow: "POST" } });
}

export async function action({ request }: ActionFunctionArgs) {
  requireTestRoutes();
  const parsed = actionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    return Response.json(
      { errors: parsed.error.issues.map((i) => `${i.path.join(".") || "intent"}: ${i.message}`) },
      { status: 400 },
    );
  }
  const db = getDb();
  const input = parsed.data;
  switch (input.intent) {
    case "manager":
      return Response.json(await createTestManager(db));
    case "partner":
      return Response.json(await createTestPartner(db, input));
    case "lead":
      return Response.json(await createTestLead(db, input));
    case "routed": {
      const { intent: _intent, ...lead } = input;
      const routed = await createTestRoutedLead(db, lead);
      return Response.json(routed, { status: routed.ok ? 200 : 409 });
    }
    case "offer":
    case "accepted":
    case "reported": {
      const { partnerId, intent, ...lead } = input;
      const create = { offer: createTestOffer, accepted: createTestAcceptedOffer, reported: createTestReportedOutcome };
      const offer = await create[intent](db, partnerId, lead);
      return Response.json(offer, { status: offer.ok ? 200 : 409 });
    }
    case "excuse": {
      const { partnerId, reason, intent: _intent, ...lead } = input;
      const excuse = await createTestExcuseRequest(db, partnerId, reason, lead);
      return Response.json(excuse, { status: excuse.ok ? 200 : 409 });
    }
    case "action-link": {
      const link = await createTestActionLink(db, input);
      return Response.json(link, { status: link.ok ? 200 : 409 });
    }
  }
}
