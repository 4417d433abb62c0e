import { DEMO_PASSWORD, seedDemo } from "~/demo/seed.server";
import { anyUserExists } from "~/models/user.server";
import { runScript } from "./database";

await runScript(async ({ db }) => {
  if (await anyUserExists(db)) {
    throw new Error("The database already has users: demo data goes into an empty database only");
  }
  const signIns = await seedDemo(db);
  console.log(`Seeded ${signIns.length} demo users (password: ${DEMO_PASSWORD}), e.g. ${signIns[0].email}`);
});
