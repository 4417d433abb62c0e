import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const dir = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const onPostgres = Boolean(process.env.DATABASE_URL);

export default defineConfig({
  resolve: {
    alias: [
      { find: /^~\//, replacement: dir("./app/") },
      { find: /^@db\//, replacement: dir("./db/") },
    ],
  },
  test: {
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["app/**/*.test.{ts,tsx}", "db/**/*.test.ts"] },
      },
      { extends: true, test: { name: "integration", include: ["test/integration/**/*.test.ts"] } },
      ...(onPostgres
        ? [{ extends: true as const, test: { name: "postgres-only", include: ["test/postgres-only/**/*.test.ts"] } }]
        : []),
    ],
  },
});
