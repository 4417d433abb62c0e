import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { holdDataDir, refuseIfServerHoldsDataDir } from "./data-dir-lock";

const freshDir = () => mkdtempSync(join(tmpdir(), "portal-lock-"));

describe("embedded data directory lock", () => {
  it("refuses a directory held by another live process, naming the way out", () => {
    const dir = freshDir();
    writeFileSync(join(dir, "server.pid"), String(process.ppid)); // a live process that is not us
    expect(() => refuseIfServerHoldsDataDir(dir)).toThrow(
      `The embedded database in ${dir} is held by a running server (pid ${process.ppid}): stop the server first, or set DATABASE_URL to use PostgreSQL.`,
    );
  });

  it("ignores a stale lock left by a server that died", () => {
    const dir = freshDir();
    writeFileSync(join(dir, "server.pid"), "999999999");
    expect(() => refuseIfServerHoldsDataDir(dir)).not.toThrow();
  });

  it("holds a new directory for this process and releases it", () => {
    const dir = join(freshDir(), "nested", "pglite");
    const lockFile = join(dir, "server.pid");
    const release = holdDataDir(dir);
    expect(readFileSync(lockFile, "utf8")).toBe(String(process.pid));
    expect(() => refuseIfServerHoldsDataDir(dir)).not.toThrow(); // our own pid never blocks us
    release();
    expect(existsSync(lockFile)).toBe(false);
  });
});
