import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Vendor } from "@/lib/model/vendor";
import { VendorAuthError, VendorQuotaError, VendorUnavailableError } from "@/lib/vendors/shared/errors";
import { countRequests } from "@/lib/vendors/shared/request-count";
import { connectors } from "@/lib/vendors/registry";
import type { Connector, ConnectorContext, Stream, StreamPage, SyncBatch } from "@/lib/vendors/types";
import { horizonFrom, type HorizonValue } from "@/lib/model/plain/history";
import { plainErrorMessage } from "../http/plain-error";
import { log, scrub } from "../log";
import { decryptApiKey, KeyUnreadableError } from "../secrets";
import { getStore, queryRows, type Store } from "../store/db";
import * as t from "../store/schema";
import { baseUrlFor } from "./connector-for";
import { newId } from "./ids";
import { recordHistory } from "./history-progress";
import { reconcileOpenTasks, removeRows, sweepActivities, writeBatch } from "./write";

export type SyncTrigger = "manual" | "interval" | "created" | "demo";

export interface SyncOutcome {
  syncId: string;
  state: "succeeded" | "failed";
  rows: number;
  error: string | null;
}

// Running syncs of this process, so removing a connection can stop its sync.
const running = globalThis as unknown as { __touchlineSyncs?: Map<string, AbortController> };
const controllers = (running.__touchlineSyncs ??= new Map());

export function cancelSync(connectionId: string): void {
  controllers.get(connectionId)?.abort(new Error("connection removed"));
}

/**
 * Starts a sync of one connection in the background and answers at once with its id.
 * One sync per connection at a time, across instances (advisory lock on PostgreSQL):
 * when one is already running, its id is returned instead.
 */
export async function startSync(
  connectionId: string,
  trigger: SyncTrigger,
  store?: Store,
): Promise<{ syncId: string; started: boolean }> {
  const s = store ?? (await getStore());
  return new Promise((resolve, reject) => {
    let answered = false;
    const answer = (v: { syncId: string; started: boolean }) => {
      answered = true;
      resolve(v);
    };
    runLocked(s, connectionId, trigger, (syncId) => answer({ syncId, started: true }))
      .then(async (outcome) => {
        if (outcome || answered) return;
        // Another holder has the lock. It writes its run row a few queries after taking the
        // lock, so wait (bounded) for a running row rather than answer the previous run's id.
        const latest = () =>
          s.db
            .select({ id: t.syncRuns.id, state: t.syncRuns.state })
            .from(t.syncRuns)
            .where(eq(t.syncRuns.connectionId, connectionId))
            .orderBy(desc(t.syncRuns.startedAt))
            .limit(1)
            .then((rows) => rows[0]);
        let run = await latest();
        for (let i = 0; i < 20 && run?.state !== "running"; i++) {
          await new Promise((r) => setTimeout(r, 100));
          run = await latest();
        }
        answer({ syncId: run?.id ?? "pending", started: false });
      })
      .catch((err) => {
        log.error("sync could not start", { connectionId, err });
        if (!answered) reject(err);
      });
  });
}

/** Runs a sync to the end (tests, scripts, the scheduler). Null when another holder runs it. */
export async function runSync(
  connectionId: string,
  trigger: SyncTrigger,
  store?: Store,
  opts: RunOptions = {},
): Promise<SyncOutcome | null> {
  return runLocked(store ?? (await getStore()), connectionId, trigger, () => {}, opts);
}

/** Extra options for the connector context (tests: a clock, short timeouts). */
export interface RunOptions {
  now?: () => Date;
  /** Tests: connectors to use instead of the registry's (a simulated clock). */
  connectors?: Partial<Record<Vendor, Connector>>;
  signal?: AbortSignal;
  http?: ConnectorContext["http"];
}

async function runLocked(
  store: Store,
  connectionId: string,
  trigger: SyncTrigger,
  onStarted: (syncId: string) => void,
  opts: RunOptions = {},
): Promise<SyncOutcome | null> {
  const result = await store.tryWithLock(`sync:${connectionId}`, async () => {
    const { db } = store;
    const [conn] = await db.select().from(t.connections).where(eq(t.connections.id, connectionId));
    if (!conn) throw new Error(`connection ${connectionId} not found`);
    // We hold the lock, so any run still marked running was cut short (crash, restart).
    await db
      .update(t.syncRuns)
      .set({
        state: "failed",
        finishedAt: sql`now()`,
        error: "Interrupted (the server stopped during this sync); the next sync resumes from its last saved point.",
      })
      .where(and(eq(t.syncRuns.connectionId, connectionId), eq(t.syncRuns.state, "running")));
    const syncId = newId("sync");
    await db
      .insert(t.syncRuns)
      .values({ id: syncId, connectionId, state: "running", trigger, progress: { done: 0, unit: "rows", pages: 0 } });
    onStarted(syncId);
    return execute(store, conn, syncId, opts);
  });
  return result?.value ?? null;
}

