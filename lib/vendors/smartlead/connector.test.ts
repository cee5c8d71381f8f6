import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { withServer } from "@/tests/helpers/with-server";
import { rejectionOf } from "@/tests/helpers/rejection";
import { serveHandler, type RunningServer } from "@/lib/sandbox/shared/serve";
import { generateSmartleadData } from "@/lib/sandbox/smartlead/data";
import type { SmartleadData } from "@/lib/sandbox/smartlead/records";
import { BASE_PATH, createSmartleadSimulator, type SmartleadSimulatorOptions } from "@/lib/sandbox/smartlead/simulator";
import { VendorAuthError, VendorRequestError, VendorUnavailableError } from "@/lib/vendors/shared/errors";
import type { ConnectorSession, Stream, StreamPage } from "@/lib/vendors/types";
import { nextWindowSize } from "./activities-stream";
import { FAST, TEST_WORLD_NOW as WORLD_NOW, testWorld } from "./testing";
import {
  createSmartleadConnector,
  type ActivitiesState,
  type CampaignsState,
  type SmartleadConnectorOptions,
} from "./index";

// The connector against the Smartlead simulator over real HTTP (no mocked fetch).

const DAY = 86_400_000;
const world = testWorld();
const KEY = "sl_test_key_4b7e91c2d0f3a8";
// One clock for simulator and connector, running on from the world's "now", so items made
// during a run are later than the run's start.
const t0 = Date.now();
const clock = () => WORLD_NOW + (Date.now() - t0);

interface Running {
  data: SmartleadData;
  sim: ReturnType<typeof createSmartleadSimulator>;
  server: RunningServer;
  baseUrl: string;
}

/**
 * A simulator on the running clock. Engagement the generator placed after the world's now
 * is dropped unless `keepLate`: it would land while a test runs and move the expected set.
 */
async function start(opts: SmartleadSimulatorOptions & { keepLate?: boolean } = {}): Promise<Running> {
  const { keepLate, ...simOpts } = opts;
  const data = simOpts.data ?? generateSmartleadData(world);
  if (!keepLate) data.late = [];
  const sim = createSmartleadSimulator(world, {
    apiKey: KEY,
    now: clock,
    rateLimit: { limit: 1000, windowMs: 1000 },
    ...simOpts,
    data,
  });
  const server = await serveHandler(sim.handler);
  return { data: sim.data, sim, server, baseUrl: server.url + BASE_PATH };
}

function open(
  baseUrl: string,
  options: SmartleadConnectorOptions = FAST,
  apiKey = KEY,
  warn?: (m: string, f?: Record<string, unknown>) => void,
): ConnectorSession {
  return createSmartleadConnector(options).open({ baseUrl, apiKey, now: () => new Date(clock()), warn });
}

function streamsOf(s: ConnectorSession) {
  const all = s.streams();
  return {
    names: all.map((x) => x.name),
    campaigns: all.find((x) => x.name === "campaigns") as Stream<CampaignsState>,
    activities: all.find((x) => x.name === "activities") as Stream<ActivitiesState>,
  };
}

async function collect<S>(stream: Stream<S>, state: S | null) {
  const pages: StreamPage<S>[] = [];
  for await (const p of stream.pages(state)) {
    pages.push(p);
    if (pages.length > 5_000) throw new Error("runaway stream");
  }
  return {
    pages,
    activities: pages.flatMap((p) => p.batch.activities ?? []),
    campaigns: pages.flatMap((p) => p.batch.campaigns ?? []),
    state: pages.at(-1)!.state,
    skipped: pages.reduce((n, p) => n + (p.skipped ?? 0), 0),
  };
}

/**
 * The events the data should give, written from the rules in map.ts's header: per email
 * sent / open (open_count > 0) / click / reply / each further reply; per lead, on its last
 * email, bounce, unsubscribe and category.
 */
