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
      const due = await queryRows<{ id: string }>(
        store.db,
        sql`select c.id from connections c
            where c.status not in ('key_rejected', 'key_unreadable')
              and (c.last_sync_at is null or c.last_sync_at < now() - make_interval(mins => ${minutes}))
              and not exists (select 1 from sync_runs r where r.connection_id = c.id and r.state = 'running' and r.heartbeat_at > now() - interval '2 minutes')`,
      );
      for (const { id } of due) await startSync(id, "interval", store);
    } catch (err) {
      log.warn("scheduler tick failed", { err });
    }
  };
  holder.__touchlineScheduler = setInterval(tick, 60_000);
  holder.__touchlineScheduler.unref();
}
