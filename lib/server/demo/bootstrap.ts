import "server-only";
import { eq } from "drizzle-orm";
import { VENDORS, VENDOR_LABELS } from "@/lib/model/vendor";
import { createWorld, DEMO_WORLD, sandboxVendors, startSandbox } from "@/lib/sandbox";
import { insertConnection } from "../connections/store";
import { log } from "../log";
import type { Store } from "../store/db";
import * as t from "../store/schema";
import { runSync } from "../sync/engine";
import { setSandboxBaseUrls } from "./sandbox-registry";

/**
 * The demo workspace: the four vendor simulators run inside this process on
 * 127.0.0.1, and four connections (flagged `demo`) point at them through the ordinary
 * connector code. The world's "now" is fixed at the first start (stored in settings)
 * so every restart, and every instance, serves the same world.
 */
export async function startDemoWorkspace(store: Store): Promise<void> {
  const { db } = store;
  await db.insert(t.settings).values({ key: "demo_world_now", value: new Date().toISOString() }).onConflictDoNothing();
  const [anchor] = await db.select().from(t.settings).where(eq(t.settings.key, "demo_world_now"));
  const world = createWorld({ ...DEMO_WORLD, now: new Date(String(anchor?.value)) });
  const started = Date.now();
  const sandbox = await startSandbox(world);
  setSandboxBaseUrls(Object.fromEntries(sandbox.map((s) => [s.vendor, s.baseUrl])));
  log.info("demo simulators listening", { ms: Date.now() - started, vendors: sandbox.map((s) => s.vendor) });

  // Only the first start creates the demo connections: a user who removed them keeps them removed.
  const claimed = await db
    .insert(t.settings)
    .values({ key: "demo_initialised", value: true })
    .onConflictDoNothing()
    .returning();
  if (claimed.length) {
    for (const vendor of VENDORS) {
      await insertConnection(db, {
        vendor,
        label: `${VENDOR_LABELS[vendor]} (demo)`,
        apiKey: sandboxVendors[vendor].demoApiKey,
        demo: true,
      });
    }
  }
  const demo = await db.select().from(t.connections).where(eq(t.connections.demo, true));
  const first = demo.filter((c) => !c.lastSyncAt);
  if (!first.length) {
    log.info(`demo workspace ready: ${demo.length} connections, synced before`);
    return;
  }
  // The first syncs run in the background (the server answers meanwhile); the log says
  // when the workspace is complete, which is what an operator waits for.
  const syncing = Date.now();
  void Promise.all(first.map((c) => runSync(c.id, "demo", store)))
    .then((outcomes) => {
      const done = outcomes.filter((o) => o !== null);
      const rows = done.reduce((n, o) => n + o.rows, 0);
      const failed = done.filter((o) => o.state === "failed").length;
      const text = `demo workspace ready: ${rows} rows in ${((Date.now() - syncing) / 1000).toFixed(1)} s`;
      if (failed) log.warn(`${text}, ${failed} of ${done.length} syncs failed`, { rows, failed });
      else log.info(text, { rows, connections: done.length });
    })
    .catch((err: unknown) => log.warn("demo workspace sync failed", { err }));
}
