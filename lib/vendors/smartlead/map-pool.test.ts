import { Worker } from "node:worker_threads";
import { afterAll, describe, expect, it } from "vitest";
import { generateSmartleadData } from "@/lib/sandbox/smartlead/data";
import { MapPool, mapInThread, smartleadMapPool, type PageJob } from "./map-pool";
import { testWorld } from "./testing";

// The worker pool that parses and maps Smartlead pages off the main thread: a page mapped
// by a worker equals the same page mapped on this thread (odd rows skipped and reported
// alike), and a worker that cannot load or dies never loses a page.

const leads = generateSmartleadData(testWorld()).leads.slice(0, 60);
const rows = [
  ...leads.map((lead) => ({ ...lead, activities: lead.activities })),
  // Odd rows: a lead without an id, and an email whose send time is not a time.
  { lead_id: null, campaign_id: 1, activities: [] },
  { ...leads[0]!, lead_id: "odd-1", activities: [{ stats_id: "x1", sent_time: "yesterday" }] },
];
const page = JSON.stringify({ data: rows, hasMore: true, unknown_field: { kept: true } });

async function settle(job: PageJob) {
  return { head: await job.head, page: await job.page };
}

const pools: MapPool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
  await smartleadMapPool().close();
});

describe("Smartlead map pool", () => {
  it("a worker maps a page exactly as this thread does, odd rows skipped and reported", async () => {
    const expected = await settle(mapInThread(page));
    expect(expected.page.skipped).toBe(2);
    expect(expected.page.warnings).toHaveLength(2);
    expect(expected.page.activities.length).toBeGreaterThan(100);

    const pool = smartleadMapPool();
    const before = pool.stats.inWorkers;
    // Several pages at once: both workers busy, answers matched to their pages.
    const jobs = [page, page, page].map((p) => pool.submit(p));
    for (const job of jobs) expect(await settle(job)).toEqual(expected);
    expect(pool.stats.inWorkers - before).toBe(3);
    expect(pool.fallback).toBeNull();
  }, 60_000);

  it("answers a body that is not JSON, or not a page, as such (the reader asks again, or fails)", async () => {
    const pool = smartleadMapPool();
    expect(await pool.submit('{"data": [').head).toEqual({ ok: false, problem: "unreadable" });
    expect(await pool.submit('{"rows": []}').head).toEqual({ ok: false, problem: "shape" });
  }, 60_000);

  it("maps on this thread, and says so once, when the worker cannot load", async () => {
    const pool = new MapPool(() => new Worker("throw new Error('cannot load')", { eval: true }));
    pools.push(pool);
    const warned: string[] = [];
    const first = await settle(pool.submit(page, (m) => warned.push(m)));
    expect(first).toEqual(await settle(mapInThread(page)));
    expect(pool.fallback).toMatch(/cannot load/);
    await settle(pool.submit(page, (m) => warned.push(m)));
    await settle(pool.submit(page, (m) => warned.push(m)));
    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatch(/mapped on the main thread/);
  }, 60_000);

  it("maps a page on this thread when its worker dies with it", async () => {
    // A worker that loads, then exits on its first page.
    const dying = `const { parentPort } = require("node:worker_threads");
      parentPort.postMessage({ ready: true });
      parentPort.on("message", () => process.exit(3));`;
    const pool = new MapPool(() => new Worker(dying, { eval: true }), 1);
    pools.push(pool);
    expect(await settle(pool.submit(page))).toEqual(await settle(mapInThread(page)));
    expect(pool.stats.inThread).toBe(1);
  }, 60_000);
});
