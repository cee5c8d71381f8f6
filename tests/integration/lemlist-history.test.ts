import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { engagementQuerySchema } from "@/lib/model/engagement";
import { BASE_PATH, createLemlistSimulator, type LemlistSimulator } from "@/lib/sandbox/lemlist/simulator";
import { serveHandler, type RunningServer } from "@/lib/sandbox/shared/serve";
import { createWorld } from "@/lib/sandbox/shared/world";
import { updateConnection } from "@/lib/server/connections/commands";
import { pruneBefore, prunePreview } from "@/lib/server/connections/horizon";
import { insertConnection } from "@/lib/server/connections/store";
import { setSandboxBaseUrls } from "@/lib/server/demo/sandbox-registry";
import { getConnection } from "@/lib/server/queries/connections";
import { campaignEngagement } from "@/lib/server/queries/engagement";
import { queryRows, type Store } from "@/lib/server/store/db";
import { runSync } from "@/lib/server/sync/engine";
import { lemlistActivityId } from "@/lib/vendors/lemlist/calls";
import type { ActivitiesState } from "@/lib/vendors/lemlist";
import type { LemlistActivityRow } from "@/lib/vendors/lemlist/schemas";
import { freshStore, STORE_KINDS } from "@/tests/helpers/stores";
import { storedIds } from "./sync-harness";

// lemlist's whole history through the real sync engine, over HTTP from the simulator, into
// PGlite and PostgreSQL (issue 19): a default connection reads everything, older than a year
// included; one limited to the last 3 months does not, and moving it back fills the gap once;
// a first sync stopped in the middle resumes; seed 000's own rows land on their contacts.
process.env.TOUCHLINE_SECRET_KEY ??= Buffer.alloc(32, 7).toString("base64");

const DAY = 86_400_000;
// The sync's clock is the real one (a horizon change starts a sync of its own): the world ends today.
const NOW = Math.floor(Date.now() / DAY) * DAY;
const KEY = "4d2e4c7d2a6f48e0b3c5d7f9a1e2c4b6";
const world = createWorld({
  seed: 21,
  people: 60,
  activities: 3000,
  campaigns: 12,
  tasks: 60,
  days: 720,
  now: new Date(NOW),
});

let sim: LemlistSimulator;
let server: RunningServer;
const requests: URL[] = [];

beforeAll(async () => {
  sim = createLemlistSimulator(world, { apiKey: KEY, now: () => NOW, rateLimit: null, seedExamples: true });
  server = await serveHandler(async (req) => {
    requests.push(new URL(req.url));
    return sim.handler(req);
  });
  setSandboxBaseUrls({ lemlist: server.url + BASE_PATH });
});
afterAll(() => server?.close());

const expected = (from = -Infinity) =>
  new Set(
    sim.data.activities
      .filter((a) => Date.parse(a.createdAt) >= from)
      .map((a) => lemlistActivityId(a as unknown as LemlistActivityRow)),
  );
const sorted = (s: Iterable<string>) => [...s].sort();

async function count(store: Store, conn: string, before?: number): Promise<{ n: number; distinct: number }> {
  const [r] = await queryRows<{ n: number; distinct: number }>(
    store.db,
    sql`select count(*)::int as n, count(distinct id)::int as distinct from activities where connection_id = ${conn}
        ${before !== undefined ? sql`and occurred_at < ${new Date(before).toISOString()}` : sql``}`,
  );
  return r!;
}

async function waitIdle(store: Store, conn: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const [r] = await queryRows<{ state: string }>(
      store.db,
      sql`select state from sync_runs where connection_id = ${conn} order by started_at desc limit 1`,
    );
    if (r && r.state !== "running") return;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error("the sync did not end");
}