function expectedEvents(data: SmartleadData): Map<string, string> {
  const out = new Map<string, string>();
  for (const lead of data.leads) {
    for (const a of lead.activities) {
      const id = `smartlead:${a.stats_id}`;
      out.set(`${id}:sent`, a.sent_time);
      if (Number(a.open_count) > 0) out.set(`${id}:open`, a.sent_time);
      if (Number(a.click_count) > 0) out.set(`${id}:click`, a.sent_time);
      if (a.reply_details) out.set(`${id}:reply`, a.reply_details.time);
      for (const r of a.thread_replies) out.set(`${id}:reply:${r.message_id}`, r.time);
      if (Number(a.email_seq_number) !== lead.current_seq_num) continue;
      const at = a.reply_details?.time ?? a.sent_time;
      if (lead.status === "BOUNCED") out.set(`${id}:bounce`, a.sent_time);
      if (lead.status === "UNSUBSCRIBED") out.set(`${id}:unsubscribe`, at);
      if (lead.lead_category) out.set(`${id}:category`, at);
    }
  }
  return out;
}

const sorted = (ids: Iterable<string>) => [...ids].sort();

function expectNoKey(err: unknown) {
  const e = err as Error & { cause?: unknown };
  const text = `${e.name} ${e.message} ${e.stack ?? ""} ${String(e.cause ?? "")}`;
  expect(text).not.toContain(KEY);
  expect(text).not.toContain(encodeURIComponent(KEY));
}

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

