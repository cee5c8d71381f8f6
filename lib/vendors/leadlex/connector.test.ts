import { createdOf, type LeadlexActivity } from "@/lib/sandbox/leadlex/data";
import { BASE_PATH, createLeadlexSimulator, type LeadlexSimulatorOptions } from "@/lib/sandbox/leadlex/simulator";
import { serveHandler, type RunningServer } from "@/lib/sandbox/shared/serve";
import { createWorld } from "@/lib/sandbox/shared/world";
import { VendorAuthError, VendorQuotaError, VendorUnavailableError } from "@/lib/vendors/shared/errors";
import type {
  ConnectorSession,
  MappedActivity,
  MappedCampaign,
  MappedTask,
  PersonRef,
  Stream,
  StreamPage,
} from "@/lib/vendors/types";
import { afterEach, describe, expect, it } from "vitest";
import { createLeadlexConnector, type ActivitiesState, type LeadlexConnectorOptions } from ".";

// The connector against the Leadlex simulator over real HTTP (no mocked fetch).

const WORLD_NOW = new Date("2026-11-24T12:00:00Z");
// Sync time runs from a minute after the world's "now", at the real pace (limits and timeouts are real).
const offset = WORLD_NOW.getTime() + 60_000 - Date.now();
const clock = () => Date.now() + offset;
const OVERLAP = 60 * 60_000;

const world = () => createWorld({ people: 60, activities: 3000, campaigns: 12, tasks: 60, now: WORLD_NOW });

interface Setup {
  sim: ReturnType<typeof createLeadlexSimulator>;
  server: RunningServer;
  session: ConnectorSession;
  warnings: { message: string; fields?: Record<string, unknown> }[];
  metas: Record<string, unknown>[];
  open(opts?: { apiKey?: string }): ConnectorSession;
}

const running: RunningServer[] = [];
afterEach(async () => {
  while (running.length) await running.pop()!.close();
});

async function setup(simOpts: LeadlexSimulatorOptions = {}, connOpts: LeadlexConnectorOptions = {}): Promise<Setup> {
  const sim = createLeadlexSimulator(world(), { perMinute: 6000, perDay: 100_000, now: clock, ...simOpts });
  const server = await serveHandler(sim.handler);
  running.push(server);
  const connector = createLeadlexConnector({ timeoutMs: 400, maxBackoffMs: 40, overlapMs: OVERLAP, ...connOpts });
  const warnings: Setup["warnings"] = [];
  const metas: Record<string, unknown>[] = [];
  const open = (o: { apiKey?: string } = {}) =>
    connector.open({
      baseUrl: server.url + BASE_PATH,
      apiKey: o.apiKey ?? sim.apiKey,
      now: () => new Date(clock()),
      warn: (message, fields) => warnings.push({ message, fields }),
      onMeta: (m) => metas.push(m),
    });
  return { sim, server, session: open(), warnings, metas, open };
}

function stream<S>(session: ConnectorSession, name: string): Stream<S> {
  const s = session.streams().find((x) => x.name === name);
  if (!s) throw new Error(`no stream ${name}`);
  return s as Stream<S>;
}

async function run<S>(session: ConnectorSession, name: string, state: S | null = null) {
  const pages: StreamPage<S>[] = [];
  for await (const p of stream<S>(session, name).pages(state)) {
    pages.push(p);
    if (pages.length > 10_000) throw new Error("runaway stream");
  }
  return { pages, state: pages.at(-1)?.state ?? state };
}

const activitiesOf = (pages: StreamPage<unknown>[]) =>
  pages.flatMap((p) => p.batch.activities ?? []) as MappedActivity[];
const tasksOf = (pages: StreamPage<unknown>[]) => pages.flatMap((p) => p.batch.tasks ?? []) as MappedTask[];
const campaignsOf = (pages: StreamPage<unknown>[]) => pages.flatMap((p) => p.batch.campaigns ?? []) as MappedCampaign[];
const peopleOf = (pages: StreamPage<unknown>[]) => pages.flatMap((p) => p.batch.people ?? []) as PersonRef[];
const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
const dataActivityIds = (s: Setup) => s.sim.data.activities.map((a) => `leadlex:${a.id}`).sort();

