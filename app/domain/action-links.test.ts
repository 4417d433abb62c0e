import { describe, expect, it } from "vitest";
import { ACTION_LINK_MESSAGES, actionLinkExpiry, actionLinkVerdict, type ActionLinkFacts } from "./action-links";

const NOW = new Date("2026-06-01T09:00:00Z");
const later = (ms: number) => new Date(NOW.getTime() + ms);

const accept: ActionLinkFacts = {
  action: "accept_offer",
  usedAt: null,
  expiresAt: later(60_000),
  userMayAct: true,
  offer: { state: "offered", acceptDueAt: later(60_000) },
};

describe("action link rules", () => {
  it("an accept link lasts until the accept deadline, a touch link three days", () => {
    expect(actionLinkExpiry("accept_offer", { acceptDueAt: later(5) }, NOW)).toEqual(later(5));
    expect(actionLinkExpiry("log_touch", { acceptDueAt: later(5) }, NOW)).toEqual(later(3 * 86_400_000));
  });

  it("is open until due, expired at due ≤ now", () => {
    expect(actionLinkVerdict(accept, later(59_999))).toEqual({ state: "open" });
    expect(actionLinkVerdict(accept, later(60_000))).toEqual({
      state: "expired",
      message: ACTION_LINK_MESSAGES.expiredAccept,
    });
    expect(
      actionLinkVerdict(
        { ...accept, action: "log_touch", offer: { ...accept.offer, state: "accepted" } },
        later(60_000),
      ),
    ).toEqual({ state: "expired", message: ACTION_LINK_MESSAGES.expiredTouch });
  });

  it("used before expired, unknown when missing, the user before the offer", () => {
    expect(actionLinkVerdict(undefined, NOW).state).toBe("unknown");
    expect(actionLinkVerdict({ ...accept, usedAt: NOW }, later(120_000)).state).toBe("used");
    expect(
      actionLinkVerdict({ ...accept, userMayAct: false, offer: { ...accept.offer, state: "declined" } }, NOW),
    ).toEqual({
      state: "unavailable",
      message: ACTION_LINK_MESSAGES.notYours,
    });
  });

  it("an action the offer no longer allows says why", () => {
    expect(actionLinkVerdict({ ...accept, offer: { ...accept.offer, state: "accepted" } }, NOW)).toMatchObject({
      state: "unavailable",
      message: expect.stringContaining("already accepted"),
    });
    expect(actionLinkVerdict({ ...accept, action: "log_touch" }, NOW)).toMatchObject({
      state: "unavailable",
      message: expect.stringContaining("touches are logged on accepted leads only"),
    });
  });
});
