import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * The browser bundle of a route module replaces every `.server` import with nothing, and keeps
 * whatever else the module runs when it loads (its `actionSchema`, say). A value from a `.server`
 * module used there is `undefined` in the browser: loading the route throws, and Remix reloads the
 * page it came from, so a link to it seems to do nothing. Such values belong inside functions
 * (the loader, the action), or in a module the browser may load (app/domain).
 */
const routesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "routes");

function serverValuesUsedAtLoad(text: string): string[] {
  const source = ts.createSourceFile("route.tsx", text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const serverValues = new Set<string>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || statement.importClause?.isTypeOnly) continue;
    const from = (statement.moduleSpecifier as ts.StringLiteral).text;
    if (!/\.server$/.test(from)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (statement.importClause?.name) serverValues.add(statement.importClause.name.text);
    if (bindings && ts.isNamespaceImport(bindings)) serverValues.add(bindings.name.text);
    if (bindings && ts.isNamedImports(bindings))
      for (const element of bindings.elements) if (!element.isTypeOnly) serverValues.add(element.name.text);
  }
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    // Function bodies run later (on the server, for loader and action), not when the module loads.
    if (ts.isFunctionLike(node) || ts.isTypeNode(node) || ts.isImportDeclaration(node)) return;
    if (ts.isIdentifier(node) && serverValues.has(node.text)) found.push(node.text);
    ts.forEachChild(node, visit);
  };
  for (const statement of source.statements) visit(statement);
  return [...new Set(found)];
}

describe("route modules load in the browser", () => {
  const files = readdirSync(routesDir).filter((f) => /\.tsx?$/.test(f) && !/\.(test|server)\.tsx?$/.test(f));

  it.each(files)("%s uses no .server value when it loads", (file) => {
    expect(serverValuesUsedAtLoad(readFileSync(path.join(routesDir, file), "utf8"))).toEqual([]);
  });

  it("finds a .server value in an action schema, and none inside functions", () => {
    const source = [
      'import { z } from "zod";',
      'import { emailSchema, helper, type Kind } from "~/services/x.server";',
      "export const actionSchema = z.object({ email: emailSchema });",
      "const later = () => helper();",
      "export async function action(kind: Kind) { return helper(kind); }",
    ].join("\n");
    expect(serverValuesUsedAtLoad(source)).toEqual(["emailSchema"]);
  });
});
