import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Vendor } from "@/lib/model/vendor";
import { describeVendorError, VendorAuthError, VendorQuotaError, VendorUnavailableError } from "@/lib/vendors/shared/errors";
import { connectors } from "@/lib/vendors/registry";
import type { Stream } from "@/lib/vendors/types";
import { log, scrub } from "../log";
import { decryptApiKey, KeyUnreadableError } from "../secrets";
import { getStore, type Store } from "../store/db";
import * as t from "../store/schema";
import { baseUrlFor } from "./connector-for";
import { newId } from "./ids";
import { reconcileOpenTasks, writeBatch } from "./write";

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
export async function startSync(connectionId: string, trigger: SyncTrigger, store?: Store): Promise<{ syncId: string; started: boolean }> {
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
        const [run] = await s.db
          .select({ id: t.syncRuns.id })
          .from(t.syncRuns)
          .where(eq(t.syncRuns.connectionId, connectionId))
          .orderBy(desc(t.syncRuns.startedAt))
          .limit(1);
        answer({ syncId: run?.id ?? "pending", started: false });
      })
      .catch((err) => {
        log.error("sync could not start", { connectionId, err });
        if (!answered) reject(err);
      });
  });
}

/** Runs a sync to the end (tests, scripts, the scheduler). Null when another holder runs it. */
export async function runSync(connectionId: string, trigger: SyncTrigger, store?: Store, opts: RunOptions = {}): Promise<SyncOutcome | null> {
  return runLocked(store ?? (await getStore()), connectionId, trigger, () => {}, opts);
}

export interface RunOptions {
  /** Extra options for the connector context (tests: short timeouts). */
  now?: () => Date;
  signal?: AbortSignal;
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
      .set({ state: "failed", finishedAt: sql`now()`, error: "Interrupted (the server stopped during this sync); the next sync resumes from its last saved point." })
      .where(and(eq(t.syncRuns.connectionId, connectionId), eq(t.syncRuns.state, "running")));
    const syncId = newId("sync");
    await db.insert(t.syncRuns).values({ id: syncId, connectionId, state: "running", trigger, progress: { done: 0, unit: "rows", pages: 0 } });
    onStarted(syncId);
    return execute(store, conn, syncId, opts);
  });
  return result?.value ?? null;
}

