import { migrateToLatest } from "@db/migrate";
import { runScript } from "./database";

await runScript(
  async ({ db }) => {
    const result = await migrateToLatest(db);
    const applied = result.results?.filter((r) => r.status === "Success").map((r) => r.migrationName) ?? [];
    console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Database is up to date");
  },
  { migrate: false },
);
