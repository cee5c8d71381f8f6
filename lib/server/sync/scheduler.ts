import "server-only";
import { sql } from "drizzle-orm";
import { env } from "@/lib/env";
import { log } from "../log";
import { queryRows, type Store } from "../store/db";
import { startSync } from "./engine";

const holder = globalThis as unknown as { __touchlineScheduler?: NodeJS.Timeout };

/**
 * Syncs every connection on an interval (TOUCHLINE_SYNC_INTERVAL_MINUTES; 0 turns it
 * off). Started once per server process from instrumentation.ts; the per-connection
 * lock makes several instances' schedulers harmless.
 */
export function startScheduler(store: Store): void {
  const minutes = env().TOUCHLINE_SYNC_INTERVAL_MINUTES;
  if (minutes === 0 || holder.__touchlineScheduler) return;
  const tick = async () => {
    try {
      for (const id of await dueConnectionIds(store, minutes)) await startSync(id, "interval", store);
    } catch (err) {
      log.warn("scheduler tick failed", { err });
    }
  };
  holder.__touchlineScheduler = setInterval(tick, 60_000);
  holder.__touchlineScheduler.unref();
}

/**
 * Connections due for a scheduled sync at `now`: the interval has passed since the last one,
 * none is running, and the connector's own `nextSyncAt` (a stretched interval on a small
 * quota, a pause until the quota resets — stored in connections.meta) has come.
 */
export async function dueConnectionIds(store: Store, minutes: number, now = new Date()): Promise<string[]> {
  const at = now.toISOString();
  const rows = await queryRows<{ id: string }>(
    store.db,
    sql`select c.id from connections c
        where c.status not in ('key_rejected', 'key_unreadable')
          and (c.last_sync_at is null or c.last_sync_at < ${at}::timestamptz - make_interval(mins => ${minutes}))
          and (jsonb_typeof(c.meta->'nextSyncAt') is distinct from 'string' or (c.meta->>'nextSyncAt')::timestamptz <= ${at}::timestamptz)
          and not exists (select 1 from sync_runs r where r.connection_id = c.id and r.state = 'running' and r.heartbeat_at > now() - interval '2 minutes')`,
  );
  return rows.map((r) => r.id);
}
