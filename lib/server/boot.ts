import "server-only";
import { env } from "@/lib/env";
import { ensureFirstAdmin } from "./auth/first-admin";
import { purgeEndedSessions } from "./auth/sessions";
import { startDemoWorkspace } from "./demo/bootstrap";
import { log } from "./log";
import { checkMasterKey, masterKey } from "./secrets";
import { getStore, storeOptionsFromEnv } from "./store/db";
import { holdStore } from "./store/server-lock";
import { backfillReplyClasses } from "./sync/reply-class-backfill";
import { catchUpLastActivity } from "./sync/last-activity";
import { startScheduler } from "./sync/scheduler";

/**
 * Server start-up, once per process (instrumentation.ts): open and migrate the store,
 * check the master key, create the first admin, start the demo workspace and the
 * scheduler. A problem here stops the server with a message naming what to fix.
 */
export async function boot(): Promise<void> {
  const e = env();
  const store = await getStore();
  await holdStore(storeOptionsFromEnv());
  await checkMasterKey(store.db, masterKey());
  await ensureFirstAdmin(store.db);
  log.info("store ready", { db: store.kind });
  const classified = await backfillReplyClasses(store.db);
  if (classified) log.info("classified stored replies", { replies: classified });
  await catchUpLastActivity(store.db);
  if (e.TOUCHLINE_DEMO === "on") await startDemoWorkspace(store);
  startScheduler(store);
  // Ended sessions are refused anyway; their rows are cleared now and then.
  const purge = () =>
    void purgeEndedSessions(store.db).catch((err: unknown) => log.warn("could not purge ended sessions", { err }));
  purge();
  setInterval(purge, 3600_000).unref();
}

/** Boot, or refuse to serve with a broken configuration and say what to fix. */
export async function bootOrExit(): Promise<void> {
  try {
    await boot();
  } catch (err) {
    console.error(`\nTouchline could not start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
