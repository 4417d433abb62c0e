import { randomBytes } from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import { z } from "zod";
import { env } from "~/env.server";
import { cookieIsSecure } from "./lucia.server";

export type FlashKind = "success" | "info" | "error";
export interface Flash {
  kind: FlashKind;
  message: string;
}

const flashSchema = z.object({ kind: z.enum(["success", "info", "error"]), message: z.string().max(500) });

// Signed with SESSION_SECRET; without it, a random secret for this process (a flash lives for
// one redirect, so losing it on restart, or across instances without the variable, is harmless).
const holder = globalThis as typeof globalThis & { __portalFlashSecret?: string };
function secret(): string {
  const configured = env().SESSION_SECRET;
  if (configured) return configured;
  holder.__portalFlashSecret ??= randomBytes(32).toString("hex");
  return holder.__portalFlashSecret;
}

function flashCookie() {
  return createCookie("portal_flash", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: cookieIsSecure(),
    maxAge: 60,
    secrets: [secret()],
  });
}

/** Redirects after a successful POST, carrying a message for the next page. */
export async function redirectWithFlash(
  url: string,
  flash: Flash,
  init: { setCookies?: string[] } = {},
): Promise<Response> {
  const headers = new Headers();
  for (const c of init.setCookies ?? []) headers.append("Set-Cookie", c);
  headers.append("Set-Cookie", await flashCookie().serialize(flash));
  return redirect(url, { headers });
}

/** Reads the flash of this request; `setCookie` clears it and must go out with the response. */
export async function readFlash(request: Request): Promise<{ flash: Flash | null; setCookie: string | null }> {
  const header = request.headers.get("Cookie");
  if (!header || !header.includes("portal_flash=")) return { flash: null, setCookie: null };
  const cookie = flashCookie();
  const parsed = flashSchema.safeParse(await cookie.parse(header).catch(() => null));
  return { flash: parsed.success ? parsed.data : null, setCookie: await cookie.serialize("", { maxAge: 0 }) };
}
