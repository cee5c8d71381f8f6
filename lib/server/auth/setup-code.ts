import "server-only";
import crypto from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { log } from "../log";
import type { Db } from "../store/db";
import * as t from "../store/schema";

/**
 * The one-time setup code. While no user exists (and TOUCHLINE_ADMIN_* is not set), each
 * server start prints a fresh code in its log; the setup page asks for it, so whoever
 * reaches the page first cannot claim the install without access to the server. Only a
 * hash is stored (every instance's code works, for a day), and a successful setup clears them.
 */
const KEY = "setup_codes";
const LIFETIME_MS = 24 * 3600_000;
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I

type Stored = { hash: string; expiresAt: number }[];

const hash = (code: string) =>
  crypto
    .createHash("sha256")
    .update(`touchline/setup-code/v1|${normalise(code)}`)
    .digest("hex");
const normalise = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, "");

export function generateSetupCode(): string {
  const bytes = crypto.randomBytes(12);
  const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join("");
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

async function stored(db: Db): Promise<Stored> {
  const [row] = await db.select().from(t.settings).where(eq(t.settings.key, KEY));
  return Array.isArray(row?.value) ? (row.value as Stored) : [];
}

/** Makes a code, records its hash, and prints it in the server log. */
export async function issueSetupCode(db: Db): Promise<string> {
  const code = generateSetupCode();
  const now = Date.now();
  const list = [
    ...(await stored(db)).filter((c) => c.expiresAt > now).slice(-9),
    { hash: hash(code), expiresAt: now + LIFETIME_MS },
  ];
  await db
    .insert(t.settings)
    .values({ key: KEY, value: list })
    .onConflictDoUpdate({ target: t.settings.key, set: { value: list, updatedAt: sql`now()` } });
  log.warn("no user yet: open Touchline in a browser and create the first admin with this one-time setup code", {
    setupCode: code,
    page: "/setup",
  });
  return code;
}

export async function checkSetupCode(db: Db, code: string): Promise<boolean> {
  const h = Buffer.from(hash(code), "hex");
  const now = Date.now();
  return (await stored(db)).some((c) => c.expiresAt > now && crypto.timingSafeEqual(Buffer.from(c.hash, "hex"), h));
}

export async function clearSetupCodes(db: Db): Promise<void> {
  await db.delete(t.settings).where(eq(t.settings.key, KEY));
}
