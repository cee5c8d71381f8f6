import { afterEach, describe, expect, it } from "vitest";
import { rejectionOf } from "@/tests/helpers/rejection";
import {
  BASE_PATH,
  createCloseSimulator,
  DEMO_API_KEY,
  type CloseSimulatorOptions,
} from "@/lib/sandbox/close/simulator";
import { serveHandler, type RunningServer } from "@/lib/sandbox/shared/serve";
import { createWorld } from "@/lib/sandbox/shared/world";
import { VendorAuthError, VendorRequestError, VendorUnavailableError } from "@/lib/vendors/shared/errors";
import type { ConnectorSession, StreamPage, SyncBatch } from "@/lib/vendors/types";
import { closeDate } from "@/lib/sandbox/close/records";
import { basicAuth } from "./client";
import { createCloseConnector, type CloseActivitiesState, type CloseConnectorOptions } from "./index";

// The connector against the Close simulator over real HTTP (no mocks).

const worldNow = new Date("2026-11-24T12:00:00Z");
const world = createWorld({ people: 60, activities: 3000, tasks: 100, now: worldNow });
const t0 = Date.now();
// Shared by simulator and connector: a minute after the world's "now", moving in real time.
const clock = () => worldNow.getTime() + 60_000 + (Date.now() - t0);
const FAST: CloseConnectorOptions["client"] = {
  pace: { limit: 10_000, windowMs: 10_000 },
  timeoutMs: 400,
  maxRetries: 3,
  maxBackoffMs: 20,
};
const SECRETS = [DEMO_API_KEY, basicAuth(DEMO_API_KEY).slice(6)];

const open: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function setup(simOpts: CloseSimulatorOptions = {}, connOpts: CloseConnectorOptions = {}, key = DEMO_API_KEY) {
  const sim = createCloseSimulator(world, { now: clock, rateLimit: { limit: 100_000, windowMs: 10_000 }, ...simOpts });
  const server = await serveHandler(sim.handler);
  open.push(server);
  const warnings: { message: string; fields?: Record<string, unknown> }[] = [];
  const waits: number[] = [];
  const connector = createCloseConnector({ ...connOpts, client: { ...FAST, ...connOpts.client } });
  const session = connector.open({
    baseUrl: server.url + BASE_PATH,
    apiKey: key,
    now: () => new Date(clock()),
    warn: (message, fields) => warnings.push({ message, fields }),
    onRateLimitWait: (ms) => waits.push(ms),
  });
  return { sim, server, session, warnings, waits, base: server.url + BASE_PATH };
}

async function run<S>(session: ConnectorSession, name: string, state: S | null = null) {
  const stream = session.streams().find((s) => s.name === name)!;
  const pages: StreamPage<S>[] = [];
  for await (const p of stream.pages(state)) pages.push(p as StreamPage<S>);
  const activities = pages.flatMap((p) => p.batch.activities ?? []);
  const tasks = pages.flatMap((p) => p.batch.tasks ?? []);
  const people = pages.flatMap((p) => p.batch.people ?? []);
  return { pages, activities, tasks, people, last: pages.at(-1)! };
}

const activityIds = (ids: string[]) => ids.map((id) => `close:${id}`).sort();

function expectNoSecret(err: unknown) {
  const text = `${(err as Error).message} ${String((err as Error).stack)}`;
  for (const s of SECRETS) expect(text).not.toContain(s);
}

describe("verifyKey", () => {
  it("passes with the key", async () => {
    const { session } = await setup();
    await expect(session.verifyKey()).resolves.toBeUndefined();
  });

  it("throws VendorAuthError for a wrong key, without the key in the message", async () => {
    const wrong = "api_wrongwrongwrongwrong.secretsecretsecret";
    const { session } = await setup({}, {}, wrong);
    const err = await rejectionOf(session.verifyKey());
    expect(err).toBeInstanceOf(VendorAuthError);
    expect(err.message).not.toContain(wrong);
    expectNoSecret(err);
  });
});

