import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import { env } from "@/lib/env";
import { openStore, storeOptionsFromEnv, type StoreOptions } from "../store/db";
import { withStoreExclusive } from "../store/server-lock";
import * as t from "../store/schema";
import { decodeMasterKey, describeKey, keyFilePath, type MasterKey } from "./master-key";
import { rotateMasterKey } from "./rotate";

/**
 * `npm run keys:rotate` (scripts/keys-rotate.ts is the thin shell around this).
 *
 * Order of events, so that no outcome loses the key the data is encrypted under:
 * 1. refuse while a server holds the store (a server keeps the old key in memory);
 * 2. write the new key to `secret.key.new` with an exclusive create — an existing one may be
 *    the only copy of a key a previous rotation committed, so it is never overwritten;
 * 3. re-encrypt and move the fingerprint in one transaction;
 * 4. rename `secret.key.new` over `secret.key`. If that fails, the new key stays in
 *    `secret.key.new` (it is the key now) and the message says what to do. The pending file is
 *    removed only when the transaction did not commit.
 */
export interface FileOps {
  writeExclusive(file: string, text: string): void;
  rename(from: string, to: string): void;
  chmod(file: string, mode: number): void;
  remove(file: string): void;
  exists(file: string): boolean;
  read(file: string): string;
}

export const realFileOps: FileOps = {
  writeExclusive: (file, text) => fs.writeFileSync(file, text, { mode: 0o600, flag: "wx" }),
  rename: (from, to) => fs.renameSync(from, to),
  chmod: (file, mode) => fs.chmodSync(file, mode),
  remove: (file) => fs.rmSync(file, { force: true }),
  exists: (file) => fs.existsSync(file),
  read: (file) => fs.readFileSync(file, "utf8"),
};

export interface RotateOutcome {
  code: 0 | 1;
  out: string[];
  err: string[];
}

export async function runKeysRotate(
  opts: { ops?: FileOps; store?: StoreOptions; newKeyText?: string } = {},
): Promise<RotateOutcome> {
  const ops = opts.ops ?? realFileOps;
  const out: string[] = [];
  const err: string[] = [];
  const fail = (message: string): RotateOutcome => (err.push(`keys:rotate: ${message}`), { code: 1, out, err });

  const e = env();
  const file = keyFilePath();
  let source: "env" | "file";
  let oldKey: MasterKey;
  if (e.TOUCHLINE_SECRET_KEY) {
    source = "env";
    oldKey = describeKey(decodeMasterKey(e.TOUCHLINE_SECRET_KEY));
  } else if (ops.exists(file)) {
    source = "file";
    oldKey = describeKey(decodeMasterKey(ops.read(file).trim()));
  } else {
    return fail(`no master key found: TOUCHLINE_SECRET_KEY is unset and ${file} does not exist. Nothing to rotate.`);
  }

  const newRaw = (opts.newKeyText ?? process.env.TOUCHLINE_NEW_SECRET_KEY)?.trim();
  const newKey = describeKey(newRaw ? decodeMasterKey(newRaw) : crypto.randomBytes(32));
  const newText = newKey.key.toString("base64");
  const pending = `${file}.new`;
  const storeOptions = opts.store ?? storeOptionsFromEnv();

  try {
    return await withStoreExclusive(storeOptions, async () => {
      // The new key is written down before the store changes, so no outcome loses it.
      if (source === "file") {
        try {
          ops.writeExclusive(pending, newText + "\n");
        } catch (e2) {
          if ((e2 as NodeJS.ErrnoException).code === "EEXIST")
            return fail(
              `${pending} exists: a previous rotation may have moved the stored keys to the key in it. ` +
                `If Touchline does not start with ${file}, move ${pending} to ${file}; otherwise delete ${pending}. Nothing was changed.`,
            );
          throw e2;
        }
      } else if (!newRaw) {
        out.push("New master key (keep it safe; it becomes active only if the rotation below succeeds):", "");
        out.push(`  TOUCHLINE_SECRET_KEY=${newText}`, "");
      }

      const store = await openStore(storeOptions);
      let committed = false;
      try {
        let result;
        try {
          result = await rotateMasterKey(store.db, oldKey, newKey);
          committed = true;
        } catch (rotErr) {
          // Did it commit after all (an error on the way back)? The fingerprint tells.
          const [fp] = await store.db
            .select()
            .from(t.settings)
            .then((rows) => rows.filter((r) => r.key === "master_key_fingerprint"))
            .catch(() => []);
          committed = fp?.value === newKey.fingerprint;
          if (!committed) {
            if (source === "file") ops.remove(pending);
            return fail(`${rotErr instanceof Error ? rotErr.message : String(rotErr)} Nothing was changed.`);
          }
          throw rotErr;
        }
        out.push(
          `Re-encrypted ${result.rotated} stored key${result.rotated === 1 ? "" : "s"} under the new master key (id ${newKey.id}).`,
        );
        if (result.unreadable.length)
          out.push(
            `${result.unreadable.length} connection(s) already had an unreadable key and were left as they were: ${result.unreadable.join(", ")}. Enter their keys again in Settings.`,
          );
        if (source === "file") {
          try {
            ops.rename(pending, file);
            ops.chmod(file, 0o600);
          } catch (renameErr) {
            // The store is under the NEW key now, and the only copy of it is the pending file: keep it.
            return fail(
              `the stored keys are now encrypted under the new key, but ${pending} could not replace ${file} ` +
                `(${renameErr instanceof Error ? renameErr.message : String(renameErr)}). ` +
                `Move ${pending} to ${file} by hand before starting Touchline; do not delete ${pending}.`,
            );
          }
          out.push(`The new key replaced ${file}.`);
        } else {
          out.push(
            "Set TOUCHLINE_SECRET_KEY to the new key (above, or the TOUCHLINE_NEW_SECRET_KEY you gave) before starting Touchline again.",
          );
        }
        out.push("Everyone has to sign in again.");
        return { code: 0 as const, out, err };
      } finally {
        await store.close();
        if (!committed && source === "file" && ops.exists(pending)) ops.remove(pending);
      }
    });
  } catch (e3) {
    return fail(`${e3 instanceof Error ? e3.message : String(e3)}`);
  }
}
