import { describe, it, expect } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

// The rule book stays pure: no clock, no randomness, no environment, no I/O. Rules take `now`.
const dir = fileURLToPath(new URL(".", import.meta.url));
const modules = readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));

const FORBIDDEN: [RegExp, string][] = [
  [/\bDate\.now\s*\(/, "reads the clock (Date.now)"],
  [/\bnew Date\s*\(\s*\)/, "reads the clock (new Date())"],
  [/\bMath\.random\s*\(/, "uses randomness"],
  [/\bprocess\./, "reads the process environment"],
  [/\bfetch\s*\(/, "does network I/O"],
];
// Other domain modules, and zod (a pure validation library), nothing else.
const ALLOWED_IMPORT = /^(\.\/[a-z0-9-]+|zod)$/;

describe("app/domain purity", () => {
  it("finds the modules it checks", () => {
    expect(modules).toEqual(expect.arrayContaining(["policy.ts", "obligations.ts", "routing.ts", "enforcement.ts"]));
  });

  it.each(modules)("%s reads no clock, randomness or environment and imports only pure modules", (file) => {
    const source = readFileSync(`${dir}/${file}`, "utf8");
    const problems = FORBIDDEN.filter(([re]) => re.test(source)).map(([, what]) => `${file} ${what}`);
    for (const [, spec] of source.matchAll(/\bfrom\s+["']([^"']+)["']/g)) {
      if (!ALLOWED_IMPORT.test(spec)) problems.push(`${file} imports ${spec}`);
    }
    for (const [, spec] of source.matchAll(/\bimport\s*\(\s*["']([^"']+)["']/g)) problems.push(`${file} imports ${spec} at run time`);
    expect(problems).toEqual([]);
  });
});