describe("streams, complete runs", () => {
  it("runs contacts, then activities, then tasks (the engine's order)", async () => {
    const { session } = await setup();
    expect(session.streams().map((s) => s.name)).toEqual(["contacts", "activities", "tasks"]);
  });

  it("contacts: every contact once, email as given, company from its lead", async () => {
    const { sim, session } = await setup({}, { pageSize: 10 });
    const r = await run(session, "contacts");
    const ids = r.people.map((p) => p.identities[0]!.vendorId).sort();
    expect(ids).toEqual(sim.data.contacts.map((c) => c.id).sort());
    const c = sim.data.contacts[0]!;
    const p = r.people.find((x) => x.identities[0]!.vendorId === c.id)!;
    expect(p).toMatchObject({
      email: c.emails[0]!.email,
      name: c.name,
      company: sim.data.leads.find((l) => l.id === c.lead_id)!.name,
    });
    expect(p.identities[0]).toMatchObject({ kind: "contact", url: `https://app.close.com/lead/${c.lead_id}/` });
    expect(r.pages.length).toBeGreaterThan(2);
    expect(r.pages.slice(0, -1).every((x) => (x.state as { listedAt: string | null }).listedAt === null)).toBe(true);
    expect((r.last.state as { listedAt: string }).listedAt).toBeTruthy();
  });

  it("activities: the simulator's whole history, each once, newest first; the cursor moves back only at window ends", async () => {
    const { sim, session } = await setup();
    const runStart = clock();
    const r = await run<CloseActivitiesState>(session, "activities");
    const ids = r.activities.map((a) => a.id).sort();
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(activityIds(sim.data.activities.map((a) => a.id)));
    // History older than a year is there too (issue 19: everything by default).
    const yearAgo = closeDate(worldNow.getTime() - 365 * 86_400_000);
    expect(sim.data.activities.filter((a) => a.date_created < yearAgo).length).toBeGreaterThan(10);
    // Newest first: each window's rows were created before the previous window's.
    const created = new Map(sim.data.activities.map((a) => [`close:${a.id}`, a.date_created]));
    const windows = [...new Set(r.pages.map((p) => p.progress?.window).filter((w) => w?.includes("→")))];
    expect(windows.length).toBeGreaterThan(3);
    let prevOldest = "\uffff";
    for (const w of windows) {
      const rows = r.pages.filter((p) => p.progress?.window === w).flatMap((p) => p.batch.activities ?? []);
      if (rows.length === 0) continue;
      const times = rows.map((a) => created.get(a.id)!).sort();
      expect(times.at(-1)! < prevOldest).toBe(true);
      prevOldest = times[0]!;
    }
    // The cursor: the top is the sync's start from the first page; backTo never moves forward,
    // and stays put until a window's rows are all yielded (a restart repeats at most a window).
    let backTo = r.pages[0]!.state.backTo!;
    expect(Date.parse(r.pages[0]!.state.hwm!)).toBeGreaterThanOrEqual(runStart - 1000);
    for (let i = 0; i < r.pages.length; i++) {
      const p = r.pages[i]!;
      const next = r.pages[i + 1];
      const midWindow = next?.progress?.window === p.progress?.window && (next?.batch.activities?.length ?? 0) > 0;
      if (midWindow) expect(p.state.backTo).toBe(backTo);
      expect(p.state.backTo! <= backTo).toBe(true);
      backTo = p.state.backTo!;
      expect(p.progress?.historyBackTo).toBe(p.state.backTo);
    }
    expect(r.last.state).toMatchObject({ exhausted: true, reread: false });
    expect(r.last.progress).toMatchObject({ historyComplete: true });
    expect(r.pages.slice(0, -3).every((p) => p.progress?.historyComplete === false)).toBe(true);
    expect(r.last.progress?.done).toBe(sim.data.activities.length);
    // seed 004: activity_at is when it happened — occurredAt, not date_created.
    const late = sim.data.activities.find((a) => Date.parse(a.date_created) - Date.parse(a.activity_at) > 3_600_000)!;
    expect(r.activities.find((a) => a.id === `close:${late.id}`)!.occurredAt).toBe(
      new Date(Date.parse(late.activity_at)).toISOString(),
    );
  });

  it("tasks: every task of every _type and status once; the last page reconciles with every id", async () => {
    const { sim, session } = await setup({}, { pageSize: 15 });
    const r = await run(session, "tasks");
    const ids = r.tasks.map((t) => t.id).sort();
    expect(ids).toEqual(sim.data.tasks.map((t) => `close:${t.id}`).sort());
    expect(new Set(r.tasks.map((t) => t.vendorType)).size).toBeGreaterThan(3);
    expect(r.tasks.some((t) => t.status === "done") && r.tasks.some((t) => t.status === "open")).toBe(true);
    expect(r.last.reconcileOpenTasks?.seenTaskIds.slice().sort()).toEqual(ids);
    expect(r.pages.slice(0, -1).every((p) => p.reconcileOpenTasks === undefined)).toBe(true);
    const dateOnly = sim.data.tasks.find((t) => t.date?.length === 10)!;
    expect(r.tasks.find((t) => t.id === `close:${dateOnly.id}`)).toMatchObject({
      dueIsDateOnly: true,
      dueDate: dateOnly.date,
    });
  });

  it("gives activities and tasks the contact's email learnt from the contact listing of the session", async () => {
    const { sim, session } = await setup();
    await run(session, "contacts");
    const r = await run(session, "activities");
    const call = r.activities.find((a) => a.vendorType === "Call")!;
    const contactId = call.person!.identities[0]!.vendorId;
    expect(call.person!.email).toBe(sim.data.contacts.find((c) => c.id === contactId)!.emails[0]!.email);
    expect(r.activities.filter((a) => a.vendorType === "LeadStatusChange").every((a) => a.person === null)).toBe(true);
  });
});

