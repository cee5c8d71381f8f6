import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engagementQuerySchema } from "@/lib/model/engagement";
import { serveHandler, type RunningServer } from "@/lib/sandbox/shared/serve";
import { createWorld } from "@/lib/sandbox/shared/world";
import { generateSmartleadData } from "@/lib/sandbox/smartlead/data";
import type { SmartleadData } from "@/lib/sandbox/smartlead/records";
import { BASE_PATH, createSmartleadSimulator } from "@/lib/sandbox/smartlead/simulator";
import { insertConnection } from "@/lib/server/connections/store";
import { setSandboxBaseUrls } from "@/lib/server/demo/sandbox-registry";
import { campaignEngagement } from "@/lib/server/queries/engagement";
import { queryRows } from "@/lib/server/store/db";
import { runSync, type RunOptions } from "@/lib/server/sync/engine";
import type { ActivitiesState } from "@/lib/vendors/smartlead";
import { smartleadExpectedEvents } from "@/lib/vendors/smartlead/testing";
import { freshStore, STORE_KINDS } from "@/tests/helpers/stores";
import { fingerprint, storedIds } from "./sync-harness";

// Smartlead's whole history through the real sync engine, over HTTP from the simulator,
// into PGlite and PostgreSQL: a first sync stopped in the middle of its backfill and
// resumed, the seed's own example lead, an incremental sync with nothing new (its requests
// counted), and an open arriving 12 days after its send. The simulator's clock stands
// still unless a test moves it.
process.env.TOUCHLINE_SECRET_KEY ??= Buffer.alloc(32, 7).toString("base64");

const WORLD_NOW = Date.parse("2026-11-20T12:00:00Z");
const DAY = 86_400_000;
const KEY = "sl_engine_history_key_7d21";
const world = createWorld({
  seed: 11,
  people: 50,
  activities: 2000,
  campaigns: 12,
  tasks: 0,
  days: 60,
  now: new Date(WORLD_NOW),
});

let data: SmartleadData;
let server: RunningServer;
let clock = WORLD_NOW;
/** Every request to the simulator, in order. */
const requests: URL[] = [];
const activityRequests = () => requests.filter((u) => u.pathname.endsWith("/all-leads-activities"));
const run = (signal?: AbortSignal): RunOptions => ({ now: () => new Date(clock), signal });

beforeAll(async () => {
  data = generateSmartleadData(world);
  data.late = []; // the tests place the late engagement they need
  const sim = createSmartleadSimulator(world, {
    apiKey: KEY,
    data,
    now: () => clock,
    rateLimit: { limit: 1_000_000, windowMs: 1000 },
    seedExamples: true,
  });
  server = await serveHandler(async (req) => {
    requests.push(new URL(req.url));
    return sim.handler(req);
  });
  setSandboxBaseUrls({ smartlead: server.url + BASE_PATH });
});
afterAll(() => server?.close());

