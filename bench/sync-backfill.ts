// Part of `npm run bench:sync`: a full backfill, newest first, at the vendors' real limits.
//   1. The demo world, all four vendors: per connection, time to its first usable week
//      (the stream's history reaches 7 days back), time to all of it, requests, 429s, and
//      what a sync with nothing new then costs.
//   2. Once lemlist, Smartlead and Close are done (Leadlex still waiting on its pace): a
//      lemlist account of 1 000 000 activities over two years (BENCH_BACKFILL_LEMLIST to
//      change the size): the same figures; the first week must be stored within a minute.
// Progress is printed every few seconds ("history back to …, n rows").
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Vendor } from "@/lib/model/vendor";
import { DEMO_WORLD } from "@/lib/sandbox/shared/world";
import { atMost, info, type Figure } from "./figures";
import { startSandboxChild } from "./sandbox-child";

const DAY = 86_400_000;
const WEEK = 7 * DAY;
const LEMLIST_SHARE = 0.4; // lib/sandbox/shared/world.ts SHARES

interface Counted {
  requests: Map<string, number>;
  restore(): void;
}

/**
 * Counts every response per simulator port and status, and apart (`<port>:history`) the
 * per-contact history reads a daily-quota vendor spends its spare budget on.
 */
function countFetches(): Counted {
  const requests = new Map<string, number>();
  const bump = (key: string) => requests.set(key, (requests.get(key) ?? 0) + 1);
  const real = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const res = await real(input, init);
    const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
    bump(`${url.port}:${res.status}`);
    if (/\/contacts\/[^/]+\/activities$/.test(url.pathname)) bump(`${url.port}:history`);
    return res;
  };
  return { requests, restore: () => (globalThis.fetch = real) };
}

/**
 * Issue 17's targets for a sync with nothing new, in requests: the listing calls only
 * (Close: plus one event-log page; Leadlex: besides the contact histories its spare daily
 * budget reads, counted apart).
 */
const INCREMENTAL_TARGETS: Partial<Record<Vendor, number>> = { lemlist: 2, smartlead: 2, close: 4, leadlex: 3 };

