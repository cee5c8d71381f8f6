import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../store/db";

/**
 * The store's data version: the text of the current MVCC snapshot (xmin:xmax:in-progress
 * xids). Read-only statements never take a transaction id, so the snapshot only changes
 * when some transaction has started writing or has finished. Two reads under the same
 * snapshot text see exactly the same committed rows, so a result computed under one is
 * still exact while the snapshot text is unchanged — on PGlite and on PostgreSQL, in every
 * instance, with nothing to invalidate by hand. One cheap round trip.
 */
export async function dataVersion(db: Db): Promise<string> {
  const [row] = await queryRows<{ v: string }>(db, sql`select pg_current_snapshot()::text as v`);
  return row!.v;
}

/**
 * Results of expensive read queries, keyed by what they were asked and the data version
 * they were computed under. Concurrent identical asks share one computation. Entries
 * under an older version are never served again (the version only moves on), and the
 * least recently used are dropped past `max`.
 */
export class SnapshotCache<T> {
  private readonly entries = new Map<string, Promise<T>>();
  constructor(private readonly max: number) {}

  async get(db: Db, key: string, compute: () => Promise<T>): Promise<T> {
    const full = `${await dataVersion(db)}\u0000${key}`;
    const hit = this.entries.get(full);
    if (hit) {
      // Refresh its place in the LRU order.
      this.entries.delete(full);
      this.entries.set(full, hit);
      return hit;
    }
    const pending = compute();
    this.entries.set(full, pending);
    // A failure is not cached: the next ask tries again.
    pending.catch(() => this.entries.get(full) === pending && this.entries.delete(full));
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return pending;
  }

  get size(): number {
    return this.entries.size;
  }
}
