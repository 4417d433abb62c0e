import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * The layer rule (docs/decisions/011-layers.md), checked on the import graph of app/ and db/:
 * routes → services → models → the database, the rule book pure and beneath them all. A layer
 * imports its own modules and the layers listed for it below, nothing else. Tests are not a
 * layer: they may import anything.
 */
const LAYERS = {
  /** Pure rules: no I/O, no clock; its own modules, zod, and the schema's types. */
  domain: [],
  /** Kysely queries taking `db | trx` first; rules only as types (models never run rules). */
  models: ["door", "schema", "domain:types"],
  /** Use cases: one transaction each, the only readers of the clock. */
  services: ["models", "domain", "auth", "security", "door", "schema", "platform"],
  /** Sign-in, sessions and guards: a service of its own, called by routes and by services. */
  auth: ["models", "services:types", "domain", "security", "door", "schema", "platform"],
  /** Request hygiene (headers, origin check, form parsing, ids): depends on nothing of the app. */
  security: ["domain", "platform"],
  /** The design system: shows what it is given, never fetches. */
  components: ["domain", "auth", "schema"],
  /** Timers and workers: run services (and the sweep's own set-based queries) on a schedule. */
  jobs: ["services", "models", "domain", "door", "schema", "platform"],
  /** Remix route modules and the document: guard, parse, call a service or read a model, render. */
  routes: [
    "services",
    "models",
    "domain",
    "auth",
    "security",
    "components",
    "jobs",
    "styles",
    "door",
    "schema",
    "platform",
  ],
  styles: [],
  /** The demo program: replays weeks of work through the services, like a user would. */
  demo: ["services", "jobs", "models", "domain", "door", "schema", "platform"],
  /** Command-line scripts: wire a process of their own (open, migrate, lock the database). */
  cli: ["services", "jobs", "demo", "auth", "models", "domain", "door", "schema", "platform", "db"],
  /** The server process: opens and migrates the database, starts the jobs, sets the headers. */
  wiring: ["services", "models", "jobs", "demo", "security", "door", "schema", "platform", "db"],
  /** `~/db.server`: the app's one door to the database. */
  door: ["db"],
  /** The clock and the validated environment. */
  platform: [],
  /** db/: client, migrations, schema types; it imports nothing of app/. */
  db: ["schema"],
  schema: [],
} as const satisfies Record<string, readonly string[]>;
type Layer = keyof typeof LAYERS;

/** Packages only one layer may use: the drivers stay in db/, query building in models. */
const PACKAGES: Record<string, readonly Layer[]> = {
  pg: ["db"],
  "@electric-sql/pglite": ["db"],
  kysely: ["db", "schema", "models"],
};
const DOMAIN_PACKAGES = ["zod"];

/** The layer of a module, from its path relative to the repository (extension optional). */
function layerOf(file: string): Layer | undefined {
  const f = file.replace(/\.(tsx?|css)$/, "");
  if (f === "db/schema") return "schema";
  if (f.startsWith("db/")) return "db";
  if (f === "app/db.server") return "door";
  if (f === "app/clock.server" || f === "app/env.server") return "platform";
  if (f === "app/boot.server" || f === "app/server" || f === "app/entry.server") return "wiring";
  if (f === "app/root" || f === "app/entry.client") return "routes";
  const folder = /^app\/([a-z]+)\//.exec(f)?.[1];
  return folder && folder in LAYERS ? (folder as Layer) : undefined;
}

interface Import {
  spec: string;
  typeOnly: boolean;
}

/** Every static import, re-export and dynamic import of a module's source. */
function importsOf(source: string): Import[] {
  const found: Import[] = [];
  for (const [, , typeKeyword, clause, spec] of source.matchAll(
    /^\s*(import|export)\s+(type\s+)?([^;]*?)\s*from\s*["']([^"']+)["']/gm,
  )) {
    const names =
      /\{([^}]*)\}/
        .exec(clause)?.[1]
        .split(",")
        .map((n) => n.trim())
        .filter(Boolean) ?? [];
    const onlyNamed = clause.trim().startsWith("{");
    const typeOnly =
      Boolean(typeKeyword) || (onlyNamed && names.length > 0 && names.every((n) => n.startsWith("type ")));
    found.push({ spec, typeOnly });
  }
  for (const [, spec] of source.matchAll(/^\s*import\s*["']([^"']+)["']/gm)) found.push({ spec, typeOnly: false });
  for (const [, spec] of source.matchAll(/\bimport\s*\(\s*["']([^"']+)["']\s*\)/g))
    found.push({ spec, typeOnly: false });
  return found;
}

/** The repository path an import names, or undefined for a package. */
function resolve(file: string, spec: string): string | undefined {
  if (spec.startsWith("~/")) return `app/${spec.slice(2)}`;
  if (spec.startsWith("@db/")) return `db/${spec.slice(4)}`;
  if (spec.startsWith(".")) return path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
  return undefined;
}

