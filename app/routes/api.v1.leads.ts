/**
 * POST /api/v1/leads: one lead, or `{ "leads": [...] }` with up to 1,000, authenticated by an
 * API key. All or nothing; idempotent by external id per key (source). See /manager/api-docs.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { leadIdsInSource } from "~/models/lead.server";
import type { IntakeItemResult } from "~/services/intake-lead.server";
import { intakeFromApi } from "~/services/intake-lead.server";
import { apiError, methodNotAllowed, readJsonBody, requireApiKey } from "~/services/intake-api-http.server";

export async function loader() {
  return methodNotAllowed("POST");
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed("POST");
  const key = await requireApiKey(request);
  const body = await readJsonBody(request);
  if (!body.ok) return body.response;
  const result = await intakeFromApi(getDb(), body.value, key);
  if (!result.ok) return apiError(result.status, result.code, result.message, result.errors);
  const status = result.created > 0 ? 201 : 200;
  // A possible duplicate from another source stays unnamed: no probing what arrived elsewhere.
  const ownDuplicates = await leadIdsInSource(
    getDb(),
    result.results.flatMap((r) => (r.duplicateOf ? [r.duplicateOf] : [])),
    key.sourceId,
  );
  const present = (r: IntakeItemResult) => presentLead(r, ownDuplicates);
  if (!result.batch) return Response.json({ lead: present(result.results[0]) }, { status });
  const count = (s: IntakeItemResult["status"]) => result.results.filter((r) => r.status === s).length;
  return Response.json(
    {
      leads: result.results.map((r, index) => ({ index, ...present(r) })),
      created: count("created"),
      updated: count("updated") + count("promoted"),
    },
    { status },
  );
}

function presentLead(r: IntakeItemResult, ownDuplicates: Set<string>) {
  return {
    id: r.leadId,
    external_id: r.externalId,
    status: r.status === "promoted" ? "updated" : r.status,
    kind: r.kind,
    score: r.score,
    state_url: `/api/v1/leads/${r.leadId}`,
    duplicate_of: r.duplicateOf && ownDuplicates.has(r.duplicateOf) ? r.duplicateOf : null,
  };
}
