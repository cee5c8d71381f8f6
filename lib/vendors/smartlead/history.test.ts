import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveHandler, type RunningServer } from "@/lib/sandbox/shared/serve";
import { generateSmartleadData } from "@/lib/sandbox/smartlead/data";
import type { SmartleadData } from "@/lib/sandbox/smartlead/records";
import { BASE_PATH, createSmartleadSimulator, type SmartleadSimulatorOptions } from "@/lib/sandbox/smartlead/simulator";
import type { ConnectorContext, MappedActivity, Stream, StreamPage } from "@/lib/vendors/types";
import { FAST, smartleadExpectedEvents, TEST_WORLD_NOW as WORLD_NOW, testWorld } from "./testing";
import { createSmartleadConnector, type ActivitiesState, type SmartleadConnectorOptions } from "./index";

// The activities stream's history over real HTTP against the Smartlead simulator: the
// backfill newest first down to the oldest email, the horizon, resuming, late engagement,
// thread replies and a vendor that ignores the offset. The simulator's clock stands still
// unless a test moves it (so nothing generated for "later" lands mid-test).

const DAY = 86_400_000;
const KEY = "sl_history_key_51c9e0";
const world = testWorld();

interface Sim {
  data: SmartleadData;
  sim: ReturnType<typeof createSmartleadSimulator>;
  server: RunningServer;
  baseUrl: string;
  /** The simulator's (and the connector's) clock. */
  now: number;
  /** all-leads-activities requests: their query parameters and how many leads they answered. */
  requests: { q: Record<string, string>; leads: number }[];
}

async function start(opts: SmartleadSimulatorOptions = {}): Promise<Sim> {
  const data = opts.data ?? generateSmartleadData(world);
  const self = { data, now: WORLD_NOW, requests: [] } as unknown as Sim;
  self.sim = createSmartleadSimulator(world, {
    apiKey: KEY,
    now: () => self.now,
    rateLimit: { limit: 1_000_000, windowMs: 1000 },
    ...opts,
    data,
  });
  self.server = await serveHandler(async (req) => {
    const res = await self.sim.handler(req);
    const url = new URL(req.url);
    if (url.pathname.endsWith("/all-leads-activities") && res.ok) {
      const body = (await res.clone().json()) as { data: unknown[] };
      self.requests.push({ q: Object.fromEntries(url.searchParams), leads: body.data.length });
    }
    return res;
  });
  self.baseUrl = self.server.url + BASE_PATH;
  return self;
}

function stream(s: Sim, options: SmartleadConnectorOptions = FAST, ctx: Partial<ConnectorContext> = {}) {
  const session = createSmartleadConnector(options).open({
    baseUrl: s.baseUrl,
    apiKey: KEY,
    now: () => new Date(s.now),
    ...ctx,
  });
  return session.streams().find((x) => x.name === "activities") as Stream<ActivitiesState>;
}

async function collect(st: Stream<ActivitiesState>, state: ActivitiesState | null, stopAfter = Infinity) {
  const pages: StreamPage<ActivitiesState>[] = [];
  for await (const p of st.pages(state)) {
    pages.push(p);
    if (pages.length >= stopAfter) break;
    if (pages.length > 5_000) throw new Error("runaway stream");
  }
  const activities = pages.flatMap((p) => p.batch.activities ?? []);
  return { pages, activities, ids: new Set(activities.map((a) => a.id)), state: pages.at(-1)!.state };
}

const expected = smartleadExpectedEvents;
const sorted = (ids: Iterable<string>) => [...ids].sort();

