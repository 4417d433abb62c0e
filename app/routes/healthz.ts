import { getDb } from "~/db.server";
import { pingDatabase } from "~/models/health.server";

const TIMEOUT_MS = 2_000;

/** Liveness and readiness for load balancers: 200 `ok` when the database answers `select 1`. No auth. */
export async function loader() {
  const headers = { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" };
  try {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("database did not answer in time")), TIMEOUT_MS);
    });
    await Promise.race([pingDatabase(getDb()), timeout]).finally(() => clearTimeout(timer));
    return new Response("ok", { status: 200, headers });
  } catch (error) {
    console.error("healthz: database unavailable:", error instanceof Error ? error.message : error);
    return new Response("database unavailable", { status: 503, headers });
  }
}
