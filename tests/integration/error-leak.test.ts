import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "@/lib/sandbox";
import * as t from "@/lib/server/store/schema";
import { runSync } from "@/lib/server/sync/engine";
import { STORE_KINDS, freshStore } from "@/tests/helpers/stores";
import { connectAll, smallWorld, startWorld } from "./sync-harness";

// A sync that fails inside Touchline (here: the store answers with an SQL error) stores and
// shows a plain sentence with a log reference — never the database's words, table names or SQL.
const SQL_WORDS = /relation|sync_cursors|select |insert |syntax|column|does not exist/i;

describe.each(STORE_KINDS)("errors stored and shown on %s", (kind) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let sandbox: RunningSandbox[] = [];
  beforeAll(async () => {
    store = await freshStore(kind);
    sandbox = await startWorld(smallWorld());
  });
  afterAll(async () => {
    await Promise.all(sandbox.map((s) => s.server.close()));
    await store?.cleanup();
  });

  it("a database error during a sync reaches lastError, the sync run and the audit log as plain words", async () => {
    const conns = await connectAll(
      store,
      sandbox.filter((s) => s.vendor === "lemlist"),
    );
    await store.db.execute(sql`drop table sync_cursors`);
    const outcome = await runSync(conns.lemlist, "manual", store);
    expect(outcome?.state).toBe("failed");
    const [conn] = await store.db.select().from(t.connections).where(eq(t.connections.id, conns.lemlist));
    const [run] = await store.db.select().from(t.syncRuns).where(eq(t.syncRuns.connectionId, conns.lemlist));
    const audit = await store.db.select().from(t.auditLog).where(eq(t.auditLog.event, "sync_failed"));
    for (const text of [conn!.lastError, run!.error, String(audit[0]?.detail.error), outcome?.error]) {
      expect(text).toMatch(/log reference [0-9a-f]{8}/);
      expect(text).not.toMatch(SQL_WORDS);
    }
  });
});
