import "server-only";
import path from "node:path";
import { readMigrationFiles } from "drizzle-orm/migrator";
import type { Pool } from "pg";
import type { Db, StoreKind } from "./db";

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "drizzle");

/**
 * Applies the SQL files in drizzle/ that the database has not seen yet (tracked in
 * drizzle.__drizzle_migrations, so a second run is a no-op). On PostgreSQL an
 * advisory lock makes instances starting together take turns.
 */
export async function migrateStore(db: Db, kind: StoreKind, pool?: Pool): Promise<void> {
  const migrations = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
  // Both drivers' migrators are this same call; going through the dialect keeps one code path.
  const run = () =>
    (
      db as unknown as { dialect: { migrate: (m: unknown, s: unknown, c: unknown) => Promise<void> }; session: unknown }
    ).dialect.migrate(migrations, (db as unknown as { session: unknown }).session, {
      migrationsFolder: MIGRATIONS_FOLDER,
    });
  if (kind === "pglite" || !pool) return run();
  const client = await pool.connect();
  try {
    await client.query("select pg_advisory_lock(7263512)");
    try {
      await run();
    } finally {
      await client.query("select pg_advisory_unlock(7263512)");
    }
  } finally {
    client.release();
  }
}