describe("re-sync and drift", () => {
  it("a second run from the returned state reads the event log and the overlap only, then the rows created since", async () => {
    const overlapMs = 6 * 3_600_000;
    const { sim, session, base } = await setup({}, { overlapMs });
    const first = await run<CloseActivitiesState>(session, "activities");
    const hwm = first.last.state.hwm!;
    const second = await run<CloseActivitiesState>(session, "activities", first.last.state);
    const firstIds = new Set(first.activities.map((a) => a.id));
    expect(second.activities.length).toBeLessThan(first.activities.length);
    for (const a of second.activities) expect(firstIds.has(a.id)).toBe(true);
    const since = Date.parse(hwm) - overlapMs;
    // …and what the event log says changed since 5 minutes before the first run's read (re-read by id).
    const rescan = Date.parse(first.last.state.eventsAt!) - 5 * 60_000;
    const expected = sim.data.activities
      .filter((a) => Date.parse(a.date_created) >= since || Date.parse(a.date_updated) > rescan)
      .map((a) => a.id);
    // (An item both re-read and in the overlap comes twice: rows upsert by id.)
    expect([...new Set(second.activities.map((a) => a.id))].sort()).toEqual(activityIds([...new Set(expected)]));
    expect(second.last.state.eventsAt! > first.last.state.eventsAt!).toBe(true);
    // New rows in Close after the run: the next run has them.
    const before = sim.data.activities.length;
    sim.faults.set({ driftPerRequest: 3, pathIncludes: "/activity/" });
    await fetch(`${base}/activity/?_limit=1`, { headers: { authorization: basicAuth(DEMO_API_KEY) } });
    sim.faults.clear();
    const added = sim.data.activities.slice(before).map((a) => `close:${a.id}`);
    expect(added).toHaveLength(3);
    await new Promise((r) => setTimeout(r, 5));
    const third = await run<CloseActivitiesState>(session, "activities", second.last.state);
    for (const id of added) expect(third.activities.map((a) => a.id)).toContain(id);
  });

  it("page drift during the run loses nothing created before it, and the next run picks up the new rows", async () => {
    const { sim, session } = await setup(
      { faults: { driftPerRequest: 2, pathIncludes: "/activity/" } },
      { initialWindowMs: 30 * 86_400_000 },
    );
    const existing = activityIds(sim.data.activities.map((a) => a.id));
    const r = await run<CloseActivitiesState>(session, "activities");
    const got = r.activities.map((a) => a.id);
    expect(new Set(got).size).toBe(got.length);
    expect(got.slice().sort()).toEqual(existing);
    const drifted = sim.data.activities.length - existing.length;
    expect(drifted).toBeGreaterThan(0);
    sim.faults.clear();
    const next = await run<CloseActivitiesState>(session, "activities", r.last.state);
    const all = new Set([...got, ...next.activities.map((a) => a.id)]);
    expect([...all].sort()).toEqual(activityIds(sim.data.activities.map((a) => a.id)));
  });
});