/** What is wrong with one module's imports, one line per offending import. */
function layerViolations(file: string, source: string): string[] {
  const from = layerOf(file);
  if (!from) return [`${file} belongs to no layer: add its folder to the rule in app/architecture.test.ts`];
  const allowed: readonly string[] = LAYERS[from];
  const problems: string[] = [];
  for (const { spec, typeOnly } of importsOf(source)) {
    const target = resolve(file, spec);
    if (target === undefined) {
      const pkg = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0];
      const owners = PACKAGES[pkg];
      if (from === "domain") {
        if (!DOMAIN_PACKAGES.includes(pkg)) {
          problems.push(
            spec.startsWith("node:")
              ? `${file} (domain) imports "${spec}": the rule book does no I/O`
              : `${file} (domain) imports the package "${spec}": the rule book uses only ${DOMAIN_PACKAGES.join(", ")}`,
          );
        }
      } else if (owners && !owners.includes(from)) {
        problems.push(`${file} (${from}) imports the package "${spec}", which only ${owners.join(", ")} may use`);
      }
      continue;
    }
    const to = layerOf(target);
    if (to === undefined) {
      problems.push(`${file} (${from}) imports "${spec}", which belongs to no layer`);
      continue;
    }
    if (to === from) continue;
    if (allowed.includes(to)) continue;
    if (typeOnly && allowed.includes(`${to}:types`)) continue;
    if (from === "domain" && to === "schema" && typeOnly) continue;
    if (to === "schema" && !typeOnly && allowed.includes("schema")) {
      problems.push(`${file} (${from}) imports "${spec}" for values: db/schema.ts gives types only (import type)`);
      continue;
    }
    const may = allowed.length ? allowed.join(", ") : "nothing outside its own layer";
    problems.push(
      `${file} (${from}) imports "${spec}" (${to}${typeOnly ? ", types" : ""}); ${from} may import: ${may}`,
    );
  }
  return problems;
}

const root = fileURLToPath(new URL("..", import.meta.url));

function modulesUnder(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => path.posix.join(path.relative(root, e.parentPath).split(path.sep).join("/"), e.name));
}

const modules = [...modulesUnder("app"), ...modulesUnder("db")].sort();
const domainModules = modules.filter((f) => layerOf(f) === "domain");

// The rule book stays pure: no clock, no randomness, no environment, no I/O. Rules take `now`.
const IMPURE: [RegExp, string][] = [
  [/\bDate\.now\s*\(/, "reads the clock (Date.now)"],
  [/\bnew Date\s*\(\s*\)/, "reads the clock (new Date())"],
  [/\bMath\.random\s*\(/, "uses randomness"],
  [/\bprocess\./, "reads the process environment"],
  [/\bfetch\s*\(/, "does network I/O"],
];

describe("the layer rule", () => {
  it("finds the modules of every layer", () => {
    const seen = new Set(modules.map(layerOf));
    for (const layer of [
      "domain",
      "models",
      "services",
      "auth",
      "security",
      "components",
      "jobs",
      "routes",
      "demo",
      "cli",
      "wiring",
      "door",
      "platform",
      "db",
      "schema",
    ] as const) {
      expect(seen, layer).toContain(layer);
    }
  });

  it.each(modules)("%s imports only what its layer may", (file) => {
    expect(layerViolations(file, readFileSync(path.join(root, file), "utf8"))).toEqual([]);
  });

  it.each(domainModules)("%s reads no clock, randomness or environment", (file) => {
    const source = readFileSync(path.join(root, file), "utf8");
    expect(IMPURE.filter(([re]) => re.test(source)).map(([, what]) => `${file} ${what}`)).toEqual([]);
  });

  it("names the offending import", () => {
    expect(
      layerViolations("app/models/lead.server.ts", 'import { moveLead } from "~/services/lead-moves.server";'),
    ).toEqual([
      'app/models/lead.server.ts (models) imports "~/services/lead-moves.server" (services); models may import: door, schema, domain:types',
    ]);
    expect(
      layerViolations("app/models/lead.server.ts", 'import { isOverdue } from "~/domain/obligations";'),
    ).toHaveLength(1);
    expect(
      layerViolations("app/models/lead.server.ts", 'import type { ObligationView } from "~/domain/obligations";'),
    ).toEqual([]);
    expect(layerViolations("db/seed.ts", 'import { x } from "../app/demo/program.server";')[0]).toContain(
      'db/seed.ts (db) imports "../app/demo/program.server"',
    );
    expect(layerViolations("app/services/a.server.ts", 'import type { DB } from "@db/client";')[0]).toContain(
      "(db, types); services may import",
    );
    expect(
      layerViolations("app/domain/a.ts", 'import {\n  type Policy,\n} from "../models/policy.server";'),
    ).toHaveLength(1);
    expect(layerViolations("app/domain/a.ts", 'import { readFileSync } from "node:fs";')[0]).toContain("does no I/O");
    expect(layerViolations("app/routes/a.tsx", 'const m = await import("@db/client");')).toHaveLength(1);
    expect(layerViolations("app/services/a.server.ts", 'import { sql } from "kysely";')[0]).toContain(
      '"kysely", which only db, schema, models may use',
    );
    expect(layerViolations("app/emails/a.tsx", "")[0]).toContain("belongs to no layer");
  });
});
