import "server-only";
import { cache } from "react";
import { desc, eq, sql } from "drizzle-orm";
import type { Connection, ConnectionBudget, ConnectionStatus, SyncState } from "@/lib/model/connection";
import type { ConnectionHistory, HistoryHorizon, StreamHistory } from "@/lib/model/history";
import { horizonFrom } from "@/lib/model/plain/history";
import type { Vendor } from "@/lib/model/vendor";
import { isVendor } from "@/lib/vendors/metas";
import { connectors } from "@/lib/vendors/registry";
import { isKeyReadable, KEY_UNREADABLE_MESSAGE } from "../secrets";
import { getDb, type Db } from "../store";
import * as t from "../store/schema";

type ConnectionRow = typeof t.connections.$inferSelect;
type RunRow = typeof t.syncRuns.$inferSelect;

const iso = (v: string | null | undefined) => (v ? new Date(v).toISOString() : null);

export function toSyncState(run: RunRow | undefined): SyncState {
  if (!run)
    return {
      id: null,
      state: "idle",
      startedAt: null,
      finishedAt: null,
      progress: { done: 0, unit: "rows" },
      rateLimitedMs: 0,
      error: null,
    };
  const p = run.progress as {
    done?: number;
    total?: number;
    unit?: string;
    pages?: number;
    stream?: string;
    window?: string;
    fraction?: number;
    warnings?: unknown;
  };
  const warnings = Array.isArray(p.warnings) ? p.warnings.filter((w): w is string => typeof w === "string") : [];
  return {
    id: run.id,
    state: run.state as SyncState["state"],
    startedAt: iso(run.startedAt),
    finishedAt: iso(run.finishedAt),
    progress: {
      done: p.done ?? 0,
      ...(p.total !== undefined ? { total: p.total } : {}),
      unit: p.unit ?? "rows",
      ...(p.pages !== undefined ? { pages: p.pages } : {}),
      ...(p.stream ? { stream: p.stream } : {}),
      ...(p.window ? { window: p.window } : {}),
      ...(typeof p.fraction === "number" && Number.isFinite(p.fraction)
        ? { fraction: Math.min(1, Math.max(0, p.fraction)) }
        : {}),
      ...(warnings.length ? { warnings: [...new Set(warnings)].slice(0, 20) } : {}),
    },
    rateLimitedMs: run.rateLimitedMs,
    error: run.error,
  };
}

const when = (v: unknown): string | null => {
  const ms = typeof v === "string" ? Date.parse(v) : NaN;
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
};
/**
 * The daily request budget of a connection whose vendor has a daily quota: its connector
 * reads what it stored on the connection (connections.meta). Null for every other vendor.
 */
export function budgetOf(vendor: string, meta: Record<string, unknown>, now = Date.now()): ConnectionBudget | null {
  return isVendor(vendor) ? (connectors[vendor].dailyBudget?.(meta, now) ?? null) : null;
}

/** The stored horizon, read leniently (anything unreadable is "everything", the default). */
export function horizonOf(meta: Record<string, unknown>): HistoryHorizon {
  const h = meta.history as Record<string, unknown> | undefined;
  if (h?.mode === "since" && typeof h.since === "string" && /^\d{4}-\d{2}-\d{2}$/.test(h.since))
    return { mode: "since", since: h.since };
  if (h?.mode === "months" && typeof h.months === "number" && Number.isInteger(h.months) && h.months > 0)
    return { mode: "months", months: h.months };
  return { mode: "all" };
}

/**
 * The connection's history (meta.history and meta.historyProgress, which the sync engine
 * keeps per stream). While streams are still reading, `backTo` is the newest point any of
 * them has reached (everything after it is complete in every stream); once all are done,
 * the oldest.
 */
