// `npm run keys:rotate`: re-encrypts every stored vendor API key under a new master key.
//
// Stop Touchline first (PGlite allows one process on its data directory, and a running
// server keeps the old key in memory). The old key is read as the server reads it
// (TOUCHLINE_SECRET_KEY, else the key file in the data directory); the new one comes
// from TOUCHLINE_NEW_SECRET_KEY or is generated. Keys and fingerprint change in one
// transaction. The new key then goes where the old one came from: the key file is
// replaced (owner-only permissions), or — when the old key came from the environment —
// the new key is printed for you to put into TOUCHLINE_SECRET_KEY before restarting.
// Everyone is signed out (session cookies are derived from the master key).
import crypto from "node:crypto";
import fs from "node:fs";
import { env } from "@/lib/env";
import { decodeMasterKey, describeKey, keyFilePath, type MasterKey } from "@/lib/server/secrets/master-key";
import { rotateMasterKey } from "@/lib/server/secrets/rotate";
import { openStore, storeOptionsFromEnv } from "@/lib/server/store/db";

function fail(message: string): never {
  console.error(`\nkeys:rotate: ${message}\n`);
  process.exit(1);
}

const e = env();
const file = keyFilePath();
let source: "env" | "file";
let oldKey: MasterKey;
if (e.TOUCHLINE_SECRET_KEY) {
  source = "env";
  oldKey = describeKey(decodeMasterKey(e.TOUCHLINE_SECRET_KEY));
} else if (fs.existsSync(file)) {
  source = "file";
  oldKey = describeKey(decodeMasterKey(fs.readFileSync(file, "utf8").trim()));
} else {
  fail(`no master key found: TOUCHLINE_SECRET_KEY is unset and ${file} does not exist. Nothing to rotate.`);
}

const newRaw = process.env.TOUCHLINE_NEW_SECRET_KEY?.trim();
const newKey = describeKey(newRaw ? decodeMasterKey(newRaw) : crypto.randomBytes(32));
const newText = newKey.key.toString("base64");

// The new key is written down before the store changes, so no outcome loses it.
const pending = `${file}.new`;
if (source === "file") fs.writeFileSync(pending, newText + "\n", { mode: 0o600 });
else if (!newRaw) {
  console.log("New master key (keep it safe; it becomes active only if the rotation below succeeds):\n");
  console.log(`  TOUCHLINE_SECRET_KEY=${newText}\n`);
}

const store = await openStore(storeOptionsFromEnv());
try {
  const result = await rotateMasterKey(store.db, oldKey, newKey);
  if (source === "file") {
    fs.renameSync(pending, file);
    fs.chmodSync(file, 0o600);
  }
  console.log(
    `Re-encrypted ${result.rotated} stored key${result.rotated === 1 ? "" : "s"} under the new master key (id ${newKey.id}).`,
  );
  if (result.unreadable.length) {
    console.log(
      `${result.unreadable.length} connection(s) already had an unreadable key and were left as they were: ${result.unreadable.join(", ")}. Enter their keys again in Settings.`,
    );
  }
  console.log(
    source === "file"
      ? `The new key replaced ${file}.`
      : "Set TOUCHLINE_SECRET_KEY to the new key (above, or the TOUCHLINE_NEW_SECRET_KEY you gave) before starting Touchline again.",
  );
  console.log("Everyone has to sign in again.");
} catch (err) {
  if (source === "file") fs.rmSync(pending, { force: true });
  fail(`${err instanceof Error ? err.message : String(err)} Nothing was changed.`);
} finally {
  await store.close();
}
