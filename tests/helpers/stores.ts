import fs from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { openStore, type Db, type Store, type StoreKind } from "@/lib/server/store/db";
import * as t from "@/lib/server/store/schema";
import { pgliteDataDir } from "./pglite-dir";

/** Both store kinds: every store test runs against PGlite and a real PostgreSQL. */
export const STORE_KINDS: StoreKind[] = ["pglite", "postgres"];

/** A fresh, migrated store of the given kind, isolated from every other test. */
export async function freshStore(kind: StoreKind): Promise<Store & { cleanup: () => Promise<void> }> {
  if (kind === "pglite") {
    const dir = pgliteDataDir();
    const store = await openStore({ kind, dataDir: dir });
    return {
      ...store,
      cleanup: async () => {
        await store.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const adminUrl = inject("pgUrl");
  const name = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = adminUrl.replace(/\/[^/]*$/, `/${name}`);
  const store = await openStore({ kind, url });
  return {
    ...store,
    url,
    cleanup: async () => {
      await store.close();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  } as Store & { cleanup: () => Promise<void> };
}

/**
 * A fresh store (freshStore) holding these connections, for tests whose rows need one to
 * belong to; their stored key is a placeholder that nothing decrypts.
 */
export async function freshStoreWith(
  kind: StoreKind,
  ...connections: Pick<typeof t.connections.$inferInsert, "id" | "vendor" | "label">[]
): ReturnType<typeof freshStore> {
  const store = await freshStore(kind);
  await store.db
    .insert(t.connections)
    .values(connections.map((c) => ({ ...c, keyCiphertext: "x", keyHint: "••••abcd" })));
  return store;
}

/**
 * One fresh store of `kind` (freshStore) shared by the tests of the surrounding describe
 * block: opened before them (within `timeout` ms), cleaned up after; its `db` is there once
 * they run.
 */
export function blockStore(kind: StoreKind, timeout?: number): { readonly db: Db } {
  let store: Awaited<ReturnType<typeof freshStore>> | undefined;
  beforeAll(async () => {
    store = await freshStore(kind);
  }, timeout);
  afterAll(async () => store?.cleanup());
  return {
    get db() {
      if (!store) throw new Error("the block's store opens before its tests run");
      return store.db;
    },
  };
}