describe.each(STORE_KINDS)("lemlist history through the sync engine on %s", (kind) => {
  // Activity ids are the vendor's: each test has a store of its own for its one connection.
  let store: Awaited<ReturnType<typeof freshStore>>;
  beforeEach(async () => {
    store = await freshStore(kind);
  }, 60_000);
  afterEach(async () => store?.cleanup());

  it("a default connection imports everything, activities older than a year included, and says its history is complete", async () => {
    const conn = await insertConnection(store.db, { vendor: "lemlist", apiKey: KEY, demo: true });
    const outcome = await runSync(conn, "created", store);
    expect(outcome?.state, outcome?.error ?? "").toBe("succeeded");
    const stored = await storedIds(store, conn);
    expect(sorted(stored.activities)).toEqual(sorted(expected()));
    expect((await count(store, conn, NOW - 365 * DAY)).n).toBeGreaterThan(50);
    const c = (await getConnection(conn, store.db))!;
    expect(c.history).toMatchObject({ horizon: { mode: "all" }, from: null, complete: true });
    const activities = c.history!.streams.find((s) => s.stream === "activities")!;
    expect(activities).toEqual({ stream: "activities", backTo: sim.data.activities[0]!.createdAt, complete: true });
    expect(c.sync.progress.warnings).toBeUndefined();

    // Seed 000's rows, with their October 2025 dates, on their contacts and in their campaign's figures.
    const rows = await queryRows<{
      email: string | null;
      kind: string;
      step: number | null;
      at: string;
      campaign: string | null;
    }>(
      store.db,
      sql`select c.email, a.kind, a.sequence_step as step, a.occurred_at::timestamptz at time zone 'UTC' as at_utc,
                 to_char(a.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, a.campaign_id as campaign
          from activities a left join contacts c on c.id = a.contact_id
          where a.id in ('lemlist:act_PbKqTGpQqSlPcoOZ5','lemlist:act_j0NrG6rYEPP9TMmWC','lemlist:act_WeKrlIaQlBnM3LZ6G',
                         'lemlist:act_zktTG4HXXXSOQya5U','lemlist:act_x6esGLhoPa2SMHCZ7','lemlist:act_q4tnlXNdXsBeQceYW')
          order by a.occurred_at`,
    );
    expect(rows.map(({ email, kind, step, at, campaign }) => ({ email, kind, step, at, campaign }))).toEqual([
      {
        email: "sam@example.com",
        kind: "email_opened",
        step: 2,
        at: "2025-10-27T20:17:24.119Z",
        campaign: "lemlist:cam_oxeGg6paG3ZVxjHkH",
      },
      {
        email: "sam@example.com",
        kind: "email_opened",
        step: 2,
        at: "2025-10-27T20:20:59.696Z",
        campaign: "lemlist:cam_oxeGg6paG3ZVxjHkH",
      },
      {
        email: "support@lemlist.com",
        kind: "sequence_event",
        step: null,
        at: "2025-10-28T01:54:56.099Z",
        campaign: "lemlist:cam_bSn8EORHQxbWPjHvu",
      },
      {
        email: "support@lemlist.com",
        kind: "not_interested",
        step: null,
        at: "2025-10-28T02:14:34.834Z",
        campaign: "lemlist:cam_bSn8EORHQxbWPjHvu",
      },
      { email: null, kind: "note", step: null, at: "2025-10-28T04:25:00.653Z", campaign: null },
      {
        email: "support@lemlist.com",
        kind: "task_completed",
        step: null,
        at: "2025-10-28T08:07:38.375Z",
        campaign: "lemlist:cam_bSn8EORHQxbWPjHvu",
      },
    ]);
    const e = await campaignEngagement(
      store.db,
      "lemlist:cam_oxeGg6paG3ZVxjHkH",
      engagementQuerySchema.parse({ tz: "UTC" }),
    );
    // Two opens of one email by one person: one opened person at step 2.
    expect(e.totals).toMatchObject({ opened: 1 });
    expect(e.byStep.map((s) => s.step)).toEqual([2]);
    const camps = await queryRows<{ id: string; name: string }>(
      store.db,
      sql`select id, name from campaigns where id in ('lemlist:cam_bSn8EORHQxbWPjHvu', 'lemlist:cam_oxeGg6paG3ZVxjHkH') order by id`,
    );
    expect(camps.map((x) => x.name)).toEqual(["NEW TO DELETE", "Unicorn campaign"]);
  }, 120_000);

  it("“the last 3 months” imports nothing older; moving it back to everything fills the gap without duplicates", async () => {
    const conn = await insertConnection(store.db, {
      vendor: "lemlist",
      apiKey: KEY,
      demo: true,
      history: { mode: "months", months: 3 },
    });
    expect((await runSync(conn, "created", store))?.state).toBe("succeeded");
    const c = (await getConnection(conn, store.db))!;
    expect(c.history!.horizon).toEqual({ mode: "months", months: 3 });
    const from = Date.parse(c.history!.from!);
    expect(from).toBeGreaterThan(NOW - 93 * DAY);
    expect(from).toBeLessThan(NOW - 88 * DAY);
    expect((await count(store, conn, from)).n).toBe(0);
    expect(sorted((await storedIds(store, conn)).activities)).toEqual(sorted(expected(from)));
    expect(c.history!.complete).toBe(true);

    requests.length = 0;
    await updateConnection(store, conn, { history: { mode: "all" } }, "test");
    await waitIdle(store, conn);
    const after = (await getConnection(conn, store.db))!;
    expect(after.sync.state, after.sync.error ?? "").toBe("succeeded");
    expect(after.history).toMatchObject({ horizon: { mode: "all" }, from: null, complete: true });
    const n = await count(store, conn);
    expect(n.n).toBe(n.distinct);
    expect(sorted((await storedIds(store, conn)).activities)).toEqual(sorted(expected()));
    // The backfill started where the 3 months ended: nothing newer was read again but the overlap hour.
    const windows = requests.filter((u) => u.pathname.endsWith("/activities") && u.searchParams.get("limit") === "100");
    for (const w of windows.slice(1)) expect(Date.parse(w.searchParams.get("maxDate")!)).toBeLessThan(from + 1);

    // Moving it forward again removes nothing by itself; the prune preview counts what a prune would.
    await updateConnection(store, conn, { history: { mode: "months", months: 3 } }, "test");
    expect((await count(store, conn)).n).toBe(n.n);
    const horizon = (await getConnection(conn, store.db))!.history!.from!;
    const older = (await count(store, conn, Date.parse(horizon))).n;
    expect(older).toBeGreaterThan(100);
    expect(await prunePreview(store.db, conn, horizon)).toEqual({ before: horizon, activities: older });
    // The user asks to prune: the older rows go, with the figures they fed.
    expect(await pruneBefore(store, conn, horizon, "test")).toEqual({ before: horizon, activities: older });
    expect((await count(store, conn)).n).toBe(n.n - older);
    const [stale] = await queryRows<{ n: number }>(
      store.db,
      sql`select count(*)::int as n from contacts c where c.last_activity_at < ${horizon}::timestamptz
          and exists (select 1 from contact_identities i where i.contact_id = c.id and i.connection_id = ${conn})`,
    );
    expect(stale!.n).toBe(0);
  }, 120_000);

  it("a first sync stopped in the middle of its backfill resumes where it stopped", async () => {
    const conn = await insertConnection(store.db, { vendor: "lemlist", apiKey: KEY, demo: true });
    const slow = await fetch(`${server.url}${BASE_PATH}/__sandbox/faults`, {
      method: "POST",
      body: JSON.stringify({ latencyMs: 150, pathIncludes: "/activities" }),
    });
    expect(slow.ok).toBe(true);
    const stop = new AbortController();
    const first = runSync(conn, "created", store, { signal: stop.signal });
    let saved: ActivitiesState | null = null;
    for (let i = 0; i < 600; i++) {
      await new Promise((r) => setTimeout(r, 25));
      const [row] = await queryRows<{ state: ActivitiesState }>(
        store.db,
        sql`select state from sync_cursors where connection_id = ${conn} and stream = 'activities'`,
      );
      saved = row?.state ?? null;
      if (saved?.backTo && Date.parse(saved.backTo) < NOW - 30 * DAY) break;
    }
    stop.abort(new Error("test stops the sync"));
    expect((await first)?.state).toBe("failed");
    await fetch(`${server.url}${BASE_PATH}/__sandbox/faults`, { method: "DELETE" });
    expect(Date.parse(saved!.backTo!)).toBeGreaterThan(NOW - 365 * DAY);
    const mid = (await getConnection(conn, store.db))!;
    expect(mid.history!.complete).toBe(false);
    expect(Date.parse(mid.history!.backTo!)).toBeLessThan(NOW - 20 * DAY);

    requests.length = 0;
    const resumed = await runSync(conn, "manual", store);
    expect(resumed?.state, resumed?.error ?? "").toBe("succeeded");
    const windows = requests.filter((u) => u.pathname.endsWith("/activities") && u.searchParams.get("limit") === "100");
    // The top from the stopped run's mark (less an hour), then the backfill from where it stopped.
    expect(Date.parse(windows[0]!.searchParams.get("minDate")!)).toBe(Date.parse(saved!.hwm!) - 3_600_000);
    const backfill = windows.filter(
      (w) => Date.parse(w.searchParams.get("maxDate")!) < Date.parse(saved!.hwm!) - 3_600_000,
    );
    for (const w of backfill)
      expect(Date.parse(w.searchParams.get("maxDate")!)).toBeLessThan(Date.parse(saved!.backTo!));
    const n = await count(store, conn);
    expect(n.n).toBe(n.distinct);
    expect(sorted((await storedIds(store, conn)).activities)).toEqual(sorted(expected()));
  }, 120_000);
});
