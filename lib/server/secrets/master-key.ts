import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { env } from "@/lib/env";
import { log } from "../log";
import { ensureDataDir, readableByOthers } from "../store/data-dir";
import type { Db } from "../store/db";
import * as t from "../store/schema";

export interface MasterKey {
  key: Buffer;
  /** Short public id of the key, written into every envelope. */
  id: string;
  /** Stored in the database to detect a start with a different key. */
  fingerprint: string;
}

export class MasterKeyMismatchError extends Error {
  override name = "MasterKeyMismatchError";
}

export function decodeMasterKey(value: string): Buffer {
  const key = Buffer.from(value.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  if (key.length < 32)
    throw new MasterKeyMismatchError(
      "TOUCHLINE_SECRET_KEY must decode to at least 32 bytes (openssl rand -base64 32).",
    );
  return key.subarray(0, 32);
}

export function describeKey(key: Buffer): MasterKey {
  const fingerprint = crypto.createHmac("sha256", key).update("touchline/master-key-fingerprint/v1").digest("hex");
  return { key, id: fingerprint.slice(0, 8), fingerprint };
}

export const keyFilePath = () => path.resolve(env().TOUCHLINE_DATA_DIR, "secret.key");

/**
 * The master key: TOUCHLINE_SECRET_KEY, or on the embedded default one generated once
 * into the data dir with owner-only permissions (and a warning, since whoever copies
 * the data dir then has both the ciphertexts and the key).
 */
export function loadMasterKey(): MasterKey {
  const fromEnv = env().TOUCHLINE_SECRET_KEY;
  if (fromEnv) return describeKey(decodeMasterKey(fromEnv));
  const file = keyFilePath();
  ensureDataDir(path.dirname(file));
  if (fs.existsSync(file)) {
    if (readableByOthers(file))
      log.warn("the master key file can be read by other users of this machine: run chmod 600 on it", { file });
    return describeKey(decodeMasterKey(fs.readFileSync(file, "utf8").trim()));
  }
  const key = crypto.randomBytes(32);
  fs.writeFileSync(file, key.toString("base64") + "\n", { mode: 0o600, flag: "wx" });
  log.warn(
    "generated a master key for stored API keys; set TOUCHLINE_SECRET_KEY to keep it outside the data directory",
    { file },
  );
  return describeKey(key);
}

/** Records the key's fingerprint on first use; refuses a different key afterwards. */
export async function checkMasterKey(db: Db, mk: MasterKey): Promise<void> {
  const [row] = await db.select().from(t.settings).where(eq(t.settings.key, "master_key_fingerprint"));
  if (!row) {
    await db.insert(t.settings).values({ key: "master_key_fingerprint", value: mk.fingerprint }).onConflictDoNothing();
    return;
  }
  if (row.value !== mk.fingerprint) {
    throw new MasterKeyMismatchError(
      "The master key does not match the one that encrypted the stored API keys. Check TOUCHLINE_SECRET_KEY " +
        `(or the key file ${keyFilePath()}): restore the original key, or run \`npm run keys:rotate\` with the old key to move to a new one.`,
    );
  }
}

const holder = globalThis as unknown as { __touchlineMasterKey?: MasterKey };
export function masterKey(): MasterKey {
  holder.__touchlineMasterKey ??= loadMasterKey();
  return holder.__touchlineMasterKey;
}
