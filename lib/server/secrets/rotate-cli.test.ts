import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { openStore } from "../store/db";
import * as t from "../store/schema";
import { seal } from "./envelope";
import { checkMasterKey, describeKey } from "./master-key";
import { type FileOps, realFileOps, runKeysRotate } from "./rotate-cli";
import { pgliteDataDir } from "@/tests/helpers/pglite-dir";

// keys:rotate must never lose the key the stored API keys are encrypted under: not when the
// rename after the commit fails, not over a pending key a previous run left, and it does not
// run while a server holds the store.

async function setup() {
  const dataDir = pgliteDataDir("touchline-rotate-cli-");
  const oldKey = describeKey(crypto.randomBytes(32));
  fs.writeFileSync(path.join(dataDir, "secret.key"), oldKey.key.toString("base64") + "\n", { mode: 0o600 });
  const s = await openStore({ kind: "pglite", dataDir });
  await checkMasterKey(s.db, oldKey);
  await s.db.insert(t.connections).values({
    id: "conn_a",
    vendor: "close",
    label: "a",
    keyCiphertext: seal("close-key-123456", oldKey.key, oldKey.id, { connectionId: "conn_a", vendor: "close" }),
    keyHint: "••••3456",
  });
  await s.close();
  process.env.TOUCHLINE_DATA_DIR = dataDir;
  delete process.env.TOUCHLINE_SECRET_KEY;
  delete process.env.DATABASE_URL;
  resetEnvCache();
  return { dataDir, oldKey, file: path.join(dataDir, "secret.key") };
}

async function fingerprint(dataDir: string) {
  const s = await openStore({ kind: "pglite", dataDir });
  try {
    return (await s.db.select().from(t.settings)).find((r) => r.key === "master_key_fingerprint")?.value;
  } finally {
    await s.close();
  }
}

afterEach(() => resetEnvCache());

// Each case opens PGlite a few times (seconds each on a busy machine): a generous limit.
describe("keys:rotate", { timeout: 300_000 }, () => {
  it("keeps the new key when the rename after the commit fails, and says what to do", async () => {
    const { dataDir, file } = await setup();
    const ops: FileOps = {
      ...realFileOps,
      rename: () => {
        throw Object.assign(new Error("EXDEV: cross-device link not permitted"), { code: "EXDEV" });
      },
    };
    const r = await runKeysRotate({ ops, store: { kind: "pglite", dataDir } });
    expect(r.code).toBe(1);
    expect(r.err.join("\n")).toMatch(/secret\.key\.new/);
    expect(r.err.join("\n")).toMatch(/do not delete/);
    // The store moved to the new key, and the only copy of that key is still on disk.
    const pending = `${file}.new`;
    expect(fs.existsSync(pending)).toBe(true);
    expect(fs.statSync(pending).mode & 0o777).toBe(0o600);
    const newKey = describeKey(Buffer.from(fs.readFileSync(pending, "utf8").trim(), "base64"));
    expect(await fingerprint(dataDir)).toBe(newKey.fingerprint);
  });

  it("never overwrites a pending key a previous run left; nothing changes", async () => {
    const { dataDir, file, oldKey } = await setup();
    fs.writeFileSync(`${file}.new`, "the only copy of a key\n", { mode: 0o600 });
    const r = await runKeysRotate({ store: { kind: "pglite", dataDir } });
    expect(r.code).toBe(1);
    expect(r.err.join("\n")).toMatch(/exists/);
    expect(fs.readFileSync(`${file}.new`, "utf8")).toBe("the only copy of a key\n");
    expect(await fingerprint(dataDir)).toBe(oldKey.fingerprint);
  });

  it("refuses while a server holds the store", async () => {
    const { dataDir, oldKey } = await setup();
    // A running process (our parent) named in the server's lock file.
    fs.writeFileSync(path.join(dataDir, "server.lock"), JSON.stringify({ pid: process.ppid }));
    const r = await runKeysRotate({ store: { kind: "pglite", dataDir } });
    expect(r.code).toBe(1);
    expect(r.err.join("\n")).toMatch(/Stop it first/);
    expect(await fingerprint(dataDir)).toBe(oldKey.fingerprint);
    expect(fs.existsSync(path.join(dataDir, "secret.key.new"))).toBe(false);
    // A lock file of a process that is gone is stale: the rotation runs.
    fs.writeFileSync(path.join(dataDir, "server.lock"), JSON.stringify({ pid: 2 ** 22 + 12345 }));
    const ok = await runKeysRotate({ store: { kind: "pglite", dataDir } });
    expect(ok.code, ok.err.join("\n")).toBe(0);
    expect(await fingerprint(dataDir)).not.toBe(oldKey.fingerprint);
  });
});
