/** GET /api/v1/leads/:id: a lead's state and outcome, for the key's own source only. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { leadStatusInSource } from "~/models/lead.server";
import { isUuid } from "~/security/ids";
import { apiError, methodNotAllowed, requireApiKey } from "~/services/intake-api-http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const key = await requireApiKey(request);
  const id = params.leadId ?? "";
  // Another source's lead answers exactly like a missing one.
  const lead = isUuid(id) ? await leadStatusInSource(getDb(), id, key.sourceId) : undefined;
  if (!lead) return apiError(404, "not_found", "No lead with this id came in through this key's source.");
  return Response.json({
    lead: {
      id: lead.id,
      external_id: lead.external_id,
      kind: lead.kind,
      state: lead.state,
      score: lead.score,
      duplicate_of: lead.duplicate_of,
      duplicate_status: lead.duplicate_status,
      intake_at: lead.intake_at.toISOString(),
      updated_at: lead.updated_at.toISOString(),
      outcome: lead.outcome
        ? {
            outcome: lead.outcome,
            reported_at: lead.outcome_reported_at?.toISOString() ?? null,
            amount_cents: lead.amount_cents,
            reason_code: lead.reason_code,
          }
        : null,
    },
  });
}

export async function action() {
  return methodNotAllowed("GET");
}