describe("full history", () => {
  let s: Sim;
  beforeAll(async () => {
    s = await start();
    s.data.late = [];
  });
  afterAll(() => s.server.close());

  it("reads everything down to the oldest email, older than a year, with few requests for the empty years", async () => {
    s.requests.length = 0;
    const { ids, pages } = await collect(stream(s), null);
    expect(sorted(ids)).toEqual(sorted(expected(s.data).keys()));
    const oldest = [...expected(s.data).values()].sort()[0]!;
    expect(Date.parse(oldest)).toBeLessThan(WORLD_NOW - 365 * DAY);
    expect(pages.at(-1)!.progress).toMatchObject({ historyComplete: true, historyBackTo: oldest });
    // Between the current campaigns and the archive lie months without an email; below the
    // archive, 25 years down to the floor. Empty answers: a window and a probe at most per gap.
    const empty = s.requests.filter((r) => r.leads === 0);
    expect(empty.length).toBeLessThanOrEqual(4);
    expect(s.requests.length).toBeLessThan(20);
  });

  it("a horizon reads nothing before it and is complete there; moving it back to everything fills the gap", async () => {
    const horizon = new Date(WORLD_NOW - 90 * DAY).toISOString();
    const bounded = await collect(stream(s, FAST, { history: { from: horizon } }), null);
    expect(sorted(bounded.ids)).toEqual(sorted(expected(s.data, Date.parse(horizon)).keys()));
    expect(bounded.pages.at(-1)!.progress).toMatchObject({ historyComplete: true, historyBackTo: horizon });

    s.requests.length = 0;
    const widened = await collect(stream(s, FAST, { history: { from: null } }), bounded.state);
    expect(sorted(new Set([...bounded.ids, ...widened.ids]))).toEqual(sorted(expected(s.data).keys()));
    expect(widened.pages.at(-1)!.progress!.historyComplete).toBe(true);
    // Besides the look-back, it read only below the old horizon.
    const backfill = s.requests.filter((r) => r.q.limit !== "1").slice(1);
    for (const r of backfill) expect(Date.parse(r.q.event_time_to!)).toBeLessThanOrEqual(Date.parse(horizon));
  });

  it("a sync stopped in the middle of the backfill resumes where it stopped: no gap, nothing read twice but the look-back", async () => {
    const pageLimit = 20;
    const first = await collect(stream(s, { ...FAST, pageLimit }), null, 12);
    expect(first.state.backTo).toBeTruthy();
    expect(first.pages.at(-1)!.progress!.historyComplete).toBe(false);
    s.requests.length = 0;
    s.now += 15 * 60_000;
    const rest = await collect(stream(s, { ...FAST, pageLimit }), first.state);
    expect(sorted(new Set([...first.ids, ...rest.ids]))).toEqual(sorted(expected(s.data).keys()));
    // The look-back first (one window from the last end less 14 days), then the backfill
    // from exactly where the stopped run had committed.
    const windows = [...new Set(s.requests.filter((r) => r.q.limit !== "1").map((r) => r.q.event_time_to!))];
    expect(Date.parse(windows[1]!)).toBe(Date.parse(first.state.backTo!));
    const lookbackFrom = Date.parse(first.state.hwm!) - 14 * DAY;
    expect(Date.parse(s.requests[0]!.q.event_time_from!)).toBe(lookbackFrom);
  });

  it("a state written before full history (hwm only) carries on below what its 180 days had read", async () => {
    const hwm = new Date(WORLD_NOW - DAY).toISOString();
    s.requests.length = 0;
    const { pages } = await collect(stream(s), { hwm });
    const backfill = s.requests.filter(
      (r) => r.q.limit !== "1" && Date.parse(r.q.event_time_to!) < WORLD_NOW - 2 * DAY,
    );
    expect(Date.parse(backfill[0]!.q.event_time_to!)).toBe(Date.parse(hwm) - 180 * DAY);
    expect(pages.at(-1)!.progress!.historyComplete).toBe(true);
  });
});

