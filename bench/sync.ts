// `npm run bench:sync`: sync throughput against the simulators enforcing the vendors'
// real documented limits, and the server's memory while syncing.
//   lemlist: activities rows/s over the ceiling 20 requests / 2 s × 100 rows = 1 000 rows/s
//   Smartlead: activities requests/s over the ceiling 10 requests / 2 s (1 000 leads a page)
//   RSS: peak growth over idle while ≥ 200 000 activities are synced (PGlite; its own ~330 MB baseline excluded)
//   Full backfills (bench/sync-backfill.ts): the demo world and a 1 000 000-activity lemlist account.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { atLeast, atMost, info, printTable, rssMb, writeReport, type Figure } from "./figures";
import { startSandboxChild } from "./sandbox-child";
import { benchBackfill } from "./sync-backfill";

export async function benchSync(): Promise<Figure[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "touchline-bench-sync-"));
  const sandbox = await startSandboxChild({ activities: 1_000_000, people: 20_000 });
  try {
    process.env.TOUCHLINE_DATA_DIR = dataDir;
    process.env.TOUCHLINE_DEMO = "off";
    process.env.TOUCHLINE_SECRET_KEY ??= Buffer.alloc(32, 3).toString("base64");
    process.env.LEMLIST_API_URL = sandbox.urls.lemlist.baseUrl;
    process.env.SMARTLEAD_API_URL = sandbox.urls.smartlead.baseUrl;
    process.env.TOUCHLINE_LOG_LEVEL = "error";

    // Count every 429 the connectors receive (the steady state must not provoke any).
    const statuses = new Map<string, number>();
    const realFetch = globalThis.fetch;
    globalThis.fetch = async (input, init) => {
      const res = await realFetch(input, init);
      const host = new URL(typeof input === "string" || input instanceof URL ? input : input.url).port;
      const key = `${host}:${res.status}`;
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
      return res;
    };
    const port = (u: string) => new URL(u).port;

    const { getStore } = await import("@/lib/server/store/db");
    const { insertConnection } = await import("@/lib/server/connections/store");
    const { runSync } = await import("@/lib/server/sync/engine");
    const { queryRows } = await import("@/lib/server/store/db");
    const { sql } = await import("drizzle-orm");
    const store = await getStore();
    const lemlist = await insertConnection(store.db, { vendor: "lemlist", apiKey: sandbox.urls.lemlist.apiKey });
    const smartlead = await insertConnection(store.db, { vendor: "smartlead", apiKey: sandbox.urls.smartlead.apiKey });

    global.gc?.();
    const idle = rssMb();
    let peak = idle;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb())), 50);

    // Row counts over time per connection, to measure the steady state of the activities streams.
    const samples: { t: number; lemlist: number; smartlead: number }[] = [];
    const counter = setInterval(async () => {
      const rows = await queryRows<{ connection_id: string; n: number }>(
        store.db,
        sql`select connection_id, count(*)::int as n from activities group by connection_id`,
      );
      const n = (id: string) => rows.find((r) => r.connection_id === id)?.n ?? 0;
      samples.push({ t: performance.now(), lemlist: n(lemlist), smartlead: n(smartlead) });
    }, 2000);

    // lemlist first, alone, for a fixed slice of its 400 000 activities; then Smartlead in full.
    const LEMLIST_SECONDS = 45;
    const t0 = performance.now();
    await runSync(lemlist, "manual", store, { signal: AbortSignal.timeout(LEMLIST_SECONDS * 1000) });
    const lemlistSamples = samples.splice(0);
    const smartleadT0 = performance.now();
    const smartleadOutcome = await runSync(smartlead, "manual", store);
    const smartleadSeconds = (performance.now() - smartleadT0) / 1000;
    clearInterval(counter);
    clearInterval(sampler);
    const elapsed = (performance.now() - t0) / 1000;

    // Counted before the read-only pass below, which goes through the same fetch.
    const smReqs = [...statuses.entries()]
      .filter(([k]) => k.startsWith(port(sandbox.urls.smartlead.baseUrl) + ":"))
      .reduce((n, [, v]) => n + v, 0);
    const count429 = (u: string) => statuses.get(`${port(u)}:429`) ?? 0;
    const lemlist429 = count429(sandbox.urls.lemlist.baseUrl);
    const smartlead429 = count429(sandbox.urls.smartlead.baseUrl);

    // The same Smartlead activities read again through the connector with nothing stored:
    // how fast the client alone (pacing, parsing, mapping) can go, to tell store-bound from
    // vendor-bound.
    const { connectors } = await import("@/lib/vendors/registry");
    const session = connectors.smartlead.open({
      baseUrl: sandbox.urls.smartlead.baseUrl,
      apiKey: sandbox.urls.smartlead.apiKey,
    });
    const readOnly = { requests: 0, rows: 0, seconds: 0 };
    const readT0 = performance.now();
    for (const stream of session.streams()) {
      if (stream.name !== "activities") continue;
      for await (const page of stream.pages(null)) {
        readOnly.requests++;
        readOnly.rows += page.batch.activities?.length ?? 0;
      }
    }
    readOnly.seconds = (performance.now() - readT0) / 1000;

    const [totals] = await queryRows<{ lemlist: number; smartlead: number }>(
      store.db,
      sql`select count(*) filter (where connection_id = ${lemlist})::int as lemlist, count(*) filter (where connection_id = ${smartlead})::int as smartlead from activities`,
    );
    // Steady state: from the first sample with lemlist rows to the last sample.
    const started = lemlistSamples.find((s) => s.lemlist > 0);
    const last = lemlistSamples.at(-1);
    const lemlistRate =
      started && last && last.t > started.t ? (last.lemlist - started.lemlist) / ((last.t - started.t) / 1000) : 0;

    const figures: Figure[] = [
      atLeast(
        "lemlist activities: rows/s ÷ 1 000 rows/s ceiling",
        lemlistRate / 1000,
        "",
        0.9,
        `${Math.round(lemlistRate)} rows/s over a ${LEMLIST_SECONDS}-s slice`,
      ),
      atMost("lemlist: 429 answers received", lemlist429, "", 0),
      atLeast(
        "Smartlead: requests/s ÷ 5 requests/s ceiling",
        smReqs / smartleadSeconds / 5,
        "",
        0.9,
        `${smReqs} requests in ${smartleadSeconds.toFixed(1)} s, ${totals!.smartlead} activities, ${smartleadOutcome?.state}`,
      ),
      atMost("Smartlead: 429 answers received", smartlead429, "", 0),
      info(
        "Smartlead: events stored per second",
        Math.round(totals!.smartlead / smartleadSeconds),
        "rows/s",
        "about 4.4 events per lead, 1 000 leads a request",
      ),
      info(
        "Smartlead, read without storing: requests/s ÷ ceiling",
        Math.round((readOnly.requests / readOnly.seconds / 5) * 100) / 100,
        "",
        `${readOnly.requests} requests, ${Math.round(readOnly.rows / readOnly.seconds)} events/s: the connector alone keeps the pace, the store does not`,
      ),
      info("activities synced in the run", totals!.lemlist + totals!.smartlead, "rows", `${elapsed.toFixed(0)} s`),
      atMost(
        "server peak RSS growth over idle during the sync",
        peak - idle,
        "MB",
        200,
        `idle ${Math.round(idle)} MB (PGlite open), peak ${Math.round(peak)} MB`,
      ),
    ];
    await store.close();
    return figures;
  } finally {
    sandbox.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = [...(await benchSync()), ...(await benchBackfill())];
  printTable("bench:sync", figures);
  console.log(`report: ${writeReport("sync", figures)}`);
  process.exit(0);
}
