/** GET /manager/intake/imports/:id/rejects.csv: the rejected rows, streamed from the staging table. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { notFound, requireRole } from "~/auth/guards.server";
import { getImport } from "~/models/csv-import.server";
import { rejectsCsvStream } from "~/services/intake-csv-import.server";
import { isUuid } from "~/security/ids";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "channel_manager");
  const id = params.importId ?? "";
  const imp = isUuid(id) ? await getImport(getDb(), id) : undefined;
  if (!imp) throw notFound("There is no import at this address.");
  const base = imp.file_name.replace(/\.[^.]+$/, "") || "import";
  const asciiName = `${base.replace(/[^\w.-]+/g, "_")}-rejects.csv`;
  return new Response(rejectsCsvStream(getDb(), imp), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(`${base}-rejects.csv`)}`,
      "Cache-Control": "no-store",
    },
  });
}
