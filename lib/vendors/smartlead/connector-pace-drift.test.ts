import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withServer } from "@/tests/helpers/with-server";
import { collect, DAY, expectedEvents, KEY, open, type Running, sorted, start, streamsOf } from "./connector-harness";
import { nextWindowSize } from "./activities-stream";
import { FAST } from "./testing";

// The connector at the documented pace (a full sync, campaign figures every 6 hours), under
// page drift, with rows it cannot read, and how it sizes its time windows.

describe("a full sync at the documented pace (simulator 10 / 2 s, client its default pace)", () => {
  let run: Running;
  beforeAll(async () => {
    run = await start({ rateLimit: undefined });
  });
  afterAll(() => run.server.close());

  it("streams campaigns then activities, the whole history equal to the simulator's data", async () => {
    const session = open(run.baseUrl, {});
    const s = streamsOf(session);
    expect(s.names).toEqual(["campaigns", "activities"]);

    const campaigns = await collect(s.campaigns, null);
    expect(sorted(campaigns.campaigns.map((c) => c.id))).toEqual(
      sorted(run.data.campaigns.map((c) => `smartlead:${c.id}`)),
    );
    expect(campaigns.state.listedAt).not.toBeNull();

    const activities = await collect(s.activities, null);
    expect(sorted(new Set(activities.activities.map((a) => a.id)))).toEqual(sorted(expectedEvents(run.data).keys()));
    expect(activities.state.hwm).not.toBeNull();
    expect(activities.skipped).toBe(0);
    expect(activities.pages.at(-1)!.progress).toMatchObject({ historyComplete: true });
  });

  it("reads a campaign's analytics at most every 6 hours; the listing itself every time", async () => {
    const s = streamsOf(open(run.baseUrl, FAST));
    const first = await collect(s.campaigns, null);
    const sent = first.campaigns.filter((c) => c.vendorReported);
    expect(sent.length).toBeGreaterThan(0);
    const stamps = first.state.figuresReadAt!;
    expect(Object.keys(stamps).sort()).toEqual(sent.map((c) => c.vendorId).sort());

    const again = await collect(streamsOf(open(run.baseUrl, FAST)).campaigns, first.state);
    expect(again.campaigns.length).toBe(first.campaigns.length);
    expect(again.campaigns.every((c) => c.vendorReported === null)).toBe(true);
    expect(again.state.figuresReadAt).toEqual(stamps);

    // Seven hours on (stamps moved back instead of the clock): due again.
    const old = Object.fromEntries(
      Object.entries(stamps).map(([id, at]) => [id, new Date(Date.parse(at) - 7 * 3_600_000).toISOString()]),
    );
    const later = await collect(streamsOf(open(run.baseUrl, FAST)).campaigns, { ...first.state, figuresReadAt: old });
    expect(later.campaigns.filter((c) => c.vendorReported).length).toBe(sent.length);
  });
});

describe("page drift", () => {
  it("items created during the run do not make it lose or repeat anything created before; the next run gets them", async () => {
    await withServer(start({ faults: { driftPerRequest: 2, pathIncludes: "all-leads-activities" } }), async (run) => {
      const before = expectedEvents(structuredClone(run.data));
      const session = open(run.baseUrl, { ...FAST, pageLimit: 9, targetLeadsPerWindow: 40 });
      const first = await collect(streamsOf(session).activities, null);
      const ids = new Set(first.activities.map((a) => a.id));
      expect([...before.keys()].filter((id) => !ids.has(id))).toEqual([]);
      const drifted = sorted(expectedEvents(run.data).keys()).filter((id) => !before.has(id));
      expect(drifted.length).toBeGreaterThan(0);

      run.sim.faults.clear();
      // Windows end before the current second (Smartlead stamps whole seconds): the last
      // drift items are read by a run that starts after their second.
      await new Promise((r) => setTimeout(r, 1_100));
      const second = await collect(streamsOf(session).activities, first.state);
      const secondIds = new Set(second.activities.map((a) => a.id));
      for (const id of drifted) expect(secondIds.has(id)).toBe(true);
    });
  });
});

describe("rows the connector cannot read", () => {
  it("are skipped, counted and reported with their id and paths; the rest is synced", async () => {
    await withServer(start(), async (run) => {
      const lead = run.data.leads.find((l) => l.activities.length >= 2 && !l.activities[0]!.reply_details)!;
      const bad = lead.activities[0]!;
      bad.sent_time = "not a time";
      const warnings: { m: string; f?: Record<string, unknown> }[] = [];
      const session = open(run.baseUrl, FAST, KEY, (m, f) => warnings.push({ m, f }));
      const { activities, skipped } = await collect(streamsOf(session).activities, null);
      expect(skipped).toBeGreaterThanOrEqual(1);
      expect(
        warnings.some((w) => w.f?.statsId === String(bad.stats_id) && JSON.stringify(w.f?.issues) === '["sent_time"]'),
      ).toBe(true);
      expect(JSON.stringify(warnings)).not.toContain(KEY);
      const expected = sorted(
        [...expectedEvents(run.data).keys()].filter((id) => !id.startsWith(`smartlead:${bad.stats_id}:`)),
      );
      expect(sorted(new Set(activities.map((a) => a.id)))).toEqual(expected);
    });
  });
});

describe("nextWindowSize", () => {
  const o = { targetLeadsPerWindow: 1000, maxWindowDays: 60 };
  it("shrinks a window that held too many leads, grows an empty one, keeps a good one", () => {
    expect(nextWindowSize(10 * DAY, 4000, o)).toBe(2.5 * DAY);
    expect(nextWindowSize(10 * DAY, 0, o)).toBe(20 * DAY);
    expect(nextWindowSize(50 * DAY, 10, o)).toBe(60 * DAY);
    expect(nextWindowSize(10 * DAY, 600, o)).toBe(10 * DAY);
    expect(nextWindowSize(2 * 3_600_000, 1_000_000, o)).toBe(3_600_000);
  });
});
