import type { Failure, FailureCode } from "~/domain/outcome";

/** Fails the test with the whole answer unless it succeeded; narrows it to its success. */
export function expectOk<T extends { ok: boolean }>(result: T): asserts result is Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`Expected success, got ${JSON.stringify(result)}`);
}

/** Fails the test unless the answer is a refusal (with this code, when given); returns the refusal. */
export function expectFailure(result: { ok: true } | Failure, code?: FailureCode): Failure {
  if (result.ok || (code && result.code !== code)) {
    throw new Error(`Expected a refusal${code ? ` with code ${code}` : ""}, got ${JSON.stringify(result)}`);
  }
  return result;
}
