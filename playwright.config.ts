import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, mkdirSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "@playwright/test";

/*
 * End-to-end tests against the real server (`tsx app/server.ts`) on its own fresh embedded
 * database, seeded with the demo data on first start (specs create their own people and records
 * through test/e2e/fixtures.ts), and a second one started empty for the first-run setup spec. Nothing is built here: run
 * `npx remix build` first (the test script does).
 *
 * This file is evaluated by the runner and again by each worker; the port and data directory
 * are chosen once, in the runner, and handed to the workers through the environment.
 */
const root = path.dirname(new URL(import.meta.url).pathname);
const firstEvaluation = !process.env.PORTAL_E2E_DATA_DIR;

if (firstEvaluation) {
  if (!existsSync(path.join(root, "build/index.js"))) {
    throw new Error("No server build: run `npx remix build` before `npx playwright test`.");
  }
  removeAbandonedDataDirs();
  process.env.PORTAL_E2E_PORT = process.env.E2E_PORT ?? String(freePort());
  process.env.PORTAL_E2E_EMPTY_PORT = String(freePort());
  process.env.PORTAL_E2E_DATA_DIR = path.join(".data", `e2e-${Date.now()}`);
  for (const dir of [process.env.PORTAL_E2E_DATA_DIR, `${process.env.PORTAL_E2E_DATA_DIR}-empty`]) {
    rmSync(path.join(root, dir), { recursive: true, force: true });
    mkdirSync(path.join(root, dir), { recursive: true });
  }
}

const port = Number(process.env.PORTAL_E2E_PORT);
const baseURL = `http://localhost:${port}`;
/** A second server started empty (`--empty`), for the first-run setup spec alone. */
const emptyPort = Number(process.env.PORTAL_E2E_EMPTY_PORT);
const emptyURL = `http://localhost:${emptyPort}`;
const FIRST_RUN_SPEC = /first-run\.spec\.ts$/;
/** Reps work from phones: the partner flows (accept, touch, outcome, compliance, links from email, the admin's team) run again at 360 px. */
const PHONE_SPECS = /(partner-(inbox|leads|compliance|team)|email-actions)\.spec\.ts$/;

/** A server on its own fresh embedded database, never the developer's PostgreSQL ("" means unset). */
const server = (serverPort: number, url: string, dataDir: string, args = "") => ({
  command: `"${path.join(root, "node_modules/.bin/tsx")}" app/server.ts${args}`,
  cwd: root,
  url: `${url}/healthz`,
  timeout: 120_000,
  reuseExistingServer: false,
  stdout: "pipe" as const,
  stderr: "pipe" as const,
  gracefulShutdown: { signal: "SIGTERM" as const, timeout: 10_000 },
  env: {
    NODE_ENV: "test",
    PORT: String(serverPort),
    APP_URL: url,
    DATA_DIR: dataDir,
    DATABASE_URL: "",
    // The test-only routes: the clock and the fixtures that set up each spec's world.
    TEST_CLOCK: "1",
  },
});

export default defineConfig({
  testDir: "test/e2e",
  testMatch: "**/*.spec.ts",
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : [["list"]],
  outputDir: "test-results",
  use: {
    baseURL,
    browserName: "chromium",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      // Debian's chromium; without it (and without CHROMIUM_PATH), Playwright's own browser if installed.
      executablePath: process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined),
      args: ["--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
    },
  },
  projects: [
    { name: "portal", testIgnore: FIRST_RUN_SPEC },
    { name: "first-run", testMatch: FIRST_RUN_SPEC, use: { baseURL: emptyURL } },
    { name: "phone", testMatch: PHONE_SPECS, use: { viewport: { width: 360, height: 780 } } },
  ],
  webServer: [
    server(port, baseURL, process.env.PORTAL_E2E_DATA_DIR!),
    server(emptyPort, emptyURL, `${process.env.PORTAL_E2E_DATA_DIR}-empty`, " --empty"),
  ],
});

/** A port nobody listens on right now (the config must be synchronous, so ask a child process). */
function freePort(): number {
  const script =
    "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return Number(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }));
}

/** Data directories of earlier runs whose server is gone (a live server's pid file stays put). */
function removeAbandonedDataDirs() {
  const dataDir = path.join(root, ".data");
  if (!existsSync(dataDir)) return;
  for (const name of readdirSync(dataDir)) {
    if (!name.startsWith("e2e-")) continue;
    const dir = path.join(dataDir, name);
    const pidFile = path.join(dir, "server.pid");
    if (existsSync(pidFile) && isAlive(Number(readFileSync(pidFile, "utf8")))) continue;
    rmSync(dir, { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
