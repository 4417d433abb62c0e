/**
 * The scripts and the server as a user runs them (real processes): every script works on an
 * unmigrated database (it migrates first, like the server), and the server refuses the test
 * clock in production with one line.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { withAdmin } from "../support/test-database";

const ROOT = path.resolve(__dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

/** A database nobody has migrated: an empty PostgreSQL database, or a fresh data directory. */
async function unmigratedDatabase(): Promise<Record<string, string>> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const dir = mkdtempSync(path.join(tmpdir(), "portal-cli-"));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    return { DATABASE_URL: "", DATA_DIR: dir };
  }
  const name = `portal_cli_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await withAdmin(url, (admin) => admin.query(`create database "${name}"`));
  cleanups.push(() =>
    withAdmin(url, (admin) => admin.query(`drop database if exists "${name}" with (force)`)).then(() => {}),
  );
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  return { DATABASE_URL: dbUrl.toString() };
}

async function run(script: string, args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await promisify(execFile)(TSX, [script, ...args], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: "development", TEST_CLOCK: "", ...env },
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

describe("scripts on an unmigrated database", () => {
  it.each([
    ["sla:sweep", "app/cli/sweep.ts", [], /^Sweep as of .*: 0 offers expired/],
    [
      "user:create",
      "app/cli/create-user.ts",
      ["--email", "ana@vendor.test", "--role", "channel_manager"],
      /^Created channel_manager ana@vendor\.test/,
    ],
    ["db:seed", "app/cli/seed.ts", [], /^Seeded 19 demo users/],
  ])(
    "%s migrates first and does its work",
    async (_name, script, args, output) => {
      const result = await run(script as string, args as string[], await unmigratedDatabase());
      expect(result.stderr).toBe("");
      expect(result.stdout).toMatch(output as RegExp);
      expect(result.code).toBe(0);
    },
    150_000,
  );
});

describe("the server", () => {
  it("does not start with the test clock in production, and says why in one line", async () => {
    const result = await run("app/server.ts", [], {
      ...(await unmigratedDatabase()),
      NODE_ENV: "production",
      TEST_CLOCK: "1",
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      "Invalid environment: TEST_CLOCK must not be set when NODE_ENV=production (it moves the clock)",
    );
  });
});
