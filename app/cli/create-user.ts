/**
 * Creates a user: `npm run user:create -- --email ana@vendor.example --role channel_manager
 * [--name "Ana Lima"] [--partner-id <uuid>]`. On a terminal the password is asked (hidden,
 * twice); otherwise one is generated and printed once.
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { MIN_PASSWORD_LENGTH } from "~/auth/password.server";
import { ROLES } from "~/auth/roles";
import { CLI_ACTOR, createUser } from "~/services/account.server";
import { runScript } from "./database";

const USAGE = `Usage: npm run user:create -- --email <email> --role <${ROLES.join("|")}> [--name "<full name>"] [--partner-id <uuid>]
  --partner-id is required for partner_admin and partner_rep (the partner they work for).
  On a terminal you are asked for the password; otherwise one is generated and printed once.`;

function readArgs() {
  try {
    return parseArgs({
      options: {
        email: { type: "string" },
        role: { type: "string" },
        name: { type: "string" },
        "partner-id": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
}

/** Reads one line from the terminal without echoing it. */
function askHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const { stdin, stdout } = process;
    stdout.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding("utf8");
    let value = "";
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off("data", onData);
      stdout.write("\n");
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n") return done();
        if (ch === "\u0003") return done(new Error("Cancelled"));
        if (ch === "\u007f" || ch === "\b") value = value.slice(0, -1);
        else if (ch >= " ") value += ch;
      }
    };
    stdin.on("data", onData);
  });
}

async function choosePassword(): Promise<{ password: string; generated: boolean }> {
  if (!process.stdin.isTTY) return { password: randomBytes(15).toString("base64url"), generated: true };
  for (;;) {
    const first = await askHidden(`Password (at least ${MIN_PASSWORD_LENGTH} characters): `);
    if (first.length < MIN_PASSWORD_LENGTH) {
      console.error(`Use at least ${MIN_PASSWORD_LENGTH} characters.`);
      continue;
    }
    const again = await askHidden("Password again: ");
    if (again === first) return { password: first, generated: false };
    console.error("The two passwords are not the same; try again.");
  }
}

let args: ReturnType<typeof readArgs> = {};
try {
  args = readArgs();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
if (args.help) {
  console.log(USAGE);
} else {
  await runScript(async ({ db }) => {
    if (!args.email) throw new Error(`--email is required.\n${USAGE}`);
    if (!args.role) throw new Error(`--role is required.\n${USAGE}`);
    if (!(ROLES as readonly string[]).includes(args.role)) {
      throw new Error(`Unknown role "${args.role}": use one of ${ROLES.join(", ")}.`);
    }
    const { password, generated } = await choosePassword();
    const result = await createUser(
      db,
      {
        email: args.email,
        role: args.role as (typeof ROLES)[number],
        name: args.name,
        partnerId: args["partner-id"],
        password,
      },
      CLI_ACTOR,
    );
    if (!result.ok) {
      const lines = Object.entries(result.fieldErrors ?? { "": [result.message] }).map(
        ([field, messages]) => `  ${flag(field)}: ${messages.join(" ")}`,
      );
      throw new Error(`The user was not created:\n${lines.join("\n")}`);
    }
    const u = result.user;
    console.log(`Created ${u.role} ${u.email} (${u.name}), id ${u.id}`);
    if (generated) console.log(`Password (shown once, pass it on safely): ${password}`);
  });
}

function flag(field: string): string {
  return field === "partnerId" ? "--partner-id" : `--${field}`;
}
