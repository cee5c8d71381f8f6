import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { rejectionOf } from "@/tests/helpers/rejection";
import type { SmartleadData } from "@/lib/sandbox/smartlead/records";
import { VendorAuthError, VendorRequestError, VendorUnavailableError } from "@/lib/vendors/shared/errors";
import { collect, DAY, expectedEvents, KEY, open, type Running, sorted, start, streamsOf } from "./connector-harness";
import { FAST, TEST_WORLD_NOW as WORLD_NOW } from "./testing";
import type { StreamPage } from "@/lib/vendors/types";
import type { ActivitiesState } from "./index";

// The connector against a fast simulator: campaigns and their figures, paging windows back
// through the whole history, incremental runs, errors (with no key in them) and refreshPerson.

function expectNoKey(err: unknown) {
  const e = err as Error & { cause?: unknown };
  const text = `${e.name} ${e.message} ${e.stack ?? ""} ${String(e.cause ?? "")}`;
  expect(text).not.toContain(KEY);
  expect(text).not.toContain(encodeURIComponent(KEY));
}

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
