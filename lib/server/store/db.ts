import "server-only";
import fs from "node:fs";
import path from "node:path";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { env } from "@/lib/env";
import { ensureDataDir } from "./data-dir";
import { migratePglite, migratePostgres } from "./migrate";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** The handle inside `db.transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type StoreKind = "pglite" | "postgres";

export interface Store {
  kind: StoreKind;
  db: Db;
  /**
   * Runs `fn` only if no other holder (in this process or, on PostgreSQL, in any
   * instance sharing the database) holds `key`. Returns null when the lock is taken.
   */
  tryWithLock<T>(key: string, fn: () => Promise<T>): Promise<{ value: T } | null>;
  /** Applies the migrations the database has not seen (done once at open; again is a no-op). */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export type StoreOptions = { kind: "pglite"; dataDir: string } | { kind: "postgres"; url: string };

const localLocks = new Set<string>();

async function withLocalLock<T>(key: string, fn: () => Promise<T>): Promise<{ value: T } | null> {
  if (localLocks.has(key)) return null;
  localLocks.add(key);
  try {
    return { value: await fn() };
  } finally {
    localLocks.delete(key);
  }
}

export async function openStore(options: StoreOptions): Promise<Store> {
  if (options.kind === "pglite") {
    const { PGlite } = await import("@electric-sql/pglite");
    const { drizzle } = await import("drizzle-orm/pglite");
    const dir = path.join(ensureDataDir(options.dataDir), "pglite");
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    // pg_trgm backs the contact search index (drizzle/0003_contact_search.sql).
    const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
    const client = await PGlite.create(dir, { extensions: { pg_trgm } });
    const pglite = drizzle(client, { schema });
    await migratePglite(pglite);
    const db = pglite as unknown as Db;
    return {
      kind: "pglite",
      db,
      // One process owns a PGlite directory, so an in-process lock is the whole story.
      tryWithLock: withLocalLock,
      migrate: () => migratePglite(pglite),
      close: () => client.close(),
    };
  }

  const { Pool } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const pool = new Pool({ connectionString: options.url, max: 10, idleTimeoutMillis: 30_000 });
  // An idle connection dropped by the server (restart, admin kill) must not crash the process;
  // the pool replaces it on the next query.
  pool.on("error", (err) => console.warn(`PostgreSQL connection lost: ${err.message}`));
  const pg = drizzle(pool, { schema });
  await migratePostgres(pg, pool);
  const db = pg as unknown as Db;
  return {
    kind: "postgres",
    db,
    migrate: () => migratePostgres(pg, pool),
    async tryWithLock(key, fn) {
      return withLocalLock(key, async () => {
        // A session-level advisory lock lives on one connection: hold that
        // connection for the whole run so other instances see the lock.
        const client = await pool.connect();
        try {
          const got = await client.query<{ ok: boolean }>(
            "select pg_try_advisory_lock(hashtextextended($1, 0)) as ok",
            [key],
          );
          if (!got.rows[0]?.ok) return null;
          try {
            return { value: await fn() };
          } finally {
            await client.query("select pg_advisory_unlock(hashtextextended($1, 0))", [key]).catch(() => {});
          }
        } finally {
          client.release();
        }
      }).then((r) => (r === null ? null : r.value));
    },
    close: () => pool.end(),
  };
}

/** Options from the validated environment: PostgreSQL when DATABASE_URL is set, else PGlite under the data dir. */
export function storeOptionsFromEnv(): StoreOptions {
  const e = env();
  return e.DATABASE_URL ? { kind: "postgres", url: e.DATABASE_URL } : { kind: "pglite", dataDir: e.TOUCHLINE_DATA_DIR };
}

// One store per process, kept on globalThis so `next dev` hot reloads reuse it
// instead of opening PGlite twice on the same directory.
const holder = globalThis as unknown as { __touchlineStore?: Promise<Store> };

export function getStore(): Promise<Store> {
  holder.__touchlineStore ??= openStore(storeOptionsFromEnv()).catch((err) => {
    holder.__touchlineStore = undefined;
    throw err;
  });
  return holder.__touchlineStore;
}

export async function getDb(): Promise<Db> {
  return (await getStore()).db;
}

/** Raw SQL with typed rows; both drivers answer `{ rows }`. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
