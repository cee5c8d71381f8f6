import "server-only";
import path from "node:path";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { Pool } from "pg";

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "drizzle");

/**
 * Applies the SQL files in drizzle/ that the database has not seen yet (tracked in
 * drizzle.__drizzle_migrations, so a second run is a no-op), with each driver's public
 * migrator. Takes the driver's own database, before it is widened to `Db`.
 */
export async function migratePglite<S extends Record<string, unknown>>(db: PgliteDatabase<S>): Promise<void> {
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}

/** The same on PostgreSQL, where an advisory lock makes instances starting together take turns. */
export async function migratePostgres<S extends Record<string, unknown>>(
  db: NodePgDatabase<S>,
  pool: Pool,
): Promise<void> {
  const { migrate } = await import("drizzle-orm/node-postgres/migrator");
  const client = await pool.connect();
  try {
    await client.query("select pg_advisory_lock(7263512)");
    try {
      await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await client.query("select pg_advisory_unlock(7263512)");
    }
  } finally {
    client.release();
  }
}
