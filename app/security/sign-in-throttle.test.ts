import { describe, expect, it } from "vitest";
import { requiredGapMs, SIGN_IN_THROTTLE, throttledUntil } from "./sign-in-throttle";

const at = new Date("2030-01-01T12:00:00Z");
const ago = (ms: number) => new Date(at.getTime() - ms);
const quiet = { count: 1, previousAt: null };

describe("sign-in throttle rules", () => {
  it("lets the free attempts through, then doubles the gap up to 15 minutes", () => {
    const rule = SIGN_IN_THROTTLE.pair;
    expect([5, 6, 7, 8, 20].map((n) => requiredGapMs(n, rule))).toEqual([0, 30_000, 60_000, 120_000, 15 * 60_000]);
  });

  it("refuses until the previous attempt is the required gap old, on any counter", () => {
    const pair = (previousMs: number) => ({ count: 6, previousAt: ago(previousMs) });
    expect(throttledUntil({ pair: pair(29_999), address: quiet, account: quiet }, at)).toEqual(
      new Date(at.getTime() + 1),
    );
    expect(throttledUntil({ pair: pair(30_000), address: quiet, account: quiet }, at)).toBeNull();
    expect(throttledUntil({ pair: quiet, address: { count: 21, previousAt: ago(0) }, account: quiet }, at)).toEqual(
      new Date(at.getTime() + 30_000),
    );
    expect(throttledUntil({ pair: quiet, address: quiet, account: { count: 50, previousAt: ago(0) } }, at)).toBeNull();
  });
});