export async function backfill(
  label: string,
  vendors: Vendor[],
  world: { activities: number; people: number; days?: number },
  counted: Counted,
  opts: { incremental?: boolean } = {},
): Promise<Figure[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "touchline-bench-backfill-"));
  const sandbox = await startSandboxChild({ ...world, vendors });
  try {
    process.env.TOUCHLINE_SECRET_KEY ??= Buffer.alloc(32, 3).toString("base64");
    process.env.TOUCHLINE_LOG_LEVEL = "error";
    const { openStore, queryRows } = await import("@/lib/server/store/db");
    const { insertConnection } = await import("@/lib/server/connections/store");
    const { setSandboxBaseUrls } = await import("@/lib/server/demo/sandbox-registry");
    const { runSync } = await import("@/lib/server/sync/engine");
    const { historyOf } = await import("@/lib/server/queries/connections");
    const { sql } = await import("drizzle-orm");
    const store = await openStore({ kind: "pglite", dataDir });
    setSandboxBaseUrls(Object.fromEntries(vendors.map((v) => [v, sandbox.urls[v].baseUrl])));
    // Every vendor at once, as the scheduler runs a workspace's connections (and the demo's
    // first syncs): each has its own simulator port, so its requests and 429s stay its own.
    const perVendor = await Promise.all(
      vendors.map(async (vendor): Promise<Figure[]> => {
        const figures: Figure[] = [];
        const conn = await insertConnection(store.db, { vendor, apiKey: sandbox.urls[vendor].apiKey, demo: true });
        const port = new URL(sandbox.urls[vendor].baseUrl).port;
        const now = Date.now();
        const t0 = performance.now();
        let firstWeek: number | null = null;
        let lastPrint = 0;
        // Cheap reads only: the watcher shares PGlite's one connection with the sync, so a
        // count(*) over the growing table four times a second would slow the run it measures
        // (it did: ~950 → ~300 rows/s by 200 000 rows). Rows come from the run's own counter.
        const watch = setInterval(async () => {
          const [row] = await queryRows<{ meta: Record<string, unknown>; n: number }>(
            store.db,
            sql`select c.meta, coalesce((select (r.progress->>'done')::int from sync_runs r where r.connection_id = c.id
                order by r.started_at desc limit 1), 0) as n from connections c where c.id = ${conn}`,
          );
          if (!row) return;
          const h = historyOf(row.meta);
          const acts = h.streams.find((s) => s.stream === "activities");
          const back = acts?.backTo ? Date.parse(acts.backTo) : NaN;
          if (firstWeek === null && (acts?.complete || back <= now - WEEK)) firstWeek = (performance.now() - t0) / 1000;
          if (performance.now() - lastPrint > 5000) {
            lastPrint = performance.now();
            const s = ((performance.now() - t0) / 1000).toFixed(0).padStart(4);
            console.log(
              `  ${label} ${vendor.padEnd(9)} ${s} s  ${String(row.n).padStart(9)} rows read  history back to ${acts?.backTo?.slice(0, 10) ?? "—"}${acts?.complete ? " (complete)" : ""}`,
            );
          }
        }, 250);
        const outcome = await runSync(conn, "created", store);
        clearInterval(watch);
        const seconds = (performance.now() - t0) / 1000;
        const [total] = await queryRows<{ n: number }>(
          store.db,
          sql`select count(*)::int as n from activities where connection_id = ${conn}`,
        );
        const requestsOf = () =>
          [...counted.requests.entries()]
            .filter(([k]) => k.startsWith(`${port}:`) && k !== `${port}:history`)
            .reduce((n, [, v]) => n + v, 0);
        const requests = requestsOf();
        const tooMany = counted.requests.get(`${port}:429`) ?? 0;
        const name = `${label} ${vendor}`;
        const [meta] = await queryRows<{ meta: Record<string, unknown> }>(
          store.db,
          sql`select meta from connections where id = ${conn}`,
        );
        // Leadlex reads per-contact history as its daily quota allows: one run is not all of it.
        const complete = historyOf(meta!.meta).complete;
        const acts = historyOf(meta!.meta).streams.find((x) => x.stream === "activities");
        // A vendor read per contact (Leadlex) has no "back to" date: its histories arrive as the
        // daily budget allows, so "a first week" says nothing there and is left out.
        if (acts?.backTo || complete)
          figures.push(atMost(`${name}: time to the first usable week`, firstWeek ?? seconds, "s", 60));
        figures.push(
          info(
            `${name}: time to all of it`,
            Math.round(seconds),
            "s",
            `${total!.n} activities, ${outcome?.state}${complete ? "" : " — history not complete after this run (daily quota)"}`,
          ),
          info(`${name}: requests`, requests, ""),
          atMost(`${name}: 429 answers received`, tooMany, "", 0),
        );
        if (opts.incremental) {
          // The next sync finds nothing new: what it costs in requests and time.
          const before = { requests: requestsOf(), history: counted.requests.get(`${port}:history`) ?? 0 };
          const t1 = performance.now();
          // As the scheduler runs it (a scheduled sync, not "Refresh now"). A daily-quota vendor
          // (Leadlex) first waits for its pace window, makes its listing calls, then spends the
          // day's spare budget on contact histories at its per-minute pace (~2 minutes for the
          // demo's). Stopped at the first history read: the listing calls — what the figure
          // counts — are done by then, and the rest is the budget's work, not the sync's cost.
          const stop = new AbortController();
          const watchHistory = setInterval(() => {
            if ((counted.requests.get(`${port}:history`) ?? 0) > before.history) stop.abort();
          }, 50);
          await runSync(conn, "interval", store, { signal: stop.signal }).finally(() => clearInterval(watchHistory));
          const history = (counted.requests.get(`${port}:history`) ?? 0) - before.history;
          const spent = requestsOf() - before.requests - history;
          const note = `${((performance.now() - t1) / 1000).toFixed(1)} s${history ? `; then stopped at its first contact-history read (the day's spare budget)` : ""}`;
          const target = INCREMENTAL_TARGETS[vendor];
          figures.push(
            target === undefined
              ? info(`${name}: a sync with nothing new, requests`, spent, "", note)
              : atMost(`${name}: a sync with nothing new, requests`, spent, "", target, note),
          );
        }
        return figures;
      }),
    );
    await store.close();
    return perVendor.flat();
  } finally {
    sandbox.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The backfill phase. Leadlex spends most of its run waiting for its per-minute window (its
 * first sync of the demo world ~1 minute, the sync with nothing new ~1 more waiting for the
 * next window), so it starts first and the rest runs beside it: the demo world's other three
 * vendors, the big lemlist account, then `beside` (bench/sync.ts: the throughput figures,
 * in a process of their own) while Leadlex waits for its next window. The phase takes about
 * Leadlex's time alone.
 */
export async function benchBackfill(beside?: () => Promise<Figure[]>): Promise<Figure[]> {
  const lemlist = Number(process.env.BENCH_BACKFILL_LEMLIST ?? 1_000_000);
  const demoWorld = { activities: DEMO_WORLD.activities, people: DEMO_WORLD.people };
  // One counter for the whole phase (its keys are per simulator port).
  const counted = countFetches();
  try {
    console.log(`full backfill of the demo world, then of a ${lemlist.toLocaleString("en")}-activity lemlist account:`);
    const leadlex = backfill("demo", ["leadlex"], demoWorld, counted, { incremental: true });
    leadlex.catch(() => {}); // awaited below; a failure of the others first must not leave it unhandled
    const demo = await backfill("demo", ["lemlist", "smartlead", "close"], demoWorld, counted, { incremental: true });
    const big = await backfill(
      `lemlist ${Math.round(lemlist / 1000)}k`,
      ["lemlist"],
      { activities: Math.round(lemlist / LEMLIST_SHARE), people: Math.max(1000, Math.round(lemlist / 50)), days: 730 },
      counted,
    );
    const besideFigures = beside ? await beside() : [];
    return [...besideFigures, ...demo, ...(await leadlex), ...big];
  } finally {
    counted.restore();
  }
}