describe("Close's _skip maximum", () => {
  // VENDORS.md: "_skip has a maximum (400 past it …): page by date_created windows, not by ever-growing skips"
  it("never asks past the maximum: a window too big for it is split", async () => {
    const { sim, session } = await setup(
      { maxSkip: 300 },
      { maxSkip: 300, initialWindowMs: 180 * 86_400_000, targetPagesPerWindow: 1000 },
    );
    const r = await run<CloseActivitiesState>(session, "activities");
    expect(sim.data.activities.length).toBeGreaterThan(400); // one window would need a skip past 300
    expect(r.activities.map((a) => a.id).sort()).toEqual(activityIds(sim.data.activities.map((a) => a.id)));
    expect(new Set(r.activities.map((a) => a.id)).size).toBe(r.activities.length);
    expect(sim.stats.maxActivitySkip).toBeLessThanOrEqual(300);
    expect(sim.stats.byStatus[400]).toBeUndefined();
  });

  it("(the same run told a larger maximum is refused by the simulator, with a typed error)", async () => {
    const { session } = await setup(
      { maxSkip: 300 },
      { initialWindowMs: 180 * 86_400_000, targetPagesPerWindow: 1000 },
    );
    const err = await rejectionOf(run(session, "activities"));
    expect(err).toBeInstanceOf(VendorRequestError);
    expect((err as VendorRequestError).status).toBe(400);
    expectNoSecret(err);
  });
});

describe("faults", () => {
  it("survives a 429 storm, waiting Close's reset and reporting the wait", async () => {
    const { sim, session, waits } = await setup({ faults: { status429: 4, retryAfterSeconds: 0.05 } });
    const r = await run(session, "tasks");
    expect(r.tasks).toHaveLength(sim.data.tasks.length);
    expect(sim.stats.byStatus[429]).toBe(4);
    expect(waits.length).toBeGreaterThan(0);
  });

  it("survives a burst of 5xx", async () => {
    const { sim, session } = await setup({ faults: { status5xx: 3, errorStatus: 503 } });
    const r = await run(session, "activities");
    expect(r.activities).toHaveLength(sim.data.activities.length);
    expect(sim.stats.byStatus[503]).toBe(3);
  });

  it("survives a hung request (timeout, then retry)", async () => {
    const { sim, session } = await setup({ faults: { hang: 1 } });
    const r = await run(session, "contacts");
    expect(r.people).toHaveLength(sim.data.contacts.length);
  });

  it("survives malformed JSON and truncated bodies", async () => {
    const { sim, session } = await setup({ faults: { malformedJson: 2 } });
    expect((await run(session, "tasks")).tasks).toHaveLength(sim.data.tasks.length);
    sim.faults.set({ truncate: 2 });
    expect((await run(session, "tasks")).tasks).toHaveLength(sim.data.tasks.length);
  });

  it.each([
    ["5xx", { status5xx: 1000 }],
    ["hangs", { hang: 1000 }],
    ["truncated bodies", { truncate: 1000 }],
    ["429s", { status429: 1000, retryAfterSeconds: 0.01 }],
  ])("persistent %s end in VendorUnavailableError without the key", async (_name, faults) => {
    const { session } = await setup({ faults }, { client: { maxRateLimitRetries: 3, timeoutMs: 150 } });
    const err = await rejectionOf(run(session, "activities"));
    expect(err).toBeInstanceOf(VendorUnavailableError);
    expectNoSecret(err);
  });

  it("a key revoked mid-sync ends in VendorAuthError", async () => {
    const { sim, session } = await setup();
    const stream = session.streams().find((s) => s.name === "activities")!;
    const pages: unknown[] = [];
    const err = await rejectionOf(
      (async () => {
        for await (const p of stream.pages(null)) {
          pages.push(p);
          sim.faults.set({ revokeKey: true });
        }
      })(),
    );
    expect(pages).toHaveLength(1);
    expect(err).toBeInstanceOf(VendorAuthError);
    expectNoSecret(err);
  });

  it("an unreadable row is skipped and reported (id and paths, no key); the sync goes on", async () => {
    const { sim, session, warnings } = await setup();
    const i = 100;
    const odd = { ...sim.data.activities[i]!, id: null } as unknown as (typeof sim.data.activities)[number];
    sim.data.activities.splice(i, 0, odd);
    const r = await run(session, "activities");
    expect(r.pages.reduce((n, p) => n + (p.skipped ?? 0), 0)).toBe(1);
    expect(r.activities).toHaveLength(sim.data.activities.length - 1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.fields).toMatchObject({ id: null, issues: ["id"] });
    expect(JSON.stringify(warnings)).not.toContain(DEMO_API_KEY);
  });
});

