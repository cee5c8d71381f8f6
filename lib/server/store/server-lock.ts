import "server-only";
import fs from "node:fs";
import path from "node:path";
import type { Client as PgClient } from "pg";
import type { StoreOptions } from "./db";

/**
 * "A server holds this store": `npm run keys:rotate` must not run while a Touchline server
 * uses the store (the server keeps the old key in memory and would write rows under it).
 * - PGlite: a lock file in the data directory naming the server's pid, removed at exit;
 *   a file whose pid is not running any more is stale and ignored.
 * - PostgreSQL: every server holds a shared advisory lock on one connection for its
 *   lifetime; keys:rotate takes the same lock exclusively, so it cannot start while any
 *   server runs, and a server starting during a rotation waits for it.
 */
const ADVISORY = "touchline:server";
const lockFile = (dataDir: string) => path.resolve(dataDir, "server.lock");

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readPid(file: string): number | null {
  try {
    const pid = Number(JSON.parse(fs.readFileSync(file, "utf8")).pid);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * Runs `fn` on a fresh connection after trying the exclusive advisory lock (`locked`: it was
 * free and is now held until the connection ends), then closes the connection.
 */
async function withTriedLock<T>(url: string, fn: (locked: boolean, client: PgClient) => Promise<T>): Promise<T> {
  const { Client } = await import("pg");
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ ok: boolean }>("select pg_try_advisory_lock(hashtextextended($1, 0)) as ok", [
      ADVISORY,
    ]);
    return await fn(Boolean(r.rows[0]?.ok), client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Who holds the store now, or null. */
export async function storeHolder(options: StoreOptions): Promise<string | null> {
  if (options.kind === "pglite") {
    const pid = readPid(lockFile(options.dataDir));
    return pid && pid !== process.pid && alive(pid) ? `a Touchline server (pid ${pid})` : null;
  }
  return withTriedLock(options.url, async (locked, client) => {
    if (!locked) return "a Touchline server connected to this database";
    await client.query("select pg_advisory_unlock(hashtextextended($1, 0))", [ADVISORY]);
    return null;
  });
}

/**
 * For keys:rotate: takes the store for the duration of `fn`, or throws naming who holds it.
 */
export async function withStoreExclusive<T>(options: StoreOptions, fn: () => Promise<T>): Promise<T> {
  if (options.kind === "pglite") {
    const holder = await storeHolder(options);
    if (holder) throw new Error(`${holder} is using this store. Stop it first, then run keys:rotate again.`);
    return fn();
  }
  return withTriedLock(options.url, (locked) => {
    if (!locked)
      throw new Error(
        "a Touchline server is connected to this database. Stop every instance first, then run keys:rotate again.",
      );
    return fn();
  });
}

/** At server start: hold the store for as long as this process runs. */
export async function holdStore(options: StoreOptions): Promise<void> {
  if (options.kind === "pglite") {
    const file = lockFile(options.dataDir);
    const holder = await storeHolder(options);
    if (holder)
      throw new Error(
        `${holder} already uses the data directory ${path.resolve(options.dataDir)}; PGlite allows one server per directory.`,
      );
    fs.writeFileSync(file, JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }) + "\n", {
      mode: 0o600,
    });
    process.once("exit", () => {
      if (readPid(file) === process.pid) fs.rmSync(file, { force: true });
    });
    return;
  }
  const { Client } = await import("pg");
  const client = new Client({ connectionString: options.url });
  client.on("error", (err) => console.warn(`PostgreSQL connection of the server lock lost: ${err.message}`));
  await client.connect();
  await client.query("select pg_advisory_lock_shared(hashtextextended($1, 0))", [ADVISORY]);
  // Kept open for the process's lifetime: closing it releases the lock.
}
