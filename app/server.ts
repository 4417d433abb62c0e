/**
 * The HTTP server: `tsx app/server.ts` after `remix build`.
 *
 * It loads the Remix server build and boots the app through it (`build.entry.module.boot`), so
 * the process holds one copy of the app code (one database handle, one clock). In front of
 * Remix: compression, security headers with a per-request CSP nonce on every response, a
 * refusal of cross-origin state-changing requests, and the static assets.
 */
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import type { BootResult } from "./boot.server";
import { parseEnv } from "./env.server";
import { bodyLimitRefusal } from "./security/body-limit";
import { createNonce, securityHeaders } from "./security/headers";
import { CROSS_ORIGIN_MESSAGE, crossOriginRefusal } from "./security/origin-check";
import "./security/load-context";

const BUILD_PATH = path.resolve("build/index.js");

interface PortalBuild extends ServerBuild {
  entry: { module: ServerBuild["entry"]["module"] & { boot: () => Promise<BootResult> } };
}

async function loadBuild(): Promise<PortalBuild> {
  if (!existsSync(BUILD_PATH)) {
    throw new Error(
      `No server build at ${BUILD_PATH}: run \`npx remix build\` (or \`npm start\`, which builds first).`,
    );
  }
  const build = (await import(pathToFileURL(BUILD_PATH).href)) as PortalBuild;
  if (typeof build.entry?.module?.boot !== "function") {
    throw new Error(
      "The server build does not export boot() from app/entry.server.tsx: rebuild with `npx remix build`.",
    );
  }
  return build;
}

/** `--empty`: no demo data on a fresh embedded directory (the same as DEMO=false). */
function applyArgs() {
  const { values } = parseArgs({ options: { empty: { type: "boolean" } }, strict: true, allowPositionals: false });
  if (values.empty) process.env.DEMO = "false";
}

async function main() {
  applyArgs();
  // A bad environment (TEST_CLOCK in production, …) stops here with one line, before the build loads.
  parseEnv();
  const build = await loadBuild();
  // boot() writes its lock file into the embedded data directory before opening it: make sure
  // the directory exists on a first start (same default as app/env.server.ts).
  if (!process.env.DATABASE_URL) mkdirSync(process.env.DATA_DIR || ".data/pglite", { recursive: true });
  const { env, banner, shutdown } = await build.entry.module.boot();
  const appOrigin = new URL(env.APP_URL).origin;
  const https = new URL(env.APP_URL).protocol === "https:";

  const app = express();
  app.disable("x-powered-by");
  // req.ip reads X-Forwarded-For only from the proxies TRUST_PROXY names; otherwise the socket.
  app.set("trust proxy", env.TRUST_PROXY);

  // Security headers on every response, static files and errors included.
  app.use((_req, res, next) => {
    const nonce = createNonce();
    res.locals.cspNonce = nonce;
    res.set(securityHeaders(nonce, { https }));
    next();
  });

  // State-changing requests from another site are refused before any app code runs.
  app.use((req, res, next) => {
    const refusal = crossOriginRefusal({
      method: req.method,
      secFetchSite: req.get("sec-fetch-site"),
      origin: req.get("origin"),
      host: req.get("host"),
      appOrigin,
    });
    if (!refusal) return next();
    console.warn(`Refused ${req.method} ${req.path}: ${refusal} (Origin: ${req.get("origin") ?? "-"})`);
    res.status(403).type("text/plain").send(CROSS_ORIGIN_MESSAGE);
  });

  // Oversized form bodies are refused on their headers, before Remix would buffer them.
  app.use((req, res, next) => {
    const refusal = bodyLimitRefusal({
      method: req.method,
      path: req.path,
      contentLength: req.get("content-length"),
      transferEncoding: req.get("transfer-encoding"),
    });
    if (!refusal) return next();
    res.set("Connection", "close").status(refusal.status).type("text/plain").send(refusal.message);
  });

  app.use(compression());
  // Fingerprinted assets never change under one name.
  app.use(
    build.publicPath,
    express.static(build.assetsBuildDirectory, { immutable: true, maxAge: "1y", index: false }),
  );
  app.use(express.static("public", { maxAge: "1h", index: false }));
  // Pages and data answers are per user: no browser or proxy keeps them (a shared computer's
  // back button must not show a signed-out user's leads). Static files above keep their caching.
  app.use((_req, res, next) => {
    res.set("Cache-Control", "no-store");
    next();
  });

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: build.mode,
      getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce as string, clientAddress: req.ip ?? "unknown" }),
    }),
  );

  // HOST unset: all interfaces; an http APP_URL in production keeps it on loopback (env.server.ts).
  const server = env.HOST ? app.listen(env.PORT, env.HOST, started) : app.listen(env.PORT, started);
  function started() {
    for (const line of banner) console.log(line);
  }
  server.on("error", async (error) => {
    console.error(`Could not listen on port ${env.PORT}: ${error.message}`);
    await shutdown();
    process.exit(1);
  });

  let closing = false;
  const close = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: closing the server`);
    const force = setTimeout(() => {
      console.error("Open connections did not close within 10 s; exiting");
      process.exit(1);
    }, 10_000);
    force.unref();
    server.close(async () => {
      try {
        await shutdown();
      } finally {
        process.exit(0);
      }
    });
    server.closeIdleConnections();
  };
  process.on("SIGINT", () => close("SIGINT"));
  process.on("SIGTERM", () => close("SIGTERM"));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