async function caught(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected a rejection");
}

describe("verifyKey", () => {
  it("passes with the right key", async () => {
    const s = await setup();
    await expect(s.session.verifyKey()).resolves.toBeUndefined();
  });

  it("throws VendorAuthError for a wrong key, without the key in the message", async () => {
    const s = await setup();
    const err = await caught(s.open({ apiKey: "wbk_wrong_key_123456" }).verifyKey());
    expect(err).toBeInstanceOf(VendorAuthError);
    expect(err.message).not.toContain("wbk_wrong_key_123456");
  });

  it("throws VendorAuthError when the key lacks activities:read (seed 003 Note)", async () => {
    const s = await setup({ scopes: ["contacts:read", "tasks:read", "campaigns:read"] });
    const err = await caught(s.session.verifyKey());
    expect(err).toBeInstanceOf(VendorAuthError);
    expect(err.message).toContain("activities:read");
  });
});

describe("streams, run to completion", () => {
  it("are contacts, campaigns, tasks, activities — in that order", async () => {
    const s = await setup();
    expect(s.session.streams().map((x) => x.name)).toEqual(["contacts", "campaigns", "tasks", "activities"]);
  });

  it("yield exactly the simulator's set: each item once, no gaps", async () => {
    const s = await setup();
    const contacts = await run(s.session, "contacts");
    expect(ids(peopleOf(contacts.pages).map((p) => ({ id: p.identities[0]!.vendorId })))).toEqual(
      s.sim.data.contacts.map((c) => c.id).sort(),
    );
    expect(peopleOf(contacts.pages).find((p) => p.identities[0]!.vendorId === s.sim.data.contacts[0]!.id)?.email).toBe(
      s.sim.data.contacts[0]!.email,
    );

    const campaigns = campaignsOf((await run(s.session, "campaigns")).pages);
    expect(ids(campaigns)).toEqual(s.sim.data.campaigns.map((c) => `leadlex:${c.id}`).sort());
    const withStats = campaigns.find((c) => (c.vendorReported?.sent ?? 0) > 0)!;
    const counts = s.sim.data.campaignCounts.get(withStats.vendorId)!;
    expect(withStats.vendorReported).toMatchObject({
      sent: counts.sent,
      opened: counts.opened,
      replied: counts.replied,
      bounced: counts.bounced,
    });

    const tasksRun = await run(s.session, "tasks");
    const tasks = tasksOf(tasksRun.pages);
    expect(tasks.map((t) => t.id).sort()).toEqual(s.sim.data.tasks.map((t) => `leadlex:${t.id}`).sort());
    expect(tasksRun.pages.at(-1)!.reconcileOpenTasks?.seenTaskIds.sort()).toEqual(tasks.map((t) => t.id).sort());

    const acts = await run<ActivitiesState>(s.session, "activities");
    const got = activitiesOf(acts.pages);
    expect(got.length).toBe(s.sim.data.activities.length); // no duplicates
    expect(ids(got)).toEqual(dataActivityIds(s)); // no gaps
    // One page per contact, each carrying that contact's fetch in the cursor.
    expect(acts.pages.length).toBe(s.sim.data.contacts.length);
    expect(Object.keys(acts.state!.fetched).sort()).toEqual(s.sim.data.contacts.map((c) => c.id).sort());
    expect(acts.pages.at(-1)!.progress).toMatchObject({
      done: s.sim.data.contacts.length,
      total: s.sim.data.contacts.length,
    });
    // Activities carry their contact as the person, email included.
    const sample = got.find((a) => a.person?.email)!;
    expect(s.sim.data.contacts.find((c) => c.id === sample.person!.identities[0]!.vendorId)?.email).toBe(
      sample.person!.email,
    );
    expect(s.warnings).toEqual([]);
  });

  it("report the daily quota through onMeta after each answer", async () => {
    const s = await setup({ perDay: 5000 });
    await run(s.session, "campaigns");
    const last = s.metas.at(-1) as { quota: { remaining: number; limit: number; resetAt: string } };
    expect(last.quota.limit).toBe(5000);
    expect(last.quota.remaining).toBe(5000 - s.metas.length);
    expect(last.quota.resetAt).toBe("2026-11-25T00:00:00.000Z");
  });

  it("a second run from the returned state reads only the overlap", async () => {
    const s = await setup();
    const runStart = clock();
    const first = await run<ActivitiesState>(s.session, "activities");
    const second = await run<ActivitiesState>(s.session, "activities", first.state);
    const again = activitiesOf(second.pages);
    const overlapIds = new Set(
      s.sim.data.activities
        .filter((a) => Date.parse(createdOf(a)) >= runStart - OVERLAP - 1000)
        .map((a) => `leadlex:${a.id}`),
    );
    expect(again.length).toBeLessThanOrEqual(overlapIds.size);
    for (const a of again) expect(overlapIds.has(a.id), a.id).toBe(true);
    expect(again.length).toBeLessThan(s.sim.data.activities.length / 10);
  });

  it("page drift during the run loses nothing created before it; the next run picks up the rest", async () => {
    const s = await setup({ faults: { driftPerRequest: 2 } });
    const before = {
      activities: dataActivityIds(s),
      tasks: s.sim.data.tasks.map((t) => `leadlex:${t.id}`),
      contacts: s.sim.data.contacts.map((c) => c.id),
    };
    const contacts = peopleOf((await run(s.session, "contacts")).pages).map((p) => p.identities[0]!.vendorId);
    for (const id of before.contacts) expect(contacts).toContain(id);
    const tasks = tasksOf((await run(s.session, "tasks")).pages).map((t) => t.id);
    for (const id of before.tasks) expect(tasks).toContain(id);
    expect(new Set(tasks).size).toBe(tasks.length);

    const first = await run<ActivitiesState>(s.session, "activities");
    const got = new Set(activitiesOf(first.pages).map((a) => a.id));
    for (const id of before.activities) expect(got.has(id), id).toBe(true);
    expect(s.sim.data.activities.length).toBeGreaterThan(before.activities.length);

    // Items created during the first run come with the next one.
    s.sim.faults.clear();
    const second = await run<ActivitiesState>(s.session, "activities", first.state);
    const all = new Set([...got, ...activitiesOf(second.pages).map((a) => a.id)]);
    expect([...all].sort()).toEqual(dataActivityIds(s));
  });
});