describe("rate limit", () => {
  // VENDORS.md: "per key and endpoint group; header RateLimit: limit=…, remaining=…, reset=… (seconds)"
  it("slows down from the RateLimit header: a small budget is never exceeded", async () => {
    const { sim, session, waits } = await setup(
      { rateLimit: { limit: 3, windowMs: 700 } },
      { pageSize: 3, client: { pace: { limit: 1000, windowMs: 10_000 } } },
    );
    const r = await run(session, "contacts");
    expect(r.people).toHaveLength(sim.data.contacts.length);
    expect(sim.stats.requests).toBeGreaterThan(6);
    expect(sim.stats.byStatus[429]).toBeUndefined();
    expect(waits.length).toBeGreaterThan(0);
  });
});

describe("refreshPerson", () => {
  it("from a contact id: the lead's people, every activity and every task of the lead", async () => {
    const { sim, session } = await setup();
    const contact = sim.data.contacts.find((c) => sim.data.tasks.some((t) => t.lead_id === c.lead_id))!;
    const batch: SyncBatch = await session.refreshPerson({
      email: contact.emails[0]!.email,
      identities: [{ vendorId: contact.id, kind: "contact" }],
    });
    const leadActs = sim.data.activities.filter((a) => a.lead_id === contact.lead_id).map((a) => a.id);
    expect(batch.activities!.map((a) => a.id).sort()).toEqual(activityIds(leadActs));
    expect(batch.tasks!.map((t) => t.id).sort()).toEqual(
      sim.data.tasks
        .filter((t) => t.lead_id === contact.lead_id)
        .map((t) => `close:${t.id}`)
        .sort(),
    );
    const me = batch.people!.find((p) => p.identities[0]!.vendorId === contact.id)!;
    expect(me.email).toBe(contact.emails[0]!.email);
    const mine = batch.activities!.filter((a) => a.person?.identities[0]!.vendorId === contact.id);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((a) => a.person!.email === contact.emails[0]!.email)).toBe(true);
  });

  it("from a lead id, and nothing (no request) for a person without a Close identity", async () => {
    const { sim, session } = await setup();
    const lead = sim.data.leads[1]!;
    const batch = await session.refreshPerson({ email: null, identities: [{ vendorId: lead.id, kind: "lead" }] });
    expect(batch.activities!.length).toBe(sim.data.activities.filter((a) => a.lead_id === lead.id).length);
    const before = sim.stats.requests;
    const none = await session.refreshPerson({
      email: "someone@else.example",
      identities: [{ vendorId: "lea_123", kind: "lead" }],
    });
    expect(none).toEqual({ people: [], activities: [], tasks: [] });
    expect(sim.stats.requests).toBe(before);
  });
});
