import "server-only";
import { eq, sql } from "drizzle-orm";
import type { HistoryHorizon } from "@/lib/model/history";
import { describeHorizon, horizonFrom } from "@/lib/model/plain/history";
import type { Vendor } from "@/lib/model/vendor";
import { notFound } from "../http/errors";
import { horizonOf } from "../queries/connections";
import { queryRows, type Db, type Store } from "../store/db";
import * as t from "../store/schema";
import { removeRows } from "../sync/remove";

type ConnectionRow = typeof t.connections.$inferSelect;

const at = (iso: string | null) => (iso === null ? -Infinity : Date.parse(iso));

/**
 * Stores a new history horizon. Moving it back (an earlier instant, or "everything")
 * marks every stream's history as not complete — the next sync reads the missing span,
 * newest first — and returns true so the caller starts that sync. Moving it forward keeps
 * every row already imported: pruning is a separate, explicit step (`pruneBefore`).
 */
export async function setHorizon(db: Db, conn: ConnectionRow, next: HistoryHorizon, actor: string): Promise<boolean> {
  const prev = horizonOf(conn.meta);
  const now = new Date();
  const widened = at(horizonFrom(next, now)) < at(horizonFrom(prev, now));
  await db
    .update(t.connections)
    .set({
      meta: widened
        ? sql`(${t.connections.meta} || ${JSON.stringify({ history: next })}::jsonb) - 'historyProgress'`
        : sql`${t.connections.meta} || ${JSON.stringify({ history: next })}::jsonb`,
      updatedAt: sql`now()`,
    })
    .where(eq(t.connections.id, conn.id));
  if (describeHorizon(prev) !== describeHorizon(next))
    await db.insert(t.auditLog).values({
      actor,
      connectionId: conn.id,
      event: "settings_changed",
      detail: { vendor: conn.vendor as Vendor, history: next, previous: prev },
    });
  return widened;
}

async function connectionOr404(db: Db, id: string): Promise<ConnectionRow> {
  const [conn] = await db.select().from(t.connections).where(eq(t.connections.id, id));
  if (!conn) throw notFound("Connection");
  return conn;
}

/** How many of this connection's activities happened before `before` (what a prune would remove). */
export async function prunePreview(
  db: Db,
  id: string,
  before: string,
): Promise<{ before: string; activities: number }> {
  await connectionOr404(db, id);
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from activities where connection_id = ${id} and occurred_at < ${before}::timestamptz`,
  );
  return { before: new Date(before).toISOString(), activities: row?.n ?? 0 };
}

/**
 * Removes this connection's activities before `before` — the user's explicit prune after
 * moving the horizon forward — with the engagement figures and last-activity dates they fed.
 * Runs under the connection's sync lock so a running sync cannot write them back meanwhile.
 */
export async function pruneBefore(
  store: Store,
  id: string,
  before: string,
  actor: string,
): Promise<{ before: string; activities: number } | null> {
  const conn = await connectionOr404(store.db, id);
  const done = await store.tryWithLock(`sync:${id}`, () =>
    store.db.transaction(async (tx) => {
      const ids = await queryRows<{ id: string }>(
        tx as unknown as Db,
        sql`select id from activities where connection_id = ${id} and occurred_at < ${before}::timestamptz`,
      );
      const removed = await removeRows(tx, id, { activities: ids.map((r) => r.id) });
      await tx.insert(t.auditLog).values({
        actor,
        connectionId: id,
        event: "pruned",
        detail: { vendor: conn.vendor, before, activities: removed.activities },
      });
      return removed.activities;
    }),
  );
  if (!done) return null;
  return { before: new Date(before).toISOString(), activities: done.value };
}