async function execute(
  store: Store,
  conn: typeof t.connections.$inferSelect,
  syncId: string,
  opts: RunOptions,
): Promise<SyncOutcome> {
  const { db } = store;
  const vendor = conn.vendor as Vendor;
  const ac = new AbortController();
  controllers.set(conn.id, ac);
  const signal = opts.signal ? AbortSignal.any([opts.signal, ac.signal]) : ac.signal;
  let rateLimitedMs = 0;
  let rows = 0;
  let skipped = 0;
  let meta: Record<string, unknown> = {};
  const tally = { requests: 0 };
  const startedAt = Date.now();

  const finish = async (state: "succeeded" | "failed", error: string | null, status: string) => {
    const message = error ? scrub(error) : null;
    logSummary({
      vendor,
      connectionId: conn.id,
      syncId,
      state,
      rows,
      skipped,
      requests: tally.requests,
      rateLimitedMs,
      ms: Date.now() - startedAt,
      error: message,
    });
    await db
      .update(t.syncRuns)
      .set({ state, finishedAt: sql`now()`, error: message, rateLimitedMs })
      .where(eq(t.syncRuns.id, syncId));
    await db
      .update(t.connections)
      .set({
        status,
        lastError: message,
        updatedAt: sql`now()`,
        ...(state === "succeeded" ? { lastSyncAt: opts.now ? opts.now().toISOString() : sql`now()` } : {}),
        ...(Object.keys(meta).length ? { meta: sql`${t.connections.meta} || ${JSON.stringify(meta)}::jsonb` } : {}),
      })
      .where(eq(t.connections.id, conn.id));
    await db.insert(t.auditLog).values({
      actor: "system",
      connectionId: conn.id,
      event: state === "succeeded" ? "synced" : "sync_failed",
      detail: { syncId, rows, skipped, ...(message ? { error: message } : {}) },
    });
    return { syncId, state, rows, error: message } satisfies SyncOutcome;
  };

  try {
    let apiKey: string;
    try {
      apiKey = decryptApiKey(conn.keyCiphertext, { connectionId: conn.id, vendor });
    } catch (err) {
      if (err instanceof KeyUnreadableError)
        return await finish(
          "failed",
          "The stored key could not be read (it may have been tampered with). Enter the key again in Settings.",
          "key_unreadable",
        );
      throw err;
    }
    // The connection's horizon (Settings), as an instant for this run: "last 3 months" moves with the clock.
    const history = { from: horizonFrom(conn.meta.history as HorizonValue | undefined, opts.now?.() ?? new Date()) };
    const session = (opts.connectors?.[vendor] ?? connectors[vendor]).open({
      baseUrl: baseUrlFor(vendor, conn.demo),
      apiKey,
      signal,
      history,
      meta: conn.meta,
      now: opts.now,
      http: opts.http,
      onRateLimitWait: (ms) => (rateLimitedMs += ms),
      onMeta: (m) => (meta = { ...meta, ...m }),
      warn: (message, fields) => log.warn(`${vendor}: ${message}`, { connectionId: conn.id, ...fields }),
    });
    const streams = session.streams();
    await countRequests(tally, async () => {
      for (const [index, stream] of streams.entries()) {
        const counts = await runStream(
          store,
          conn.id,
          vendor,
          syncId,
          stream as Stream,
          { index, count: streams.length },
          signal,
          () => ({ rateLimitedMs, meta }),
        );
        rows += counts.rows;
        skipped += counts.skipped;
      }
    });
    if (skipped) log.warn("sync skipped rows it could not read", { connectionId: conn.id, skipped });
    // PGlite has no autovacuum: after a large load the planner needs fresh statistics.
    if (rows >= ANALYZE_FROM) await analyzeStore(store);
    return await finish("succeeded", null, "ok");
  } catch (err) {
    const status =
      err instanceof VendorAuthError
        ? "key_rejected"
        : err instanceof VendorUnavailableError
          ? "unreachable"
          : err instanceof VendorQuotaError
            ? "ok"
            : conn.status === "syncing"
              ? "ok"
              : conn.status;
    // Vendor errors in words; anything else (a database error, a bug) is logged under a
    // reference and stored as a plain sentence — never SQL text (lib/server/http/plain-error.ts).
    const message = signal.aborted
      ? "Sync stopped."
      : plainErrorMessage(err, "the sync failed", { connectionId: conn.id });
    try {
      return await finish("failed", message, status);
    } catch (finishErr) {
      // The connection itself may be gone (removed during the sync).
      log.warn("could not record the end of a sync", { connectionId: conn.id, err: finishErr });
      return { syncId, state: "failed", rows, error: message };
    }
  } finally {
    controllers.delete(conn.id);
  }
}