describe("against a fast simulator", () => {
  let run: Running;
  beforeAll(async () => {
    run = await start();
  });
  afterAll(() => run.server.close());
  afterEach(() => run.sim.faults.clear());

  it("vendorReported agrees with the data; a drafted campaign has none", async () => {
    const { campaigns } = await collect(streamsOf(open(run.baseUrl)).campaigns, null);
    for (const c of run.data.campaigns) {
      const mapped = campaigns.find((m) => m.vendorId === String(c.id))!;
      const leads = run.data.leads.filter((l) => l.campaign_id === c.id);
      const sends = leads.flatMap((l) => l.activities);
      if (c.status === "DRAFTED") {
        expect(mapped.vendorReported).toBeNull();
        continue;
      }
      expect(mapped.vendorReported).toMatchObject({
        sent: sends.length,
        opened: sends.filter((a) => Number(a.open_count) > 0).length,
        replied: sends.filter((a) => a.reply_details).length,
        bounced: leads.filter((l) => l.status === "BOUNCED").length,
        unsubscribed: leads.filter((l) => l.status === "UNSUBSCRIBED").length,
      });
    }
  });

  it("the engagement the connector derives matches Smartlead's own analytics (bounces, replies, unique opens)", async () => {
    const { activities } = await collect(streamsOf(open(run.baseUrl)).activities, null);
    const { campaigns } = await collect(streamsOf(open(run.baseUrl)).campaigns, null);
    const unique = [...new Map(activities.map((a) => [a.id, a])).values()];
    for (const c of campaigns.filter((x) => x.vendorReported)) {
      const mine = unique.filter((a) => a.campaignId === c.id);
      const count = (kind: string) => mine.filter((a) => a.kind === kind && !a.id.includes(":reply:")).length;
      expect([
        count("email_sent"),
        count("email_opened"),
        count("email_replied"),
        count("email_bounced"),
        count("unsubscribed"),
      ]).toEqual([
        c.vendorReported!.sent,
        c.vendorReported!.opened,
        c.vendorReported!.replied,
        c.vendorReported!.bounced,
        c.vendorReported!.unsubscribed,
      ]);
    }
  });

  it("pages windows with offsets (small pages) and still yields every id; only a window's last page moves the state", async () => {
    // Windows of days (not hours), so that their day labels tell them apart.
    const session = open(run.baseUrl, { ...FAST, pageLimit: 7, targetLeadsPerWindow: 200, initialWindowDays: 10 });
    const { pages, activities } = await collect(streamsOf(session).activities, null);
    const ids = activities.map((a) => a.id);
    expect(sorted(new Set(ids))).toEqual(sorted(expectedEvents(run.data).keys()));

    const windows = new Map<string, StreamPage<ActivitiesState>[]>();
    for (const p of pages) windows.set(p.progress!.window!, [...(windows.get(p.progress!.window!) ?? []), p]);
    expect([...windows.values()].some((w) => w.length > 2)).toBe(true);
    expect(windows.size).toBeGreaterThan(3);
    let before: ActivitiesState = { hwm: null, backTo: null, oldest: null };
    for (const [label, w] of windows) {
      expect(label).toMatch(/^\d{4}-\d{2}-\d{2} → \d{4}-\d{2}-\d{2}$/);
      for (const p of w.slice(0, -1)) expect(p.state).toEqual(before);
      expect(w.at(-1)!.state).not.toEqual(before);
      before = w.at(-1)!.state;
    }
    // Progress counts rows so far and never goes back.
    const done = pages.map((p) => p.progress!.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(done.at(-1)).toBe(ids.length);
  });

  it("reads newest first down to the oldest email (more than a year back), then says the history is complete", async () => {
    const session = open(run.baseUrl);
    const { pages, activities } = await collect(streamsOf(session).activities, null);
    const backs = pages.map((p) => p.progress!.historyBackTo).filter((b): b is string => !!b);
    expect(backs.length).toBeGreaterThan(3);
    expect(backs.slice(0, -1)).toEqual([...backs.slice(0, -1)].sort().reverse());
    const oldestSend = run.data.leads
      .flatMap((l) => l.activities)
      .reduce((m, a) => (a.sent_time < m ? a.sent_time : m), "9");
    expect(Date.parse(oldestSend)).toBeLessThan(WORLD_NOW - 365 * DAY);
    expect(activities.some((a) => a.occurredAt === oldestSend)).toBe(true);
    const last = pages.at(-1)!;
    expect(last.progress).toMatchObject({ historyComplete: true, historyBackTo: oldestSend });
    expect(pages.slice(0, -1).every((p) => p.progress!.historyComplete === false)).toBe(true);
  });

  it("a second run from the returned state only re-reads the look-back and finds nothing new", async () => {
    const first = await collect(streamsOf(open(run.baseUrl)).activities, null);
    const second = await collect(streamsOf(open(run.baseUrl)).activities, first.state);
    const firstIds = new Set(first.activities.map((a) => a.id));
    expect(second.activities.length).toBeGreaterThan(0);
    const floor = Date.parse(first.state.hwm!) - 14 * DAY;
    for (const a of second.activities) expect(firstIds.has(a.id)).toBe(true);
    // The emails read again are those sent or replied to within the look-back.
    const since = new Date(floor).toISOString();
    const lookback = new Set(
      run.data.leads.flatMap((l) =>
        l.activities
          .filter((a) =>
            [a.sent_time, a.reply_details?.time ?? "", ...a.thread_replies.map((r) => r.time)].some((t) => t >= since),
          )
          .map((a) => `smartlead:${a.stats_id}:sent`),
      ),
    );
    expect(new Set(second.activities.filter((a) => a.kind === "email_sent").map((a) => a.id))).toEqual(lookback);
    expect(Date.parse(second.state.hwm!)).toBeGreaterThanOrEqual(Date.parse(first.state.hwm!));
    expect(second.state.backTo).toBe(first.state.backTo);
  });

  it.each([
    ["a 429 storm", { status429: 4, retryAfterSeconds: 0 }, {}],
    ["a 5xx burst", { status5xx: 3 }, {}],
    ["a hang", { hang: 1 }, { timeoutMs: 300 }],
    ["malformed JSON", { malformedJson: 2 }, {}],
    ["a truncated body", { truncate: 2 }, {}],
  ])("survives %s (retried) and still yields the whole data set", async (_, faults, http) => {
    run.sim.faults.set(faults);
    const session = open(run.baseUrl, { ...FAST, http: { ...FAST.http, ...http } });
    const { activities } = await collect(streamsOf(session).activities, null);
    expect(run.sim.faults.current).toMatchObject(
      Object.fromEntries(
        Object.keys(faults)
          .filter((k) => k !== "retryAfterSeconds")
          .map((k) => [k, 0]),
      ),
    );
    expect(sorted(new Set(activities.map((a) => a.id)))).toEqual(sorted(expectedEvents(run.data).keys()));
  });

  it.each([
    ["a 5xx burst beyond the retries", { status5xx: 1000 }, {}, VendorUnavailableError],
    [
      "a 429 storm beyond the waits",
      { status429: 1000, retryAfterSeconds: 0 },
      { maxRateLimitRetries: 3 },
      VendorUnavailableError,
    ],
    ["hangs beyond the retries", { hang: 1000 }, { timeoutMs: 100, maxRetries: 1 }, VendorUnavailableError],
    ["garbage bodies beyond the retries", { malformedJson: 1000 }, {}, VendorUnavailableError],
    ["a revoked key (401)", { revokeKey: true }, {}, VendorAuthError],
  ])("throws a typed error with no key in it on %s", async (_, faults, http, type) => {
    run.sim.faults.set(faults);
    const session = open(run.baseUrl, { ...FAST, http: { ...FAST.http, ...http } });
    const err = await rejectionOf(collect(streamsOf(session).activities, null));
    expect(err).toBeInstanceOf(type);
    expectNoKey(err);
  });

  it("a 422 (limit out of range) is a VendorRequestError, not retried, with no key in it", async () => {
    const err = await rejectionOf(collect(streamsOf(open(run.baseUrl, { ...FAST, pageLimit: 1001 })).activities, null));
    expect(err).toBeInstanceOf(VendorRequestError);
    expect((err as VendorRequestError).status).toBe(422);
    expectNoKey(err);
  });

  it("a wrong key: verifyKey and the streams throw VendorAuthError with no key in the message", async () => {
    const wrong = "sl_wrong_key_99a7c3e1";
    const session = open(run.baseUrl, FAST, wrong);
    const err = await rejectionOf(session.verifyKey());
    expect(err).toBeInstanceOf(VendorAuthError);
    expect((err as VendorAuthError).status).toBe(401);
    expect((err as Error).message).not.toContain(wrong);
    expect(await rejectionOf(collect(streamsOf(session).campaigns, null))).toBeInstanceOf(VendorAuthError);
    await expect(open(run.baseUrl).verifyKey()).resolves.toBeUndefined();
  });

  it("refreshPerson reads the lead by email and its message histories, with the feed's ids", async () => {
    const counts = new Map<number, number>();
    for (const l of run.data.leads) counts.set(l.lead_id, (counts.get(l.lead_id) ?? 0) + 1);
    const record = run.data.leadRecords.find((r) => (counts.get(r.id) ?? 0) >= 2)!;
    const batch = await open(run.baseUrl).refreshPerson({ email: record.email.toLowerCase(), identities: [] });
    const mine: SmartleadData = { ...run.data, leads: run.data.leads.filter((l) => l.lead_id === record.id) };
    expect(sorted(batch.activities!.map((a) => a.id))).toEqual(sorted(expectedEvents(mine).keys()));
    expect(new Set(batch.activities!.map((a) => a.campaignId)).size).toBe(counts.get(record.id));
    expect(batch.people).toEqual([
      {
        identities: [{ vendorId: String(record.id), kind: "lead" }],
        email: record.email,
        name: `${record.first_name} ${record.last_name}`,
        company: record.company_name,
      },
    ]);
  });

  it('refreshPerson of an unknown email is empty (VENDORS.md: "200 with {}"), and of a person without email too', async () => {
    const session = open(run.baseUrl);
    expect(await session.refreshPerson({ email: "nobody@nowhere.example", identities: [] })).toEqual({
      activities: [],
    });
    expect(await session.refreshPerson({ email: null, identities: [{ vendorId: "1", kind: "lead" }] })).toEqual({
      activities: [],
    });
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
