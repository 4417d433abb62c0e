import { describe, expect, it } from "vitest";
import { bodyLimitRefusal, MAX_FORM_BODY_BYTES } from "./body-limit";

const post = (path: string, contentLength?: number, transferEncoding?: string) =>
  bodyLimitRefusal({ method: "POST", path, contentLength: contentLength?.toString(), transferEncoding });

describe("form body limit", () => {
  it("refuses form bodies over 64 KB with 413, from the headers alone", () => {
    expect(post("/login", MAX_FORM_BODY_BYTES)).toBeNull();
    expect(post("/login", MAX_FORM_BODY_BYTES + 1)?.status).toBe(413);
    expect(post("/logout", 10 * 1024 * 1024)?.status).toBe(413);
    expect(post("/manager/campaigns/new", MAX_FORM_BODY_BYTES + 1)?.status).toBe(413);
  });

  it("refuses a form body of unknown length, and leaves the API and the CSV upload to their own limits", () => {
    expect(post("/login", undefined, "chunked")?.status).toBe(411);
    expect(post("/login")).toBeNull(); // no body at all
    expect(post("/api/v1/leads", 3 * 1024 * 1024)).toBeNull();
    expect(post("/manager/intake/imports", 500 * 1024 * 1024)).toBeNull();
    // With JavaScript the same form posts to Remix's data URL.
    expect(post("/manager/intake/imports.data", 500 * 1024 * 1024)).toBeNull();
    expect(post("/manager/intake/imports/abc", MAX_FORM_BODY_BYTES + 1)?.status).toBe(413);
    expect(
      bodyLimitRefusal({ method: "GET", path: "/login", contentLength: "999999999", transferEncoding: undefined }),
    ).toBeNull();
  });
});