describe("transport faults are survived", () => {
  const cases: [string, LeadlexSimulatorOptions["faults"]][] = [
    ["a 429 storm (Retry-After honoured)", { status429: 6, retryAfterSeconds: 0 }],
    ["a 5xx burst", { status5xx: 3, errorStatus: 502 }],
    ["hangs (client timeout)", { hang: 2 }],
    ["malformed JSON", { malformedJson: 2 }],
    ["truncated bodies", { truncate: 2 }],
  ];
  for (const [label, faults] of cases) {
    it(label, async () => {
      const s = await setup({ faults });
      const got = activitiesOf((await run(s.session, "activities")).pages);
      expect(ids(got)).toEqual(dataActivityIds(s));
      expect(s.sim.faults.current).toMatchObject(
        Object.fromEntries(
          Object.entries(faults!)
            .filter(([k]) => k !== "retryAfterSeconds" && k !== "errorStatus")
            .map(([k]) => [k, 0]),
        ),
      );
    });
  }
});

describe("persistent failures end in typed errors without the key", () => {
  it("5xx every time → VendorUnavailableError", async () => {
    const s = await setup({ faults: { status5xx: 1000 } });
    const err = await caught(run(s.session, "tasks"));
    expect(err).toBeInstanceOf(VendorUnavailableError);
    expect(err.message).not.toContain(s.sim.apiKey);
  });

  it("hanging every time → VendorUnavailableError (timed out)", async () => {
    const s = await setup({ faults: { hang: 1000 } }, { maxRetries: 2 });
    const err = await caught(run(s.session, "campaigns"));
    expect(err).toBeInstanceOf(VendorUnavailableError);
    expect(err.message).toMatch(/timed out/);
    expect(err.message).not.toContain(s.sim.apiKey);
  });

  it("a revoked key mid-sync → VendorAuthError", async () => {
    const s = await setup({ faults: { revokeKey: true } });
    const err = await caught(run(s.session, "activities"));
    expect(err).toBeInstanceOf(VendorAuthError);
    expect(err.message).not.toContain(s.sim.apiKey);
  });

  it("a key without activities:read fails the activities stream with VendorAuthError (403)", async () => {
    const s = await setup({ scopes: ["contacts:read"] });
    const err = await caught(run(s.session, "activities"));
    expect(err).toBeInstanceOf(VendorAuthError);
    expect((err as VendorAuthError).status).toBe(403);
  });
});

