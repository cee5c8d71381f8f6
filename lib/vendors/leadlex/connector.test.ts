import { addLeadlexEmail, createdOf, type LeadlexActivity } from "@/lib/sandbox/leadlex/data";
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
import { virtualClock, type VirtualClock } from "@/tests/helpers/virtual-clock";
import { afterEach, describe, expect, it } from "vitest";
import { rejectionOf } from "@/tests/helpers/rejection";
import { createLeadlexConnector, type ActivitiesState, type ContactsState, type LeadlexConnectorOptions } from ".";

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
  open(opts?: { apiKey?: string; meta?: Record<string, unknown>; history?: { from: string | null } }): ConnectorSession;
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
  const open = (o: { apiKey?: string; meta?: Record<string, unknown>; history?: { from: string | null } } = {}) =>
    connector.open({
      baseUrl: server.url + BASE_PATH,
      apiKey: o.apiKey ?? sim.apiKey,
      now: () => new Date(clock()),
      warn: (message, fields) => warnings.push({ message, fields }),
      onMeta: (m) => metas.push(m),
      meta: o.meta,
      history: o.history,
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

/** The activity rows a stream yielded, without the opens and replies derived from their flags. */
const activitiesOf = (pages: StreamPage<unknown>[]) =>
  (pages.flatMap((p) => p.batch.activities ?? []) as MappedActivity[]).filter((a) => !isDerived(a));
const isDerived = (a: MappedActivity) => typeof (a.raw as { derivedFrom?: unknown } | null)?.derivedFrom === "string";
const quotaMetas = (metas: Record<string, unknown>[]) =>
  metas.filter((m) => m.quota).map((m) => m.quota as { remaining: number; limit: number; resetAt: string });
const tasksOf = (pages: StreamPage<unknown>[]) => pages.flatMap((p) => p.batch.tasks ?? []) as MappedTask[];
const campaignsOf = (pages: StreamPage<unknown>[]) => pages.flatMap((p) => p.batch.campaigns ?? []) as MappedCampaign[];
const peopleOf = (pages: StreamPage<unknown>[]) => pages.flatMap((p) => p.batch.people ?? []) as PersonRef[];
const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
const dataActivityIds = (s: Setup) => s.sim.data.activities.map((a) => `leadlex:${a.id}`).sort();

describe("verifyKey", () => {
  it("passes with the right key", async () => {
    const s = await setup();
    await expect(s.session.verifyKey()).resolves.toBeUndefined();
  });

  it("throws VendorAuthError for a wrong key, without the key in the message", async () => {
    const s = await setup();
    const err = await rejectionOf(s.open({ apiKey: "wbk_wrong_key_123456" }).verifyKey());
    expect(err).toBeInstanceOf(VendorAuthError);
    expect(err.message).not.toContain("wbk_wrong_key_123456");
  });

  it("throws VendorAuthError when the key lacks activities:read (seed 003 Note)", async () => {
    const s = await setup({ scopes: ["contacts:read", "tasks:read", "campaigns:read"] });
    const err = await rejectionOf(s.session.verifyKey());
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
    // Every contact's history read to its end, and the run says so.
    expect(Object.keys(acts.state!.c).sort()).toEqual(s.sim.data.contacts.map((c) => c.id).sort());
    for (const p of Object.values(acts.state!.c)) expect(p.e).toBe(1);
    expect(acts.pages.at(-1)!.progress).toMatchObject({ historyComplete: true });
    // Activities carry their contact's identity, which the contacts stream resolved to the person.
    const sample = got[0]!;
    expect(s.sim.data.contactIndex.has(sample.person!.identities[0]!.vendorId)).toBe(true);
    expect(s.warnings).toEqual([]);
  });

  it("report the daily quota from the documented headers after each answer", async () => {
    const s = await setup({ perDay: 5000 });
    await run(s.session, "campaigns");
    const quotas = quotaMetas(s.metas);
    const last = quotas.at(-1)!;
    expect(last.limit).toBe(5000);
    expect(last.remaining).toBe(5000 - quotas.length);
    expect(last.resetAt).toBe("2026-11-25T00:00:00.000Z");
    expect(last).toMatchObject({ source: "headers", reserve: 1500, used: quotas.length });
  });

  it("a second run with nothing new reads no activity; a new email brings its contact back, with its flags", async () => {
    const s = await setup();
    const contacts = await run(s.session, "contacts");
    const first = await run<ActivitiesState>(s.session, "activities");
    const before = s.sim.requests();
    const idle = await run<ActivitiesState>(s.session, "activities", first.state);
    expect(s.sim.requests() - before).toBe(0);
    expect(activitiesOf(idle.pages)).toEqual([]);

    const contact = s.sim.data.contacts[3]!;
    const email = addLeadlexEmail(s.sim.data, contact.id, new Date(clock()), { opened: true, replied: true });
    const next = s.open();
    await run(next, "contacts", contacts.state);
    const again = await run<ActivitiesState>(next, "activities", idle.state);
    const rows = again.pages.flatMap((p) => p.batch.activities ?? []) as MappedActivity[];
    // Only that contact, read since its last read minus the overlap.
    expect(new Set(rows.map((a) => a.person!.identities[0]!.vendorId))).toEqual(new Set([contact.id]));
    expect(rows.map((a) => a.id)).toEqual(
      expect.arrayContaining([`leadlex:${email.id}`, `leadlex:${email.id}:opened`, `leadlex:${email.id}:replied`]),
    );
    const overlapFrom = Date.parse(first.state!.c[contact.id]!.f!) - OVERLAP;
    for (const a of activitiesOf(again.pages)) expect(Date.parse(a.occurredAt)).toBeGreaterThanOrEqual(overlapFrom);
  });

  it("page drift during the run loses nothing created before it; the next run picks up the rest", async () => {
    const s = await setup({ faults: { driftPerRequest: 2 } });
    const before = {
      activities: dataActivityIds(s),
      tasks: s.sim.data.tasks.map((t) => `leadlex:${t.id}`),
      contacts: s.sim.data.contacts.map((c) => c.id),
    };
    const contactsRun = await run(s.session, "contacts");
    const contacts = peopleOf(contactsRun.pages).map((p) => p.identities[0]!.vendorId);
    for (const id of before.contacts) expect(contacts).toContain(id);
    const tasks = tasksOf((await run(s.session, "tasks")).pages).map((t) => t.id);
    for (const id of before.tasks) expect(tasks).toContain(id);
    expect(new Set(tasks).size).toBe(tasks.length);

    const first = await run<ActivitiesState>(s.session, "activities");
    const got = new Set(activitiesOf(first.pages).map((a) => a.id));
    for (const id of before.activities) expect(got.has(id), id).toBe(true);
    expect(s.sim.data.activities.length).toBeGreaterThan(before.activities.length);

    // Items created during the first run come with the next one (their contacts moved).
    s.sim.faults.clear();
    const next = s.open();
    await run(next, "contacts", contactsRun.state);
    const second = await run<ActivitiesState>(next, "activities", first.state);
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
    const err = await rejectionOf(run(s.session, "tasks"));
    expect(err).toBeInstanceOf(VendorUnavailableError);
    expect(err.message).not.toContain(s.sim.apiKey);
  });

  it("hanging every time → VendorUnavailableError (timed out)", async () => {
    const s = await setup({ faults: { hang: 1000 } }, { maxRetries: 2 });
    const err = await rejectionOf(run(s.session, "campaigns"));
    expect(err).toBeInstanceOf(VendorUnavailableError);
    expect(err.message).toMatch(/timed out/);
    expect(err.message).not.toContain(s.sim.apiKey);
  });

  it("a revoked key mid-sync → VendorAuthError", async () => {
    const s = await setup({ faults: { revokeKey: true } });
    const err = await rejectionOf(run(s.session, "activities"));
    expect(err).toBeInstanceOf(VendorAuthError);
    expect(err.message).not.toContain(s.sim.apiKey);
  });

  it("a key without activities:read fails the activities stream with VendorAuthError (403)", async () => {
    const s = await setup({ scopes: ["contacts:read"] });
    const err = await rejectionOf(run(s.session, "activities"));
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

describe("the daily budget — VENDORS.md: `budget the daily quota … keep a reserve for interactive refresh now`", () => {
  const DAY_START = Date.parse("2026-11-24T00:00:00Z");

  /** A Starter account (10/min, 100/day) on a simulated clock: pacing costs no real time. */
  async function starter(simOpts: LeadlexSimulatorOptions = {}, connOpts: LeadlexConnectorOptions = {}) {
    const vc: VirtualClock = virtualClock(DAY_START + 60_000);
    const s = await setup(
      { plan: "starter", perMinute: undefined, perDay: undefined, now: vc.now, ...simOpts },
      {
        clock: vc,
        ...connOpts,
      },
    );
    return { ...s, vc };
  }
  const all = async (session: ConnectorSession, states: Record<string, unknown> = {}) => {
    const out: Record<string, unknown> = {};
    for (const st of session.streams()) out[st.name] = (await run(session, st.name, states[st.name] ?? null)).state;
    return out;
  };

  it("a run spends at most its share (front-loaded, two minutes of pace) and keeps the reserve", async () => {
    const s = await starter();
    await all(s.session);
    expect(s.sim.requests()).toBeLessThanOrEqual(20);
    expect(quotaMetas(s.metas).at(-1)!.remaining).toBeGreaterThanOrEqual(30);
    // The run reports when the next may start: a slot later on this plan (2 h 11 min).
    const end = s.metas.filter((m) => m.nextSyncAt).at(-1)!;
    expect(Date.parse(end.nextSyncAt as string)).toBe(s.vc.now() + 131 * 60_000);
    expect(end.pausedUntil).toBeNull();
  });

  it("a daily-quota 429 pauses until the reset with the plain reason, and is never retried", async () => {
    const s = await starter();
    // Something else spent the day (another tool on the same key).
    for (let i = 0; i < 100; i++) {
      if (i % 10 === 0) s.vc.advance(61_000);
      await fetch(`${s.server.url}${BASE_PATH}/v1/campaigns`, { headers: { authorization: `Bearer ${s.sim.apiKey}` } });
    }
    const before = s.sim.requests();
    const err = await rejectionOf(run(s.session, "contacts"));
    expect(err).toBeInstanceOf(VendorQuotaError);
    expect(err.message).toBe("Leadlex daily quota used up; resumes at 00:00 UTC");
    expect((err as VendorQuotaError).resetAt?.toISOString()).toBe("2026-11-25T00:00:00.000Z");
    expect(s.sim.requests() - before).toBe(1);
    expect(s.metas).toContainEqual(
      expect.objectContaining({ pausedUntil: "2026-11-25T00:00:00.000Z", nextSyncAt: "2026-11-25T00:01:00.000Z" }),
    );
    // Until the reset nothing is asked: not by this session, not by one that reads the stored pause.
    expect(await rejectionOf(run(s.session, "tasks"))).toBeInstanceOf(VendorQuotaError);
    const later = s.open({ meta: { pausedUntil: "2026-11-25T00:00:00.000Z" } });
    expect(
      await rejectionOf(later.refreshPerson({ email: s.sim.data.contacts[0]!.email, identities: [] })),
    ).toBeInstanceOf(VendorQuotaError);
    expect(s.sim.requests() - before).toBe(1);
    // After midnight the connection works again.
    s.vc.set(Date.parse("2026-11-25T00:02:00Z"));
    await expect(run(s.open({ meta: { pausedUntil: "2026-11-25T00:00:00.000Z" } }), "tasks")).resolves.toBeTruthy();
  });

  it("refresh now uses the reserve once scheduled syncs have used their share", async () => {
    const s = await starter();
    let states: Record<string, unknown> = {};
    for (let i = 0; i < 12; i++) {
      states = await all(s.open({ meta: { quota: quotaMetas(s.metas).at(-1) } }), states);
      s.vc.advance(131 * 60_000);
      if (s.vc.now() >= Date.parse("2026-11-24T23:00:00Z")) break;
    }
    s.vc.set(Date.parse("2026-11-24T23:00:00Z"));
    const left = quotaMetas(s.metas).at(-1)!.remaining;
    expect(left).toBeGreaterThanOrEqual(30);
    const contact = s.sim.data.contacts[1]!;
    const batch = await s
      .open({ meta: { quota: quotaMetas(s.metas).at(-1) } })
      .refreshPerson({ email: contact.email, identities: [{ vendorId: contact.id, kind: "contact" }] });
    expect(batch.people?.[0]?.identities[0]?.vendorId).toBe(contact.id);
    expect((batch.activities ?? []).length).toBeGreaterThan(0);
  });

  it("when the headers say nothing, the plan setting stands in and Touchline counts the day itself", async () => {
    const s = await starter({ rateLimitHeaders: "none" });
    const session = s.open({ meta: { budgetSettings: { plan: "starter" } } });
    await run(session, "contacts");
    await run(session, "campaigns");
    const q = quotaMetas(s.metas).at(-1)! as { remaining: number; limit: number; source?: string };
    expect(q).toMatchObject({ limit: 100, remaining: 100 - s.sim.requests(), source: "plan" });
  });

  it("history goes back as far as the horizon; moving it back fills the gap without duplicates", async () => {
    const s = await setup();
    const horizon = new Date(WORLD_NOW.getTime() - 30 * 86_400_000).toISOString();
    await run(s.session, "contacts");
    const recent = await run<ActivitiesState>(s.open({ history: { from: horizon } }), "activities");
    const got = activitiesOf(recent.pages);
    expect(got.length).toBeGreaterThan(0);
    for (const a of got) expect(Date.parse(a.occurredAt)).toBeGreaterThanOrEqual(Date.parse(horizon));
    expect(recent.pages.at(-1)!.progress).toMatchObject({ historyComplete: true, historyBackTo: horizon });
    const older = s.sim.data.activities.filter((a) => Date.parse(createdOf(a)) < Date.parse(horizon));
    expect(older.length).toBeGreaterThan(0);

    const everything = await run<ActivitiesState>(s.open({ history: { from: null } }), "activities", recent.state);
    const more = activitiesOf(everything.pages);
    const seen = [...got, ...more].map((a) => a.id);
    expect([...new Set(seen)].sort()).toEqual(dataActivityIds(s));
    // Only the boundary instants are read twice (to_date is inclusive).
    expect(seen.length - new Set(seen).size).toBeLessThan(s.sim.data.contacts.length);
  });

  it("a busy account's history is read over several runs, most recently active contacts first, and resumes", async () => {
    const busy = createWorld({ people: 40, activities: 60_000, campaigns: 3, tasks: 10, now: WORLD_NOW });
    const vc = virtualClock(Date.parse("2026-11-24T13:00:00Z"));
    const sim = createLeadlexSimulator(busy, { plan: "starter", now: vc.now });
    const server = await serveHandler(sim.handler);
    running.push(server);
    const connector = createLeadlexConnector({ clock: vc, timeoutMs: 2000 });
    const metas: Record<string, unknown>[] = [];
    let states: Record<string, unknown> = {};
    const seen = new Set<string>();
    let runs = 0;
    let firstRunContacts: string[] = [];
    while (runs < 60) {
      const session = connector.open({
        baseUrl: server.url + BASE_PATH,
        apiKey: sim.apiKey,
        onMeta: (m) => metas.push(m),
        meta: { quota: quotaMetas(metas).at(-1) },
      });
      const out: Record<string, unknown> = {};
      for (const st of session.streams()) {
        const r = await run(session, st.name, states[st.name] ?? null);
        out[st.name] = r.state;
        for (const a of activitiesOf(r.pages)) seen.add(a.id);
        if (runs === 0 && st.name === "activities")
          firstRunContacts = [...new Set(activitiesOf(r.pages).map((a) => a.person!.identities[0]!.vendorId))];
      }
      states = out;
      runs++;
      // Never below the reserve.
      expect(quotaMetas(metas).at(-1)!.remaining).toBeGreaterThanOrEqual(30);
      const h = metas.filter((m) => m.leadlex).at(-1)!.leadlex as { historyComplete: boolean };
      if (h.historyComplete) break;
      vc.set(Date.parse(metas.filter((m) => m.nextSyncAt).at(-1)!.nextSyncAt as string));
    }
    expect(runs).toBeGreaterThan(2);
    expect([...seen].sort()).toEqual(sim.data.activities.map((a) => `leadlex:${a.id}`).sort());
    // The first run began with the most recently updated contacts.
    const byUpdated = [...sim.data.contacts].sort(
      (a, b) => Date.parse(b.updated_date ?? b.updated_at!) - Date.parse(a.updated_date ?? a.updated_at!),
    );
    expect(firstRunContacts).toContain(byUpdated[0]!.id);
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
    expect(ids((batch.activities ?? []).filter((a) => !isDerived(a)))).toEqual(
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
    expect((batch.activities ?? []).filter((a) => !isDerived(a)).length).toBe(
      s.sim.data.byContact.get(contact.id)?.length ?? 0,
    );
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

describe("a vendor that ignores `page` — issue 13: `stop when a page brings no new id`", () => {
  it("each listing stops after one repeated page, with the guard's warning on that page", async () => {
    const big = createWorld({ people: 700, activities: 3000, campaigns: 3, tasks: 700, now: WORLD_NOW });
    const sim = createLeadlexSimulator(big, { perMinute: 6000, perDay: 100_000, now: clock });
    const server = await serveHandler(sim.handler);
    running.push(server);
    expect(sim.data.contacts.length).toBeGreaterThan(100);
    expect(sim.data.tasks.length).toBeGreaterThan(100);
    sim.faults.set({ ignorePaging: true });
    const session = createLeadlexConnector({ timeoutMs: 2000 }).open({
      baseUrl: server.url + BASE_PATH,
      apiKey: sim.apiKey,
    });
    for (const name of ["contacts", "tasks"]) {
      const before = sim.requests();
      const r = await run(session, name);
      expect(sim.requests() - before, name).toBe(2);
      expect(r.pages.at(-1)!.warnings, name).toEqual([
        `leadlex ${name}: a page brought no record not already read in this run, so paging stopped there (the vendor may have ignored a paging parameter).`,
      ]);
      expect(r.pages.slice(0, -1).every((p) => !p.warnings)).toBe(true);
    }
  });
});

describe("a contact listing longer than a run's budget", () => {
  it("goes on where it stopped at the next run, after a look at the first page for news", async () => {
    const big = createWorld({ people: 1000, activities: 3000, campaigns: 3, tasks: 30, now: WORLD_NOW });
    const sim = createLeadlexSimulator(big, { plan: "starter", perMinute: 6000, now: clock });
    const server = await serveHandler(sim.handler);
    running.push(server);
    const pages = Math.ceil(sim.data.contacts.length / 100);
    expect(pages).toBeGreaterThanOrEqual(3);
    // 32 left of 100 with 30 in reserve: each run may make two requests.
    const meta = { quota: { limit: 100, remaining: 32, resetAt: "2026-11-25T00:00:00.000Z", source: "headers" } };
    const connector = createLeadlexConnector({ timeoutMs: 2000 });
    let state: ContactsState | null = null;
    for (let i = 0; i < pages - 1; i++) {
      const session = connector.open({
        baseUrl: server.url + BASE_PATH,
        apiKey: sim.apiKey,
        meta,
        now: () => new Date(clock()),
      });
      const r: { pages: StreamPage<ContactsState>[]; state: ContactsState | null } = await run<ContactsState>(
        session,
        "contacts",
        state,
      );
      state = r.state;
    }
    expect(sim.requests()).toBe(2 * (pages - 1));
    expect(Object.keys(state!.stamps).sort()).toEqual(sim.data.contacts.map((c) => c.id).sort());
    expect(state!.next).toBeNull();
    expect(state!.fullAt).not.toBeNull();
  });
});
