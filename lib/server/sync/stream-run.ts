import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Vendor } from "@/lib/model/vendor";
import type { Stream } from "@/lib/vendors/types";
import { log } from "../log";
import { queryRows, type Store } from "../store/db";
import * as t from "../store/schema";
import { recordHistory } from "./history-progress";
import { mergeBatches, pageRows, readAhead } from "./read-ahead";
import { reconcileOpenTasks, removeRows, sweepActivities } from "./remove";
import { writeBatch } from "./write";

/** Rows a run writes before the first mid-run ANALYZE (then again each time they double). */
export const ANALYZE_FROM = 5_000;

/** Fresh planner statistics for the tables a sync fills (PGlite has no autovacuum). Best effort. */
export async function analyzeStore(store: Store): Promise<void> {
  await store.db
    .execute(
      sql`analyze activities, tasks, contacts, contact_identities, engagement_facts, engagement_buckets, engagement_hours`,
    )
    .catch(() => {});
}

/** Reads one stream from its cursor to its end, writing each group of pages with its cursor in one transaction. */
export async function runStream(
  store: Store,
  connectionId: string,
  vendor: Vendor,
  syncId: string,
  stream: Stream,
  position: { index: number; count: number },
  signal: AbortSignal,
  live: () => { rateLimitedMs: number; meta: Record<string, unknown> },
): Promise<{ rows: number; skipped: number }> {
  const { db } = store;
  const [cursor] = await db
    .select()
    .from(t.syncCursors)
    .where(and(eq(t.syncCursors.connectionId, connectionId), eq(t.syncCursors.stream, stream.name)));
  let rows = 0;
  let skipped = 0;
  // A first sync grows the tables from nothing: fresh statistics each time they double, or
  // the planner keeps the plans it chose for empty tables all the way to a million rows.
  let nextAnalyze = ANALYZE_FROM;
  // The store's clock as this stream starts: a complete re-read removes what it did not write since.
  const [clock] = await queryRows<{ at: string }>(db, sql`select now()::text as at`);
  const streamStartedAt = clock?.at ?? null;
  // The vendor side runs ahead of the store: pages queue up (bounded, so memory stays flat)
  // while the previous group is written, and everything queued is written as ONE
  // transaction with the last page's cursor. The fetcher keeps its rate budget busy, and a
  // slow store pays its per-transaction cost once per group instead of once per page.
  const reader = readAhead(stream.pages(cursor?.state ?? null), { maxRows: 8_000, maxPages: 50 }, signal);
  for (;;) {
    const group = await reader.take();
    if (group === null) break;
    signal.throwIfAborted();
    const last = group.at(-1)!;
    const batch = mergeBatches(group.map((p) => p.batch));
    const reconcile = group.find((p) => p.reconcileOpenTasks)?.reconcileOpenTasks;
    skipped += group.reduce((n, p) => n + (p.skipped ?? 0), 0);
    const warnings = group.flatMap((p) => p.warnings ?? []);
    for (const w of warnings) log.warn(w, { connectionId, vendor, stream: stream.name, syncId });
    // The last page that says how far back the stream has read (not every page does).
    const told = group.findLast(
      (p) => p.progress?.historyBackTo !== undefined || p.progress?.historyComplete !== undefined,
    )?.progress;
    const streamFraction = last.progress?.total ? Math.min(1, last.progress.done / last.progress.total) : 0;
    // Rows and the cursor that covers them commit together: a crash can only repeat pages, never skip one.
    const written = await withDeadlockRetry(() =>
      db.transaction(async (tx) => {
        const w = await writeBatch(tx, connectionId, vendor, batch, store.kind);
        if (reconcile) await reconcileOpenTasks(tx, connectionId, reconcile.seenTaskIds);
        for (const p of group) if (p.deleted) await removeRows(tx, connectionId, p.deleted);
        const sweep = group.find((p) => p.sweepActivities)?.sweepActivities;
        if (sweep && streamStartedAt) await sweepActivities(tx, connectionId, streamStartedAt, sweep.occurredFrom);
        await tx
          .insert(t.syncCursors)
          .values({ connectionId, stream: stream.name, state: last.state as object })
          .onConflictDoUpdate({
            target: [t.syncCursors.connectionId, t.syncCursors.stream],
            set: { state: last.state as object, updatedAt: sql`now()` },
          });
        if (told) await recordHistory(tx, connectionId, stream.name, told);
        const { rateLimitedMs } = live();
        await tx
          .update(t.syncRuns)
          .set({
            heartbeatAt: sql`now()`,
            rateLimitedMs,
            progress: sql`${t.syncRuns.progress} || ${JSON.stringify({
              stream: stream.name,
              streamIndex: position.index,
              streamCount: position.count,
              fraction: (position.index + streamFraction) / position.count,
              window: last.progress?.window,
              streamDone: last.progress?.done,
              streamTotal: last.progress?.total,
            })}::jsonb || ${warnings.length ? sql`jsonb_build_object('warnings', coalesce(${t.syncRuns.progress}->'warnings', '[]'::jsonb) || ${JSON.stringify(warnings)}::jsonb) ||` : sql``} jsonb_build_object('done', coalesce((${t.syncRuns.progress}->>'done')::int, 0) + ${pageRows(batch)}, 'pages', coalesce((${t.syncRuns.progress}->>'pages')::int, 0) + ${group.length})`,
          })
          .where(eq(t.syncRuns.id, syncId));
        return w;
      }),
    );
    rows += written.activities + written.tasks + written.campaigns;
    if (rows >= nextAnalyze) {
      nextAnalyze = rows * 2;
      await analyzeStore(store);
    }
  }
  // Mark the stream finished in the progress, so the bar advances even for an empty stream.
  await db
    .update(t.syncRuns)
    .set({
      progress: sql`${t.syncRuns.progress} || ${JSON.stringify({ fraction: (position.index + 1) / position.count, streamIndex: position.index + 1, streamCount: position.count })}::jsonb`,
    })
    .where(eq(t.syncRuns.id, syncId));
  return { rows, skipped };
}

/**
 * PostgreSQL may still pick a page's transaction as a deadlock victim when several syncs
 * touch the same people at once; the page is simply written again (it rolled back whole).
 */
async function withDeadlockRetry<T>(fn: () => Promise<T>, attempts = 4): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      const code =
        (err as { code?: string; cause?: { code?: string } }).code ??
        (err as { cause?: { code?: string } }).cause?.code;
      if (i >= attempts || (code !== "40P01" && code !== "40001")) throw err;
      await new Promise((r) => setTimeout(r, 50 * i + Math.random() * 100));
    }
  }
}