describe.each(STORE_KINDS)("Smartlead history through the sync engine on %s", (kind) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let conn: string;
  beforeAll(async () => {
    clock = WORLD_NOW;
    store = await freshStore(kind);
    conn = await insertConnection(store.db, { vendor: "smartlead", apiKey: KEY, demo: true });
  }, 60_000);
  afterAll(async () => store?.cleanup());

  const cursor = async () =>
    (
      await queryRows<{ state: ActivitiesState }>(
        store.db,
        sql`select state from sync_cursors where connection_id = ${conn} and stream = 'activities'`,
      )
    )[0]?.state ?? null;

  it("a first sync stopped in the middle of its backfill resumes where it stopped, without gaps or duplicates", async () => {
    // Slow answers, so that the first windows are committed one by one.
    const slow = await fetch(`${server.url}${BASE_PATH}/__sandbox/faults`, {
      method: "POST",
      body: JSON.stringify({ latencyMs: 250, pathIncludes: "all-leads-activities" }),
    });
    expect(slow.ok).toBe(true);
    const stop = new AbortController();
    const first = runSync(conn, "created", store, run(stop.signal));
    let saved: ActivitiesState | null = null;
    for (let i = 0; i < 400 && !saved?.backTo; i++) {
      await new Promise((r) => setTimeout(r, 25));
      saved = await cursor();
    }
    stop.abort(new Error("test stops the sync"));
    expect((await first)?.state).toBe("failed");
    await fetch(`${server.url}${BASE_PATH}/__sandbox/faults`, { method: "DELETE" });
    saved = await cursor();
    expect(saved?.backTo).toBeTruthy();
    expect(Date.parse(saved!.backTo!)).toBeGreaterThan(WORLD_NOW - 365 * DAY);

    requests.length = 0;
    clock += 60_000;
    const resumed = await runSync(conn, "manual", store, run());
    expect(resumed?.state, resumed?.error ?? "").toBe("succeeded");
    // First the look-back from the stopped run's end, then the backfill from where it had stopped.
    const windows = activityRequests().filter((u) => u.searchParams.get("limit") !== "1");
    expect(Date.parse(windows[0]!.searchParams.get("event_time_from")!)).toBe(Date.parse(saved!.hwm!) - 14 * DAY);
    expect(Date.parse(windows[1]!.searchParams.get("event_time_to")!)).toBe(Date.parse(saved!.backTo!));
    for (const w of windows.slice(1))
      expect(Date.parse(w.searchParams.get("event_time_to")!)).toBeLessThanOrEqual(Date.parse(saved!.backTo!));

    const stored = await storedIds(store, conn);
    expect([...stored.activities].sort()).toEqual([...smartleadExpectedEvents(data).keys()].sort());
    const [old] = await queryRows<{ n: number; oldest: string }>(
      store.db,
      sql`select count(*)::int as n, min(occurred_at)::text as oldest from activities where connection_id = ${conn} and occurred_at < ${new Date(WORLD_NOW - 365 * DAY).toISOString()}`,
    );
    expect(old!.n).toBeGreaterThan(10);
    expect((await cursor())!.backTo).toBe("2000-01-01T00:00:00.000Z");
  }, 120_000);

  it("seed 001's example lead is on its contact with the right kinds, steps and times, and in its campaign's figures", async () => {
    const rows = await queryRows<{ kind: string; step: number; at: string; campaign: string }>(
      store.db,
      sql`select a.kind, a.sequence_step as step, to_char(a.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at, a.campaign_id as campaign
          from activities a join contacts c on c.id = a.contact_id
          where c.email = 'john@example.com' order by a.occurred_at, a.kind`,
    );
    expect(rows).toEqual([
      { kind: "email_clicked", step: 1, at: "2025-11-26T10:00:00Z", campaign: "smartlead:123" },
      { kind: "email_opened", step: 1, at: "2025-11-26T10:00:00Z", campaign: "smartlead:123" },
      { kind: "email_sent", step: 1, at: "2025-11-26T10:00:00Z", campaign: "smartlead:123" },
      { kind: "email_replied", step: 1, at: "2025-11-26T14:30:00Z", campaign: "smartlead:123" },
    ]);
    const e = await campaignEngagement(store.db, "smartlead:123", engagementQuerySchema.parse({ tz: "UTC" }));
    expect(e.totals).toMatchObject({ sent: 1, opened: 1, clicked: 1, replied: 1, bounced: 0 });
    expect(e.byStep.map((s) => s.step)).toEqual([1]);
  });

  it("an incremental sync with nothing new reads the look-back only (and the campaigns)", async () => {
    const before = await fingerprint(store, conn);
    const state = (await cursor())!;
    clock += 15 * 60_000;
    requests.length = 0;
    const outcome = await runSync(conn, "interval", store, run());
    expect(outcome?.state).toBe("succeeded");
    expect(await fingerprint(store, conn)).toBe(before);
    // Leads with an email sent or replied to in the look-back, 1000 a page.
    const since = new Date(Date.parse(state.hwm!) - 14 * DAY).toISOString();
    const leads = data.leads.filter((l) =>
      l.activities.some((a) =>
        [a.sent_time, a.reply_details?.time ?? "", ...a.thread_replies.map((r) => r.time)].some((t) => t >= since),
      ),
    ).length;
    const lookbackPages = Math.max(1, Math.ceil(leads / 1000));
    expect(activityRequests().length).toBeLessThanOrEqual(lookbackPages + 2);
    expect(activityRequests().length).toBe(lookbackPages);
    // The campaigns stream: the listing only. Analytics were read by the first sync a
    // quarter of an hour ago, and are read at most every 6 hours (shared/figures-refresh.ts).
    const campaigns = requests.filter((u) => !u.pathname.endsWith("/all-leads-activities"));
    expect(campaigns).toHaveLength(1);
    expect(campaigns[0]!.pathname).toMatch(/\/campaigns\/?$/);
    // Six hours on, each campaign that has sent gets its analytics again; the figures stay
    // stored between reads (vendor_reported is kept when a page brings none).
    const reported = await queryRows<{ n: number }>(
      store.db,
      sql`select count(*)::int as n from campaigns where connection_id = ${conn} and vendor_reported is not null`,
    );
    expect(reported[0]!.n).toBe(data.campaigns.filter((c) => c.status !== "DRAFTED").length);
    clock += 6 * 3_600_000;
    requests.length = 0;
    expect((await runSync(conn, "interval", store, run()))?.state).toBe("succeeded");
    const analytics = requests.filter((u) => u.pathname.endsWith("/analytics"));
    expect(analytics.length).toBe(data.campaigns.filter((c) => c.status !== "DRAFTED").length);
  });

  it("an open arriving 12 days after its send is recorded, dated at the send, and counts in engagement once", async () => {
    const li = data.leads.findIndex(
      (l) =>
        l.status !== "BOUNCED" &&
        l.activities.some((a) => Number(a.open_count) === 0 && Date.parse(a.sent_time) > WORLD_NOW - 3 * DAY),
    );
    const lead = data.leads[li]!;
    const ai = lead.activities.findIndex(
      (a) => Number(a.open_count) === 0 && Date.parse(a.sent_time) > WORLD_NOW - 3 * DAY,
    );
    const email = lead.activities[ai]!;
    const openAt = Date.parse(email.sent_time) + 12 * DAY;
    // Applied events (the other store's run) leave the queue, so the cursor starts at this one.
    data.late = [{ at: new Date(openAt).toISOString(), lead: li, activity: ai, kind: "open" }];
    data.next.lateCursor = 0;
    const id = `smartlead:${email.stats_id}:open`;
    const openRows = () =>
      queryRows<{ at: string; contact: string; step: number }>(
        store.db,
        sql`select occurred_at::text as at, contact_id as contact, sequence_step as step from activities where id = ${id}`,
      );
    const opened = async () =>
      (await campaignEngagement(store.db, `smartlead:${lead.campaign_id}`, engagementQuerySchema.parse({}))).totals
        .opened;

    // Daily syncs until a day before the open: nothing yet.
    clock = openAt - DAY;
    expect((await runSync(conn, "interval", store, run()))?.state).toBe("succeeded");
    expect(await openRows()).toEqual([]);
    const openedBefore = await opened();

    clock = openAt + 3_600_000;
    expect((await runSync(conn, "interval", store, run()))?.state).toBe("succeeded");
    const [row] = await openRows();
    expect(Date.parse(row!.at)).toBe(Date.parse(email.sent_time));
    expect(row!.step).toBe(Number(email.email_seq_number));
    expect(await opened()).toBe(openedBefore + 1);
    const [facts] = await queryRows<{ n: number }>(
      store.db,
      sql`select count(*)::int as n from engagement_facts where campaign_id = ${`smartlead:${lead.campaign_id}`}
          and contact_key = ${row!.contact} and step = ${row!.step} and opened_at is not null`,
    );
    expect(facts!.n).toBe(1);

    // Read again by the next syncs' look-back: still one open.
    clock += 15 * 60_000;
    expect((await runSync(conn, "interval", store, run()))?.state).toBe("succeeded");
    expect(await opened()).toBe(openedBefore + 1);
    expect(await openRows()).toHaveLength(1);
  });
});
