import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "~/db.server";
import { requireRole } from "~/auth/guards.server";
import { now, setClock } from "~/clock.server";
import { requireTestRoutes } from "~/security/test-routes.server";
import { runJobsOnce } from "~/jobs/runner.server";

/**
 * Only with TEST_CLOCK=1 (404 otherwise; refused at boot in production), for a signed-in
 * channel manager: read or move the clock every service reads, then run the background jobs, so
 * end-to-end tests can watch a deadline pass.   POST intent=set&at=<ISO time>   or
 * POST intent=advance&minutes=<n>
 */
async function guard(request: Request) {
  requireTestRoutes();
  await requireRole(request, "channel_manager");
}

export const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("set"), at: z.iso.datetime({ offset: true, message: "at must be an ISO time" }) }),
  z.object({ intent: z.literal("advance"), minutes: z.coerce.number().int().min(1).max(525_600) }),
]);

export async function loader({ request }: LoaderFunctionArgs) {
  await guard(request);
  return Response.json({ now: now().toISOString() });
}

export async function action({ request }: ActionFunctionArgs) {
  await guard(request);
  const parsed = actionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    return Response.json(
      { errors: parsed.error.issues.map((i) => `${i.path.join(".") || "intent"}: ${i.message}`) },
      { status: 400 },
    );
  }
  const target =
    parsed.data.intent === "set" ? new Date(parsed.data.at) : new Date(now().getTime() + parsed.data.minutes * 60_000);
  setClock(target);
  await runJobsOnce(getDb());
  return Response.json({ now: now().toISOString() });
}
