import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { blockStore, STORE_KINDS, freshStore } from "@/tests/helpers/stores";
import { openStore } from "../store/db";
import * as t from "../store/schema";
import { open, seal } from "./envelope";
import { checkMasterKey, describeKey, MasterKeyMismatchError } from "./master-key";
import { rotateMasterKey } from "./rotate";
import { pgliteDataDir } from "@/tests/helpers/pglite-dir";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../../..");

async function seedConnection(
  db: Awaited<ReturnType<typeof freshStore>>["db"],
  id: string,
  vendor: string,
  apiKey: string,
  mk: ReturnType<typeof describeKey>,
) {
  await db.insert(t.connections).values({
    id,
    vendor,
    label: id,
    keyCiphertext: seal(apiKey, mk.key, mk.id, { connectionId: id, vendor }),
    keyHint: `••••${apiKey.slice(-4)}`,
  });
}

describe.each(STORE_KINDS)("master key on %s", (kind) => {
  const store = blockStore(kind);

  it("records the first key and refuses to start with another, naming TOUCHLINE_SECRET_KEY", async () => {
    const first = describeKey(crypto.randomBytes(32));
    await checkMasterKey(store.db, first);
    await checkMasterKey(store.db, first); // same key: fine
    const other = describeKey(crypto.randomBytes(32));
    const err = await checkMasterKey(store.db, other).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MasterKeyMismatchError);
    expect((err as Error).message).toMatch(/TOUCHLINE_SECRET_KEY/);
    expect((err as Error).message).toMatch(/keys:rotate/);
    await store.db.delete(t.settings).where(eq(t.settings.key, "master_key_fingerprint"));
  });

  it("re-encrypts every key in one go and moves the fingerprint", async () => {
    const oldKey = describeKey(crypto.randomBytes(32));
    const newKey = describeKey(crypto.randomBytes(32));
    await checkMasterKey(store.db, oldKey);
    await seedConnection(store.db, "conn_a", "lemlist", "lemlist-key-aaaa", oldKey);
    await seedConnection(store.db, "conn_b", "close", "close-key-bbbb", oldKey);
    await store.db.insert(t.connections).values({
      id: "conn_bad",
      vendor: "close",
      label: "bad",
      keyCiphertext: "v1.zzzz.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAA",
      keyHint: "••••xxxx",
    });

    // The wrong "old" key is refused before anything changes.
    await expect(rotateMasterKey(store.db, describeKey(crypto.randomBytes(32)), newKey)).rejects.toThrow(
      /TOUCHLINE_SECRET_KEY/,
    );

    const result = await rotateMasterKey(store.db, oldKey, newKey);
    expect(result).toEqual({ rotated: 2, unreadable: ["conn_bad"] });
    const rows = await store.db.select().from(t.connections);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const newKeys = new Map([[newKey.id, newKey.key]]);
    expect(open(byId.get("conn_a")!.keyCiphertext, newKeys, { connectionId: "conn_a", vendor: "lemlist" })).toBe(
      "lemlist-key-aaaa",
    );
    expect(open(byId.get("conn_b")!.keyCiphertext, newKeys, { connectionId: "conn_b", vendor: "close" })).toBe(
      "close-key-bbbb",
    );
    expect(() =>
      open(byId.get("conn_a")!.keyCiphertext, new Map([[oldKey.id, oldKey.key]]), {
        connectionId: "conn_a",
        vendor: "lemlist",
      }),
    ).toThrow();
    await checkMasterKey(store.db, newKey);
    await expect(checkMasterKey(store.db, oldKey)).rejects.toThrow(MasterKeyMismatchError);
    await store.db.delete(t.connections);
    await store.db.delete(t.settings).where(eq(t.settings.key, "master_key_fingerprint"));
  });
});

// Each case starts tsx (the whole server module graph) and opens PGlite: slow on a busy machine.
describe("npm run keys:rotate", { timeout: 300_000 }, () => {
  it("replaces the key file it read the old key from, with owner-only permissions", async () => {
    const dataDir = pgliteDataDir("touchline-rotate-");
    const oldKey = describeKey(crypto.randomBytes(32));
    fs.writeFileSync(path.join(dataDir, "secret.key"), oldKey.key.toString("base64") + "\n", { mode: 0o600 });
    const s = await openStore({ kind: "pglite", dataDir });
    await checkMasterKey(s.db, oldKey);
    await seedConnection(s.db, "conn_a", "smartlead", "smartlead-key-1234", oldKey);
    await s.close();

    const env = {
      ...process.env,
      TOUCHLINE_DATA_DIR: dataDir,
      TOUCHLINE_SECRET_KEY: "",
      DATABASE_URL: "",
      TOUCHLINE_NEW_SECRET_KEY: "",
    };
    const { stdout } = await run(
      path.join(root, "node_modules/.bin/tsx"),
      ["--conditions=react-server", "scripts/keys-rotate.ts"],
      { cwd: root, env },
    );
    expect(stdout).toMatch(/Re-encrypted 1 stored key/);
    expect(stdout).not.toContain("smartlead-key-1234");

    const file = path.join(dataDir, "secret.key");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.existsSync(`${file}.new`)).toBe(false);
    const newKey = describeKey(Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64"));
    expect(newKey.fingerprint).not.toBe(oldKey.fingerprint);
    const s2 = await openStore({ kind: "pglite", dataDir });
    try {
      await checkMasterKey(s2.db, newKey);
      const [row] = await s2.db.select().from(t.connections);
      expect(
        open(row!.keyCiphertext, new Map([[newKey.id, newKey.key]]), { connectionId: "conn_a", vendor: "smartlead" }),
      ).toBe("smartlead-key-1234");
    } finally {
      await s2.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("prints the new key when the old one came from TOUCHLINE_SECRET_KEY, and refuses a wrong old key", async () => {
    const dataDir = pgliteDataDir("touchline-rotate-");
    const oldKey = describeKey(crypto.randomBytes(32));
    const s = await openStore({ kind: "pglite", dataDir });
    await checkMasterKey(s.db, oldKey);
    await s.close();
    const base = { ...process.env, TOUCHLINE_DATA_DIR: dataDir, DATABASE_URL: "", TOUCHLINE_NEW_SECRET_KEY: "" };
    const tsx = path.join(root, "node_modules/.bin/tsx");

    const wrong = await run(tsx, ["--conditions=react-server", "scripts/keys-rotate.ts"], {
      cwd: root,
      env: { ...base, TOUCHLINE_SECRET_KEY: crypto.randomBytes(32).toString("base64") },
    }).catch((e: { stderr: string; code: number }) => e);
    expect((wrong as { code: number }).code).toBe(1);
    expect((wrong as { stderr: string }).stderr).toMatch(/TOUCHLINE_SECRET_KEY.*Nothing was changed/s);

    const { stdout } = await run(tsx, ["--conditions=react-server", "scripts/keys-rotate.ts"], {
      cwd: root,
      env: { ...base, TOUCHLINE_SECRET_KEY: oldKey.key.toString("base64") },
    });
    const printed = /TOUCHLINE_SECRET_KEY=([A-Za-z0-9+/=]+)/.exec(stdout)?.[1];
    expect(printed).toBeTruthy();
    expect(fs.existsSync(path.join(dataDir, "secret.key"))).toBe(false); // nothing written next to the data
    const s2 = await openStore({ kind: "pglite", dataDir });
    try {
      await checkMasterKey(s2.db, describeKey(Buffer.from(printed!, "base64")));
    } finally {
      await s2.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