/** One line per sync for whoever reads the server log: what was read, what it cost, how long it took. */
function logSummary(s: {
  vendor: Vendor;
  connectionId: string;
  syncId: string;
  state: "succeeded" | "failed";
  rows: number;
  skipped: number;
  requests: number;
  rateLimitedMs: number;
  ms: number;
  error: string | null;
}): void {
  const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const text =
    `sync ${s.state === "succeeded" ? "done" : "failed"}: ${s.vendor}, ${s.rows} rows, ${s.requests} requests, ` +
    `${secs(s.rateLimitedMs)} waiting for rate limits, ${secs(s.ms)}` +
    (s.skipped ? `, ${s.skipped} rows skipped` : "") +
    (s.error ? ` — ${s.error}` : "");
  const { error: _error, ...fields } = s;
  if (s.state === "succeeded") log.info(text, fields);
  else log.warn(text, fields);
}

const ANALYZE_FROM = 5_000;

/** Fresh planner statistics for the tables a sync fills (PGlite has no autovacuum). Best effort. */
async function analyzeStore(store: Store): Promise<void> {
  await store.db
    .execute(sql`analyze activities, tasks, contacts, contact_identities, engagement_facts, engagement_buckets`)
    .catch(() => {});
}

async function runStream(
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
        const w = await writeBatch(tx, connectionId, vendor, batch);
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

function mergeBatches(batches: SyncBatch[]): SyncBatch {
  if (batches.length === 1) return batches[0]!;
  return {
    people: batches.flatMap((b) => b.people ?? []),
    activities: batches.flatMap((b) => b.activities ?? []),
    tasks: batches.flatMap((b) => b.tasks ?? []),
    campaigns: batches.flatMap((b) => b.campaigns ?? []),
  };
}

/**
 * Pulls pages from `source` in the background into a bounded queue. `take()` resolves
 * with everything queued (waiting for at least one page), or null at the end; an error of
 * the source is thrown from `take()` after the pages read before it.
 */
function readAhead<S>(
  source: AsyncIterable<StreamPage<S>>,
  limits: { maxRows: number; maxPages: number },
  signal: AbortSignal,
) {
  const queue: StreamPage<S>[] = [];
  let queuedRows = 0;
  let finished = false;
  let failure: unknown = null;
  let wakeConsumer: (() => void) | null = null;
  let wakeProducer: (() => void) | null = null;
  const wake = (w: (() => void) | null) => w?.();

  void (async () => {
    try {
      for await (const page of source) {
        queue.push(page);
        queuedRows += pageRows(page.batch);
        wake(wakeConsumer);
        while ((queuedRows >= limits.maxRows || queue.length >= limits.maxPages) && !signal.aborted) {
          await new Promise<void>((r) => (wakeProducer = r));
        }
        if (signal.aborted) break;
      }
    } catch (err) {
      failure = err;
    } finally {
      finished = true;
      wake(wakeConsumer);
    }
  })();

  return {
    async take(): Promise<StreamPage<S>[] | null> {
      while (queue.length === 0 && !finished) await new Promise<void>((r) => (wakeConsumer = r));
      if (queue.length === 0) {
        if (failure) throw failure;
        return null;
      }
      const group = queue.splice(0);
      queuedRows = 0;
      wake(wakeProducer);
      return group;
    },
  };
}

const pageRows = (b: { activities?: unknown[]; tasks?: unknown[]; campaigns?: unknown[] }) =>
  (b.activities?.length ?? 0) + (b.tasks?.length ?? 0) + (b.campaigns?.length ?? 0);
