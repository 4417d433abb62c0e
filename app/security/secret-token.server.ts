import { createHash, randomBytes } from "node:crypto";

/**
 * Tokens that travel in a link (invitations, action links from email): 32 random bytes, URL-safe.
 * The database keeps only their SHA-256, so a copy of it opens nothing.
 */
export const newSecretToken = (): string => randomBytes(32).toString("base64url");

export const hashSecretToken = (token: string): string => createHash("sha256").update(token).digest("hex");
