/** GET /manager/leads.csv?<the list's filters>: the filtered leads as a CSV file, streamed. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { leadQuery, parseListQuery } from "~/domain/lead-list";
import { leadsCsvStream } from "~/services/lead-export.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "channel_manager");
  // A filter that is not understood is left out, as on the list page, so the file matches the page.
  const { filters } = parseListQuery(new URL(request.url).searchParams);
  return new Response(leadsCsvStream(getDb(), leadQuery(filters)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="leads.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
