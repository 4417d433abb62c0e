import { describe, expect, it } from "vitest";
import { everyMember } from "./every-member";

type Light = "red" | "amber" | "green";

describe("everyMember", () => {
  it("returns the list as given, in its order", () => {
    expect(everyMember<Light>()(["green", "amber", "red"])).toEqual(["green", "amber", "red"]);
  });

  it("refuses a list that leaves a member out or adds one (checked by `tsc --noEmit`)", () => {
    // @ts-expect-error "red" is missing from the list
    const short = everyMember<Light>()(["green", "amber"]);
    // @ts-expect-error "blue" is not a light
    const long = everyMember<Light>()(["green", "amber", "red", "blue"]);
    expect([short.length, long.length]).toEqual([2, 4]);
  });
});
