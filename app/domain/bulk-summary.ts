/**
 * What a bulk action did, one lead at a time, told in one sentence: each result once with its
 * count, in the order first met ("7 routed; 2 back in the queue: no partner is eligible").
 */
export function summariseBulk(results: readonly string[]): string {
  if (results.length === 0) return "No lead was selected.";
  const counts = new Map<string, number>();
  // Results are sentences of their own ("No partner is eligible."): their full stop goes.
  for (const r of results.map((text) => text.replace(/\.$/, ""))) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts].map(([result, n]) => `${n} ${result}`).join("; ") + ".";
}