export function historyOf(meta: Record<string, unknown>, now = new Date()): ConnectionHistory {
  const horizon = horizonOf(meta);
  const raw = (meta.historyProgress ?? {}) as Record<string, { backTo?: unknown; complete?: unknown }>;
  const streams: StreamHistory[] = Object.entries(raw)
    .filter(([, v]) => v && typeof v === "object")
    .map(([stream, v]) => ({ stream, backTo: when(v.backTo), complete: v.complete === true }))
    .sort((a, b) => a.stream.localeCompare(b.stream));
  const complete = streams.every((s) => s.complete);
  const points = streams.filter((s) => complete || !s.complete).map((s) => s.backTo);
  const known = points.filter((p): p is string => p !== null).sort();
  const backTo = known.length === 0 ? null : complete ? known[0]! : known.at(-1)!;
  return { horizon, from: horizonFrom(horizon, now), streams, complete, backTo };
}

export function toConnection(row: ConnectionRow, run: RunRow | undefined): Connection {
  const sync = toSyncState(run);
  const q = (row.meta as { quota?: Connection["quota"] }).quota ?? null;
  const quota = q ? { remaining: q.remaining ?? null, limit: q.limit ?? null, resetAt: q.resetAt ?? null } : null;
  // A damaged or moved envelope is reported at once, not only at the next sync.
  const readable = isKeyReadable(row.keyCiphertext, { connectionId: row.id, vendor: row.vendor });
  const status: ConnectionStatus =
    sync.state === "running" ? "syncing" : !readable ? "key_unreadable" : (row.status as ConnectionStatus);
  return {
    id: row.id,
    vendor: row.vendor as Vendor,
    label: row.label,
    keyHint: row.keyHint,
    status,
    demo: row.demo,
    createdAt: new Date(row.createdAt).toISOString(),
    lastSyncAt: iso(row.lastSyncAt),
    lastError:
      !readable && sync.state !== "running"
        ? row.status === "key_unreadable" && row.lastError
          ? row.lastError
          : KEY_UNREADABLE_MESSAGE
        : row.lastError,
    quota,
    budget: budgetOf(row.vendor, row.meta as Record<string, unknown>),
    history: historyOf(row.meta as Record<string, unknown>),
    sync,
  };
}

/** Every connection with its latest sync run, oldest connection first. */
export async function listConnections(db?: Db): Promise<Connection[]> {
  db ??= await getDb();
  const rows = await db.select().from(t.connections).orderBy(t.connections.createdAt, t.connections.id);
  if (rows.length === 0) return [];
  const runs = await db
    .selectDistinctOn([t.syncRuns.connectionId])
    .from(t.syncRuns)
    .orderBy(t.syncRuns.connectionId, desc(t.syncRuns.startedAt))
    .where(sql`${t.syncRuns.connectionId} in ${rows.map((r) => r.id)}`);
  const byConn = new Map(runs.map((r) => [r.connectionId, r]));
  return rows.map((r) => toConnection(r, byConn.get(r.id)));
}

export async function getConnection(id: string, db?: Db): Promise<Connection | null> {
  db ??= await getDb();
  const [row] = await db.select().from(t.connections).where(eq(t.connections.id, id));
  return row ? toConnection(row, await latestRun(db, id)) : null;
}

async function latestRun(db: Db, connectionId: string): Promise<RunRow | undefined> {
  const [run] = await db
    .select()
    .from(t.syncRuns)
    .where(eq(t.syncRuns.connectionId, connectionId))
    .orderBy(desc(t.syncRuns.startedAt))
    .limit(1);
  return run;
}

/** The latest sync of one connection (`GET /connections/{id}/sync`), or null for an unknown connection. */
export async function getSyncState(id: string, db?: Db): Promise<SyncState | null> {
  db ??= await getDb();
  const [row] = await db.select({ id: t.connections.id }).from(t.connections).where(eq(t.connections.id, id));
  return row ? toSyncState(await latestRun(db, id)) : null;
}

/** `listConnections` once per server render: the shell, the stale-data notice and the page all read it. */
export const listConnectionsForRender = cache(() => listConnections());