async function execute(store: Store, conn: typeof t.connections.$inferSelect, syncId: string, opts: RunOptions): Promise<SyncOutcome> {
  const { db } = store;
  const vendor = conn.vendor as Vendor;
  const ac = new AbortController();
  controllers.set(conn.id, ac);
  const signal = opts.signal ? AbortSignal.any([opts.signal, ac.signal]) : ac.signal;
  let rateLimitedMs = 0;
  let rows = 0;
  let pages = 0;
  let skipped = 0;
  let meta: Record<string, unknown> = {};

  const finish = async (state: "succeeded" | "failed", error: string | null, status: string) => {
    const message = error ? scrub(error) : null;
    await db.update(t.syncRuns).set({ state, finishedAt: sql`now()`, error: message, rateLimitedMs }).where(eq(t.syncRuns.id, syncId));
    await db
      .update(t.connections)
      .set({
        status,
        lastError: message,
        updatedAt: sql`now()`,
        ...(state === "succeeded" ? { lastSyncAt: sql`now()` } : {}),
        ...(Object.keys(meta).length ? { meta: sql`${t.connections.meta} || ${JSON.stringify(meta)}::jsonb` } : {}),
      })
      .where(eq(t.connections.id, conn.id));
    await db.insert(t.auditLog).values({ actor: "system", connectionId: conn.id, event: state === "succeeded" ? "synced" : "sync_failed", detail: { syncId, rows, skipped, ...(message ? { error: message } : {}) } });
    return { syncId, state, rows, error: message } satisfies SyncOutcome;
  };

  try {
    let apiKey: string;
    try {
      apiKey = decryptApiKey(conn.keyCiphertext, { connectionId: conn.id, vendor });
    } catch (err) {
      if (err instanceof KeyUnreadableError) return await finish("failed", "The stored key could not be read (it may have been tampered with). Enter the key again in Settings.", "key_unreadable");
      throw err;
    }
    const session = connectors[vendor].open({
      baseUrl: baseUrlFor(vendor, conn.demo),
      apiKey,
      signal,
      now: opts.now,
      onRateLimitWait: (ms) => (rateLimitedMs += ms),
      onMeta: (m) => (meta = { ...meta, ...m }),
      warn: (message, fields) => log.warn(`${vendor}: ${message}`, { connectionId: conn.id, ...fields }),
    });
    const streams = session.streams();
    for (const [index, stream] of streams.entries()) {
      const counts = await runStream(store, conn.id, vendor, syncId, stream as Stream, { index, count: streams.length }, signal, () => ({ rateLimitedMs, meta }));
      rows += counts.rows;
      pages += counts.pages;
      skipped += counts.skipped;
    }
    if (skipped) log.warn("sync skipped rows it could not read", { connectionId: conn.id, skipped });
    return await finish("succeeded", null, "ok");
  } catch (err) {
    const status =
      err instanceof VendorAuthError ? "key_rejected" : err instanceof VendorUnavailableError ? "unreachable" : err instanceof VendorQuotaError ? "ok" : conn.status === "syncing" ? "ok" : conn.status;
    const message = signal.aborted ? "Sync stopped." : describeVendorError(err);
    if (!(err instanceof VendorAuthError || err instanceof VendorUnavailableError || err instanceof VendorQuotaError)) log.error("sync failed", { connectionId: conn.id, err });
    try {
      return await finish("failed", message, status);
    } catch (finishErr) {
      // The connection itself may be gone (removed during the sync).
      log.warn("could not record the end of a sync", { connectionId: conn.id, err: finishErr });
      return { syncId, state: "failed", rows, error: message };
    }
  } finally {
    controllers.delete(conn.id);
    void pages;
  }
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
): Promise<{ rows: number; pages: number; skipped: number }> {
  const { db } = store;
  const [cursor] = await db
    .select()
    .from(t.syncCursors)
    .where(and(eq(t.syncCursors.connectionId, connectionId), eq(t.syncCursors.stream, stream.name)));
  let rows = 0;
  let pages = 0;
  let skipped = 0;
  for await (const page of stream.pages(cursor?.state ?? null)) {
    signal.throwIfAborted();
    pages++;
    skipped += page.skipped ?? 0;
    const streamFraction = page.progress?.total ? Math.min(1, page.progress.done / page.progress.total) : 0;
    // Rows and the cursor that covers them commit together: a crash can only repeat a page, never skip one.
    await db.transaction(async (tx) => {
      const written = await writeBatch(tx, connectionId, vendor, page.batch);
      rows += written.activities + written.tasks + written.campaigns;
      if (page.reconcileOpenTasks) await reconcileOpenTasks(tx, connectionId, page.reconcileOpenTasks.seenTaskIds);
      await tx
        .insert(t.syncCursors)
        .values({ connectionId, stream: stream.name, state: page.state as object })
        .onConflictDoUpdate({ target: [t.syncCursors.connectionId, t.syncCursors.stream], set: { state: page.state as object, updatedAt: sql`now()` } });
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
            window: page.progress?.window,
            streamDone: page.progress?.done,
            streamTotal: page.progress?.total,
          })}::jsonb || jsonb_build_object('done', coalesce((${t.syncRuns.progress}->>'done')::int, 0) + ${pageRows(page.batch)}, 'pages', coalesce((${t.syncRuns.progress}->>'pages')::int, 0) + 1)`,
        })
        .where(eq(t.syncRuns.id, syncId));
    });
  }
  // Mark the stream finished in the progress, so the bar advances even for an empty stream.
  await db
    .update(t.syncRuns)
    .set({ progress: sql`${t.syncRuns.progress} || ${JSON.stringify({ fraction: (position.index + 1) / position.count, streamIndex: position.index + 1, streamCount: position.count })}::jsonb` })
    .where(eq(t.syncRuns.id, syncId));
  return { rows, pages, skipped };
}

const pageRows = (b: { activities?: unknown[]; tasks?: unknown[]; campaigns?: unknown[] }) =>
  (b.activities?.length ?? 0) + (b.tasks?.length ?? 0) + (b.campaigns?.length ?? 0);
