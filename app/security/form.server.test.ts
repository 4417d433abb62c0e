import { describe, expect, it } from "vitest";
import { z } from "zod";
import { expectFailure } from "../../test/support/outcome";
import { parseForm } from "./form.server";

const schema = z.object({
  intent: z.literal("save"),
  name: z.string().trim().min(1, "Enter a name"),
  password: z.string().min(10, "Use at least 10 characters"),
});

const post = (body: BodyInit, headers?: HeadersInit) =>
  new Request("http://localhost/x", { method: "POST", body, headers });

describe("parseForm", () => {
  it("returns the parsed data, and the raw values without passwords (to show a later refusal)", async () => {
    const r = await parseForm(
      post(new URLSearchParams({ intent: "save", name: " Ann ", password: "0123456789" })),
      schema,
    );
    expect(r).toEqual({
      ok: true,
      data: { intent: "save", name: "Ann", password: "0123456789" },
      values: { intent: "save", name: " Ann " },
    });
  });

  it("puts field errors by field and never echoes passwords", async () => {
    const r = await parseForm(post(new URLSearchParams({ intent: "save", name: "", password: "short" })), schema);
    expect(expectFailure(r, "invalid").fieldErrors).toEqual({
      name: ["Enter a name"],
      password: ["Use at least 10 characters"],
    });
    expect(r.values).toEqual({ intent: "save", name: "" });
  });

  it("reports an unknown intent as a form error", async () => {
    const r = await parseForm(
      post(new URLSearchParams({ intent: "delete", name: "a", password: "0123456789" })),
      schema,
    );
    expect(expectFailure(r, "invalid").message).toMatch(/not one this page knows/);
  });

  it("does not throw on a body it cannot read", async () => {
    const r = await parseForm(post("{not a form", { "Content-Type": "application/json" }), schema);
    expect(expectFailure(r, "invalid").message).toMatch(/could not be read/);
  });
});