describe("odd rows", () => {
  it("are skipped, counted and reported, and the sync goes on", async () => {
    const s = await setup();
    const victim = s.sim.data.activities[0]!;
    const odd = victim as Partial<LeadlexActivity>;
    delete odd.created_date;
    delete odd.created_at;
    const task = s.sim.data.tasks[0]! as unknown as Record<string, unknown>;
    task.id = null;
    const garbled = s.sim.data.tasks[1]! as unknown as Record<string, unknown>;
    garbled.title = { en: "not a string" };
    const acts = await run(s.session, "activities");
    expect(acts.pages.reduce((n, p) => n + (p.skipped ?? 0), 0)).toBe(1);
    expect(activitiesOf(acts.pages).length).toBe(s.sim.data.activities.length - 1);
    const tasks = await run(s.session, "tasks");
    expect(tasks.pages.reduce((n, p) => n + (p.skipped ?? 0), 0)).toBe(2);
    // An unreadable task still exists: the reconciliation must not close it.
    expect(tasks.pages.at(-1)!.reconcileOpenTasks!.seenTaskIds).toContain(`leadlex:${garbled.id as string}`);
    expect(tasksOf(tasks.pages).map((t) => t.id)).not.toContain(`leadlex:${garbled.id as string}`);
    expect(s.warnings.map((w) => w.fields?.id)).toContain(victim.id);
    expect(JSON.stringify(s.warnings)).not.toContain(s.sim.apiKey);
  });
});

describe("the daily budget — VENDORS.md: `budget the daily quota … keep a reserve`", () => {
  it("fetches at most maxContactsPerRun contacts a run, never-fetched first, then the oldest fetched", async () => {
    const s = await setup({}, { maxContactsPerRun: 5 });
    const n = s.sim.data.contacts.length;
    let state: ActivitiesState | null = null;
    const seen = new Set<string>();
    const order: string[][] = [];
    for (let i = 0; i < Math.ceil(n / 5); i++) {
      const r: { pages: StreamPage<ActivitiesState>[]; state: ActivitiesState | null } = await run<ActivitiesState>(
        s.session,
        "activities",
        state,
      );
      expect(r.pages.length).toBeLessThanOrEqual(5);
      expect(r.pages[0]!.progress?.total).toBe(Math.min(5, n));
      order.push(Object.keys(r.state!.fetched).filter((id) => !state?.fetched[id]));
      for (const a of activitiesOf(r.pages)) seen.add(a.id);
      state = r.state;
    }
    // Each run took contacts not fetched before, until everyone was fetched once.
    expect(order.flat().length).toBe(n);
    expect([...seen].sort()).toEqual(dataActivityIds(s));
    // The first run took the most recently updated contacts.
    const byUpdated = [...s.sim.data.contacts].sort(
      (a, b) => Date.parse(b.updated_date ?? b.updated_at!) - Date.parse(a.updated_date ?? a.updated_at!),
    );
    expect(order[0]!.sort()).toEqual(
      byUpdated
        .slice(0, 5)
        .map((c) => c.id)
        .sort(),
    );
    // Then, with nobody new, the longest-unfetched come back first.
    const oldest = Object.entries(state!.fetched)
      .sort(([a, x], [b, y]) => Date.parse(x) - Date.parse(y) || (a < b ? -1 : 1))
      .slice(0, 5)
      .map(([id]) => id);
    const next = await run<ActivitiesState>(s.session, "activities", state);
    const refetched = next.pages.map((p) => (p.batch.people ?? [])[0]?.identities[0]?.vendorId);
    expect(refetched).toEqual(oldest);
  });

  it("keeps 20 % of the daily limit in reserve", async () => {
    // The day binds from the first answer here, so the headers never show the minute budget:
    // the client's own starting pace stands in for it.
    const s = await setup({ perDay: 30 }, { perMinute: 6000 });
    const r = await run<ActivitiesState>(s.session, "activities");
    const quota = (s.metas.at(-1) as { quota: { remaining: number } }).quota;
    // 30 a day, reserve 6: after the contact listing (1 request) the budget is min(40, 29 − 6) = 23 contacts at most.
    expect(r.pages[0]!.progress?.total).toBe(Math.min(40, s.sim.data.contacts.length, 29 - 6));
    expect(quota.remaining).toBeGreaterThanOrEqual(6);
  });

  it("does nothing when the day is down to the reserve", async () => {
    // 2 a day, reserve 1: the contact listing leaves 1, the reserve.
    const s = await setup({ perDay: 2 });
    const r = await run<ActivitiesState>(s.session, "activities");
    expect(r.pages).toHaveLength(1);
    expect(r.pages[0]!.batch).toEqual({});
    expect(r.pages[0]!.progress).toMatchObject({ done: 0, total: 0 });
    expect(s.warnings.some((w) => w.message.includes("reserve"))).toBe(true);
  });

  it("throws VendorQuotaError at once when the day is spent (no sleeping until midnight)", async () => {
    const s = await setup({ perDay: 1 });
    // The listing spends the day; its stats request meets the vendor's daily 429.
    expect(await caught(run(s.session, "campaigns"))).toBeInstanceOf(VendorQuotaError);
    const err = await caught(run(s.session, "tasks"));
    expect(err).toBeInstanceOf(VendorQuotaError);
    expect((err as VendorQuotaError).resetAt?.toISOString()).toBe("2026-11-25T00:00:00.000Z");
    // A fresh session learns it from the vendor's 429.
    const fresh = await caught(s.open().refreshPerson({ email: s.sim.data.contacts[0]!.email, identities: [] }));
    expect(fresh).toBeInstanceOf(VendorQuotaError);
    expect(fresh.message).not.toContain(s.sim.apiKey);
  });
});

