import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, startSandbox, type RunningSandbox } from "@/lib/sandbox";
import { insertConnection } from "@/lib/server/connections/store";
import { setSandboxBaseUrls } from "@/lib/server/demo/sandbox-registry";
import { queryRows, type Store } from "@/lib/server/store/db";
import { runSync } from "@/lib/server/sync/engine";
import { createSmartleadConnector } from "@/lib/vendors/smartlead";
import { smartleadMapPool } from "@/lib/vendors/smartlead/map-pool";
import { freshStore } from "@/tests/helpers/stores";

// Issue 17: Smartlead pages are parsed and mapped in worker threads, and PostgreSQL writes
// through a staging table merged once per batch. Neither may change what is stored: the same
// simulator world synced with the mapping on this thread into PGlite (the reference path),
// with the mapping in workers into PGlite, and with workers into PostgreSQL stores the same
// rows; a second sync on PostgreSQL changes nothing.
process.env.TOUCHLINE_SECRET_KEY ??= Buffer.alloc(32, 7).toString("base64");

const world = createWorld({
  seed: 11,
  people: 60,
  activities: 2000,
  campaigns: 8,
  days: 90,
  now: new Date("2026-11-20T12:00:00Z"),
});
// Small pages: many pages per window, so two pages are in flight at once (one mapping, one fetched).
const fast = { http: { pace: { limit: 1000, windowMs: 1000 }, maxBackoffMs: 20, timeoutMs: 5_000 } };
const connector = (mapping: "worker" | "thread") =>
  createSmartleadConnector({ ...fast, pageLimit: 60, mapping, initialWindowDays: 7 });

let sandbox: RunningSandbox;
const stores: Awaited<ReturnType<typeof freshStore>>[] = [];

beforeAll(async () => {
  sandbox = (await startSandbox(world, { vendors: ["smartlead"] }))[0]!;
  setSandboxBaseUrls({ smartlead: sandbox.baseUrl });
}, 120_000);
afterAll(async () => {
  await Promise.all(stores.map((s) => s.cleanup()));
  await sandbox?.server.close();
  await smartleadMapPool().close();
});

async function sync(store: Store, mapping: "worker" | "thread", connectionId?: string) {
  const id =
    connectionId ?? (await insertConnection(store.db, { vendor: "smartlead", apiKey: sandbox.apiKey, demo: true }));
  const outcome = await runSync(id, "manual", store, { connectors: { smartlead: connector(mapping) } });
  expect(outcome?.state, outcome?.error ?? "").toBe("succeeded");
  return id;
}

/**
 * Everything a sync stores about the world, minus what differs between two stores by design
 * (the connection's id, the times of writing); times rendered in UTC on both stores.
 */
async function dump(store: Store) {
  return store.db.transaction(async (tx) => {
    await tx.execute(sql`set local time zone 'UTC'`);
    const rows = async (q: ReturnType<typeof sql>) =>
      ((await tx.execute(q)) as unknown as { rows: { r: unknown }[] }).rows.map((x) => x.r);
    return {
      activities: await rows(
        sql`select to_jsonb(a) - 'connection_id' - 'synced_at' as r from activities a order by id`,
      ),
      contacts: await rows(sql`select to_jsonb(c) - 'created_at' - 'updated_at' as r from contacts c order by id`),
      identities: await rows(
        sql`select jsonb_build_array(vendor, vendor_id, contact_id, kind, url) as r from contact_identities order by vendor_id`,
      ),
      // A campaign's figures (vendor_reported, and the analytics in raw) are the vendor's live
      // counts: they move with the clock between two syncs, whatever maps or writes them.
      campaigns: await rows(
        sql`select to_jsonb(c) - 'connection_id' - 'synced_at' - 'raw' - 'vendor_reported' as r from campaigns c order by id`,
      ),
      facts: await rows(
        sql`select to_jsonb(f) - 'connection_id' as r from engagement_facts f order by campaign_id, contact_key, step`,
      ),
      buckets: await rows(
        sql`select to_jsonb(b) - 'connection_id' as r from engagement_buckets b order by campaign_id, bucket, step, variant`,
      ),
    };
  });
}

type Dump = Awaited<ReturnType<typeof dump>>;

/** Per table, the rows of `b` that `a` does not hold, as JSON (a readable failure for large dumps). */
function differences(a: Dump, b: Dump): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const table of Object.keys(a) as (keyof Dump)[]) {
    const have = new Set(a[table].map((r) => JSON.stringify(r)));
    const extra = b[table].map((r) => JSON.stringify(r)).filter((r) => !have.has(r));
    const counts = a[table].length === b[table].length ? [] : [`${a[table].length} rows → ${b[table].length} rows`];
    const all = [...counts, ...extra.slice(0, 3)];
    if (all.length) out[table] = all;
  }
  return out;
}

describe("Smartlead mapping off the main thread", () => {
  let reference: Dump;

  beforeAll(async () => {
    const store = await freshStore("pglite");
    stores.push(store);
    await sync(store, "thread");
    reference = await dump(store);
  }, 600_000);

  it("the reference sync stored the world's Smartlead events", () => {
    expect(reference.activities.length).toBeGreaterThan(300);
    expect(reference.facts.length).toBeGreaterThan(20);
  });

  it("workers store exactly the rows the in-thread mapping stores (PGlite)", async () => {
    const pool = smartleadMapPool();
    const before = pool.stats.inWorkers;
    const store = await freshStore("pglite");
    stores.push(store);
    await sync(store, "worker");
    // The pages really went through the workers (no silent fallback to this thread).
    expect(pool.fallback).toBeNull();
    expect(pool.stats.inWorkers - before).toBeGreaterThan(3);
    expect(differences(reference, await dump(store))).toEqual({});
  }, 600_000);

  it("PostgreSQL (staging table, one merge per batch) stores the same rows, and a second sync changes nothing", async () => {
    const store = await freshStore("postgres");
    stores.push(store);
    const id = await sync(store, "worker");
    const first = await dump(store);
    expect(differences(reference, first)).toEqual({});
    await sync(store, "worker", id);
    expect(differences(first, await dump(store))).toEqual({});
    // The stage is temporary and emptied at commit: nothing of it is left in the database.
    const [left] = await queryRows<{ n: number }>(
      store.db,
      sql`select count(*)::int as n from pg_tables where tablename like 'touchline_stage_%' and schemaname = 'public'`,
    );
    expect(left!.n).toBe(0);
  }, 600_000);
});
