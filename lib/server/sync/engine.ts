import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Vendor } from "@/lib/model/vendor";
import { VendorAuthError, VendorQuotaError, VendorUnavailableError } from "@/lib/vendors/shared/errors";
import { countRequests } from "@/lib/vendors/shared/request-count";
import { connectors } from "@/lib/vendors/registry";
import type { Connector, ConnectorContext, Stream } from "@/lib/vendors/types";
import { horizonFrom, type HorizonValue } from "@/lib/model/plain/history";
import { plainErrorMessage } from "../http/plain-error";
import { log, scrub } from "../log";
import { decryptApiKey, KeyUnreadableError } from "../secrets";
import { getStore, type Store } from "../store/db";
import * as t from "../store/schema";
import { baseUrlFor } from "./connector-for";
import { newId } from "./ids";
import { logSummary } from "./run-log";
import { analyzeStore, ANALYZE_FROM, runStream } from "./stream-run";

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
    return execute(store, conn, syncId, trigger, opts);
  });
  return result?.value ?? null;
}

async function execute(
  store: Store,
  conn: typeof t.connections.$inferSelect,
  syncId: string,
  trigger: SyncTrigger,
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
      scheduled: trigger === "interval",
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