describe("refreshPerson — the live path", () => {
  it("finds the contact by exact email (case and spaces ignored) and returns its activities and tasks", async () => {
    const s = await setup();
    const contact = s.sim.data.contacts.find(
      (c) => s.sim.data.tasks.some((t) => t.contact_id === c.id) && (s.sim.data.byContact.get(c.id)?.length ?? 0) > 0,
    )!;
    const batch = await s.session.refreshPerson({ email: `  ${contact.email!.toUpperCase()} `, identities: [] });
    expect(batch.people?.[0]?.identities[0]?.vendorId).toBe(contact.id);
    expect(ids(batch.activities ?? [])).toEqual(
      s.sim.data.byContact
        .get(contact.id)!
        .map((i) => `leadlex:${s.sim.data.activities[i]!.id}`)
        .sort(),
    );
    expect(ids(batch.tasks ?? [])).toEqual(
      s.sim.data.tasks
        .filter((t) => t.contact_id === contact.id)
        .map((t) => `leadlex:${t.id}`)
        .sort(),
    );
  });

  it("uses the stored uuid identity without searching", async () => {
    const s = await setup();
    const contact = s.sim.data.contacts[2]!;
    const before = s.metas.length;
    const batch = await s.session.refreshPerson({
      email: null,
      identities: [{ vendorId: contact.id, kind: "contact" }],
    });
    expect((batch.activities ?? []).length).toBe(s.sim.data.byContact.get(contact.id)?.length ?? 0);
    // One activity page and one task page: no search request.
    expect(s.metas.length - before).toBe(2);
  });

  it("falls back to the email when the stored uuid is gone", async () => {
    const s = await setup();
    const contact = s.sim.data.contacts[4]!;
    const batch = await s.session.refreshPerson({
      email: contact.email,
      identities: [{ vendorId: "00000000-0000-4000-8000-000000000000", kind: "contact" }],
    });
    expect(batch.people?.[0]?.identities[0]?.vendorId).toBe(contact.id);
  });

  it("returns nothing for a partial match only (search is partial; the match must be exact)", async () => {
    const s = await setup();
    const contact = s.sim.data.contacts[1]!;
    const partial = contact.email!.slice(1); // a substring of a real email
    expect(await s.session.refreshPerson({ email: partial, identities: [] })).toEqual({});
  });
});
