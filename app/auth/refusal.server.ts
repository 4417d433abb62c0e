import { data } from "@remix-run/node";
import type { FailureCode } from "~/services/actor";

const STATUS: Record<FailureCode, number> = { invalid: 400, forbidden: 403, not_found: 404, conflict: 409 };

/**
 * A refused use case as the action's answer, its status from the code (a missing or foreign
 * record 404, a role's barred action 403). With `field`, an `invalid` message shows next to it.
 */
export function answerRefusal<E extends object>(failure: { code: FailureCode; error: string }, extra: E, field?: string) {
  const fieldErrors: Record<string, string[] | undefined> = failure.code === "invalid" && field ? { [field]: [failure.error] } : {};
  return data({ ...extra, formError: failure.error, fieldErrors }, { status: STATUS[failure.code] });
}