describe("engagement that arrives after the send", () => {
  it("an open first arriving 12 days after its send is recorded by the look-back, dated at the send", async () => {
    const s = await start();
    try {
      s.data.late = [];
      const lead = s.data.leads.find(
        (l) =>
          l.status !== "BOUNCED" &&
          l.activities.some((a) => Number(a.open_count) === 0 && Date.parse(a.sent_time) > WORLD_NOW - 2 * DAY),
      )!;
      const ai = lead.activities.findIndex(
        (a) => Number(a.open_count) === 0 && Date.parse(a.sent_time) > WORLD_NOW - 2 * DAY,
      );
      const email = lead.activities[ai]!;
      const openAt = Date.parse(email.sent_time) + 12 * DAY;
      s.data.late.push({
        at: new Date(openAt).toISOString(),
        lead: s.data.leads.indexOf(lead),
        activity: ai,
        kind: "open",
      });
      const id = `smartlead:${email.stats_id}:open`;

      const first = await collect(stream(s), null);
      expect(first.ids.has(`smartlead:${email.stats_id}:sent`)).toBe(true);
      expect(first.ids.has(id)).toBe(false);

      // Syncs run meanwhile (the last one a day before the open), so only the look-back
      // reaches back to the send.
      s.now = openAt - DAY;
      const meanwhile = await collect(stream(s), first.state);
      expect(meanwhile.ids.has(id)).toBe(false);
      s.now = openAt + 3_600_000;
      const second = await collect(stream(s), meanwhile.state);
      const open = second.activities.find((a) => a.id === id) as MappedActivity;
      expect(open).toMatchObject({
        kind: "email_opened",
        occurredAt: email.sent_time,
        sequenceStep: Number(email.email_seq_number),
      });
      expect(open.raw).toMatchObject({ derivedFrom: `smartlead:${email.stats_id}:sent`, open_count: 1 });
    } finally {
      await s.server.close();
    }
  });

  it("further replies (thread_replies) become their own items, with the message history's ids", async () => {
    const s = await start();
    try {
      const lead = s.data.leads.find((l) => l.activities.some((a) => a.thread_replies.length > 0))!;
      const email = lead.activities.find((a) => a.thread_replies.length > 0)!;
      const { activities } = await collect(stream(s), null);
      for (const r of email.thread_replies) {
        const item = activities.find((a) => a.id === `smartlead:${email.stats_id}:reply:${r.message_id}`);
        expect(item).toMatchObject({
          kind: "email_replied",
          direction: "inbound",
          occurredAt: r.time,
          sequenceStep: Number(email.email_seq_number),
          campaignId: `smartlead:${lead.campaign_id}`,
          person: { identities: [{ vendorId: String(lead.lead_id), kind: "lead" }] },
        });
      }
      const session = createSmartleadConnector(FAST).open({
        baseUrl: s.baseUrl,
        apiKey: KEY,
        now: () => new Date(s.now),
      });
      const live = await session.refreshPerson({ email: email.to_email, identities: [] });
      for (const r of email.thread_replies)
        expect(live.activities!.map((a) => a.id)).toContain(`smartlead:${email.stats_id}:reply:${r.message_id}`);
    } finally {
      await s.server.close();
    }
  });
});

describe("a Smartlead that ignores the offset", () => {
  it("stops each window after one repeated page, says so once, and still ends", async () => {
    const s = await start({ faults: { ignorePaging: true } });
    try {
      s.data.late = [];
      const { pages } = await collect(stream(s, { ...FAST, pageLimit: 10 }), null);
      const warned = pages.filter((p) => p.warnings?.length);
      expect(warned).toHaveLength(1);
      expect(warned[0]!.warnings![0]).toMatch(/smartlead activities: .*ignored a paging parameter/);
      const perWindow = new Map<string, number>();
      for (const r of s.requests.filter((x) => x.q.limit !== "1")) {
        const key = `${r.q.event_time_from}|${r.q.event_time_to}`;
        perWindow.set(key, (perWindow.get(key) ?? 0) + 1);
      }
      expect(Math.max(...perWindow.values())).toBe(2);
      expect(pages.at(-1)!.progress!.historyComplete).toBe(true);
    } finally {
      await s.server.close();
    }
  });
});
