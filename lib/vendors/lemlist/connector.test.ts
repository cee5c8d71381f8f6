import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { withServer } from "@/tests/helpers/with-server";
import { BASE_PATH, createLemlistSimulator, type LemlistSimulator } from "@/lib/sandbox/lemlist/simulator";
import type { Faults } from "@/lib/sandbox/shared/faults";
import { serveHandler, type RunningServer } from "@/lib/sandbox/shared/serve";
import { createWorld } from "@/lib/sandbox/shared/world";
import { VendorAuthError, VendorUnavailableError } from "@/lib/vendors/shared/errors";
import type { ConnectorContext, Stream, StreamPage } from "@/lib/vendors/types";
import { lemlistActivityId } from "./calls";
import { createLemlistConnector, type ActivitiesState, type LemlistConnectorOptions } from "./index";
import type { LemlistActivityRow } from "./schemas";

// The connector against the lemlist simulator over real HTTP on 127.0.0.1.

const NOW = new Date("2026-11-24T12:00:00Z").getTime();
const KEY = "9b1e4c7d2a6f48e0b3c5d7f9a1e2c4b6";
const world = () => createWorld({ people: 60, activities: 3000, campaigns: 12, tasks: 200, now: new Date(NOW) });
/** Fast pacing for tests: the simulator's limit is raised to match (the documented pace has a test of its own). */
const FAST: LemlistConnectorOptions = {
  pace: { limit: 5000, windowMs: 1000 },
  maxBackoffMs: 20,
  maxRetries: 3,
  maxRateLimitRetries: 8,
  timeoutMs: 3000,
};

interface Harness {
  sim: LemlistSimulator;
  server: RunningServer;
  baseUrl: string;
  /** The connector's clock; the simulator's drift items are created one second after it. */
  clock: { t: number };
  statuses: number[];
}

async function startHarness(opts: Parameters<typeof createLemlistSimulator>[1] = {}): Promise<Harness> {
  const clock = { t: NOW + 3_600_000 };
  const sim = createLemlistSimulator(world(), {
    apiKey: KEY,
    rateLimit: { limit: 5000, windowMs: 1000 },
    now: () => clock.t + 1000,
    ...opts,
  });
  const statuses: number[] = [];
  const server = await serveHandler(async (req) => {
    const res = await sim.handler(req);
    statuses.push(res.status);
    return res;
  });
  return { sim, server, baseUrl: server.url + BASE_PATH, clock, statuses };
}

function ctxFor(
  h: Harness,
  extra: Partial<ConnectorContext> = {},
): ConnectorContext & { warnings: { message: string; fields?: Record<string, unknown> }[] } {
  const warnings: { message: string; fields?: Record<string, unknown> }[] = [];
  return {
    baseUrl: h.baseUrl,
    apiKey: KEY,
    now: () => new Date(h.clock.t),
    warn: (message, fields) => warnings.push({ message, fields }),
    warnings,
    ...extra,
  };
}

async function drain<S>(stream: Stream<S>, state: S | null): Promise<StreamPage<S>[]> {
  const pages: StreamPage<S>[] = [];
  for await (const p of stream.pages(state)) {
    pages.push(p);
    if (pages.length > 10_000) throw new Error("runaway stream");
  }
  return pages;
}

function streamsOf(h: Harness, options: LemlistConnectorOptions = FAST, ctx = ctxFor(h)) {
  const session = createLemlistConnector(options).open(ctx);
  const [campaigns, activities, tasks] = session.streams() as [Stream, Stream<ActivitiesState>, Stream];
  return { session, campaigns: campaigns!, activities: activities!, tasks: tasks!, ctx };
}

const activityIds = (pages: StreamPage<unknown>[]) => pages.flatMap((p) => p.batch.activities ?? []).map((a) => a.id);
/** Touchline's ids for the simulator's rows: an Aircall call's rows share one. */
const simActivityIds = (sim: LemlistSimulator, upTo = Infinity) => [
  ...new Set(
    sim.data.activities
      .filter((a) => Date.parse(a.createdAt) < upTo)
      .map((a) => lemlistActivityId(a as unknown as LemlistActivityRow)),
  ),
];
const openTaskIds = (sim: LemlistSimulator) =>
  sim.data.tasks.filter((t) => !sim.data.doneTaskIds.has(t._id)).map((t) => `lemlist:${t._id}`);
const sorted = (xs: string[]) => [...xs].sort();

async function expectKeyless(p: Promise<unknown>, type: new (...args: never[]) => Error): Promise<Error> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(type);
  expect((err as Error).message).not.toContain(KEY);
  expect((err as Error).message).not.toContain(Buffer.from(`:${KEY}`).toString("base64"));
  return err as Error;
}

describe("lemlist connector", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.server.close();
  });
  afterEach(() => {
    h.sim.faults.clear();
  });

  it("verifyKey: the key is accepted; a wrong key → VendorAuthError without the key in the message", async () => {
    await createLemlistConnector(FAST).open(ctxFor(h)).verifyKey();
    const wrong = "ffffffffffffffffffffffffffffffff";
    const err = await expectKeyless(
      createLemlistConnector(FAST)
        .open({ ...ctxFor(h), apiKey: wrong })
        .verifyKey(),
      VendorAuthError,
    );
    expect(err.message).not.toContain(wrong);
  });

  it("full sync: campaigns with stats, every activity once, every open task, and the reconciliation list", async () => {
    const s = streamsOf(h);
    const runStart = h.clock.t;

    const cPages = await drain(s.campaigns, null);
    const campaigns = cPages.flatMap((p) => p.batch.campaigns ?? []);
    expect(sorted(campaigns.map((c) => c.vendorId))).toEqual(sorted(h.sim.data.campaigns.map((c) => c._id)));
    const first = campaigns.find((c) => c.vendorId === h.sim.data.campaigns[0]!._id)!;
    const sent = h.sim.data.byCampaign.get(first.vendorId)!.filter((a) => a.type === "emailsSent").length;
    expect(first.vendorReported!.sent).toBe(sent);
    expect(first.vendorReported!.replyRate).toBeCloseTo(
      first.vendorReported!.replied! / first.vendorReported!.opened!,
      3,
    );
    expect(first.url).toBe(`https://app.lemlist.com/teams/${h.sim.data.team._id}/campaigns/${first.vendorId}`);
    expect(cPages.at(-1)!.state).toEqual({
      listedAt: new Date(runStart).toISOString(),
      figuresReadAt: Object.fromEntries(h.sim.data.campaigns.map((c) => [c._id, new Date(runStart).toISOString()])),
    });

    const aPages = await drain(s.activities, null);
    const ids = activityIds(aPages);
    expect(new Set(ids).size).toBe(ids.length);
    expect(sorted(ids)).toEqual(sorted(simActivityIds(h.sim)));
    // Only the last page of a window moves the mark; it never goes back and ends at the run's start.
    let prev = "";
    for (const p of aPages) {
      const hwm = (p.state as ActivitiesState).hwm ?? "";
      expect(hwm >= prev).toBe(true);
      prev = hwm;
    }
    const end = aPages.at(-1)!.state as ActivitiesState;
    expect(end.hwm).toBe(new Date(runStart).toISOString());
    // Full history: read back until lemlist had nothing older, newest window first.
    expect(end.exhausted).toBe(true);
    expect(aPages.at(-1)!.progress!.historyComplete).toBe(true);
    expect(aPages.at(-1)!.progress!.historyBackTo).toBe(end.oldest);
    const backTos = aPages.map((p) => (p.state as ActivitiesState).backTo!);
    expect([...backTos].sort().reverse()).toEqual(backTos);
    expect(Date.parse(backTos[0]!)).toBeGreaterThan(runStart - 8 * 86_400_000);
    // A full page is never the last of its window: it carries the state of the page before it.
    let fullPages = 0;
    aPages.forEach((p, i) => {
      // Rows read on this page (an Aircall call's rows become one item, so count rows read).
      if (p.progress!.done - (i > 0 ? aPages[i - 1]!.progress!.done : 0) < 100) return;
      fullPages++;
      if (i > 0) expect(p.state).toEqual(aPages[i - 1]!.state);
    });
    expect(fullPages).toBeGreaterThan(0);
    expect(aPages[0]!.progress!.window).toMatch(/^\d{4}-\d{2}-\d{2}.* → \d{4}-\d{2}-\d{2}/);

    const tPages = await drain(s.tasks, null);
    const tasks = tPages.flatMap((p) => p.batch.tasks ?? []);
    expect(sorted(tasks.map((t) => t.id))).toEqual(sorted(openTaskIds(h.sim)));
    expect(tPages.slice(0, -1).every((p) => !p.reconcileOpenTasks)).toBe(true);
    expect(sorted(tPages.at(-1)!.reconcileOpenTasks!.seenTaskIds)).toEqual(sorted(openTaskIds(h.sim)));
    // DESIGN.md: a lemlist day task (midnight UTC) stays a calendar day.
    const day = tasks.find((t) => (t.raw as { dueDate?: string }).dueDate?.endsWith("T00:00:00.000Z"))!;
    expect(day.dueIsDateOnly).toBe(true);
    expect(day.dueDate).toBe((day.raw as { dueDate: string }).dueDate.slice(0, 10));
    expect(s.ctx.warnings).toEqual([]);
    expect(h.statuses.filter((x) => x === 429)).toEqual([]);
  });

  it("a second run from the stored state only re-reads the overlap, and adds nothing new", async () => {
    const overlapMs = 10 * 86_400_000;
    const s = streamsOf(h, { ...FAST, overlapMs });
    const firstPages = await drain(s.activities, null);
    const firstIds = new Set(activityIds(firstPages));
    const state = firstPages.at(-1)!.state as ActivitiesState;
    h.clock.t += 60_000;
    const again = await drain(streamsOf(h, { ...FAST, overlapMs }).activities, state);
    const againActs = again.flatMap((p) => p.batch.activities ?? []);
    expect(againActs.length).toBeGreaterThan(0);
    for (const a of againActs) {
      expect(firstIds.has(a.id)).toBe(true);
      expect(Date.parse(a.occurredAt)).toBeGreaterThanOrEqual(Date.parse(state.hwm!) - overlapMs);
    }
    expect(again.at(-1)!.state.hwm).toBe(new Date(h.clock.t).toISOString());
    // The first run read the whole history: the second only reads what is new.
    expect(again.at(-1)!.progress!.historyComplete).toBe(true);
  });

  it("page drift during a run loses nothing created before it; the next run picks up the new items", async () => {
    await withServer(startHarness({ faults: { driftPerRequest: 2, pathIncludes: "/activities" } }), async (d) => {
      const s = streamsOf(d);
      const before = new Set(simActivityIds(d.sim));
      const pages = await drain(s.activities, null);
      const ids = activityIds(pages);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of before) expect(ids).toContain(id);
      const added = d.sim.data.activities.length - before.size;
      expect(added).toBeGreaterThan(10);
      d.sim.faults.clear();
      d.clock.t += 60_000;
      const next = await drain(streamsOf(d).activities, pages.at(-1)!.state as ActivitiesState);
      expect(sorted([...new Set([...ids, ...activityIds(next)])])).toEqual(sorted(simActivityIds(d.sim)));
    });
  });

  it("a task done at lemlist disappears from the listing and from the reconciliation ids", async () => {
    const victim = openTaskIds(h.sim)[0]!;
    h.sim.data.completeTask(victim.slice("lemlist:".length));
    const pages = await drain(streamsOf(h).tasks, null);
    expect(pages.flatMap((p) => p.batch.tasks ?? []).map((t) => t.id)).not.toContain(victim);
    expect(pages.at(-1)!.reconcileOpenTasks!.seenTaskIds).not.toContain(victim);
    expect(sorted(pages.at(-1)!.reconcileOpenTasks!.seenTaskIds)).toEqual(sorted(openTaskIds(h.sim)));
  });

  it.each<[string, Faults]>([
    ["a 429 storm", { status429: 6, retryAfterSeconds: 0 }],
    ["a 5xx burst", { status5xx: 3, errorStatus: 502 }],
    ["malformed JSON", { malformedJson: 3 }],
    ["truncated bodies", { truncate: 3 }],
  ])("survives %s (retried) and still gets every item", async (_name, faults) => {
    h.sim.faults.set(faults);
    const ids = activityIds(await drain(streamsOf(h).activities, null));
    expect(sorted(ids)).toEqual(sorted(simActivityIds(h.sim)));
    expect(h.sim.faults.current).not.toMatchObject(faults);
  });

  it("survives a hang (request timeout, then retry)", async () => {
    h.sim.faults.set({ hang: 1 });
    const ids = activityIds(await drain(streamsOf(h, { ...FAST, timeoutMs: 300 }).activities, null));
    expect(sorted(ids)).toEqual(sorted(simActivityIds(h.sim)));
    expect(h.sim.faults.current.hang).toBe(0);
  });

  it.each<[string, Faults, LemlistConnectorOptions]>([
    ["persistent 5xx", { status5xx: 1000 }, FAST],
    ["a persistent 429", { status429: 1000, retryAfterSeconds: 0 }, FAST],
    ["persistent hangs", { hang: 1000 }, { ...FAST, timeoutMs: 150, maxRetries: 2 }],
    ["persistent garbage", { malformedJson: 1000 }, FAST],
  ])("%s → a typed VendorUnavailableError without the key", async (_name, faults, options) => {
    h.sim.faults.set(faults);
    await expectKeyless(drain(streamsOf(h, options).activities, null), VendorUnavailableError);
  });

  it("a key revoked mid-sync → VendorAuthError", async () => {
    const s = streamsOf(h);
    const it = s.activities.pages(null)[Symbol.asyncIterator]();
    await it.next();
    h.sim.faults.set({ revokeKey: true });
    await expectKeyless(
      (async () => {
        for (;;) if ((await it.next()).done) return;
      })(),
      VendorAuthError,
    );
  });

  it("an unreadable row is skipped, counted and logged with its id and issue paths — the rest syncs", async () => {
    const victim = h.sim.data.activities[100]!;
    const type = victim.type;
    (victim as { type: unknown }).type = 42;
    try {
      const s = streamsOf(h);
      const pages = await drain(s.activities, null);
      expect(pages.reduce((n, p) => n + (p.skipped ?? 0), 0)).toBe(1);
      const ids = activityIds(pages);
      expect(ids).not.toContain(`lemlist:${victim._id}`);
      expect(ids).toHaveLength(simActivityIds(h.sim).length - 1);
      expect(s.ctx.warnings).toHaveLength(1);
      expect(s.ctx.warnings[0]!.fields).toEqual({ id: victim._id, issues: ["type"] });
      expect(JSON.stringify(s.ctx.warnings)).not.toContain(KEY);
    } finally {
      victim.type = type;
    }
  });

  it("refreshPerson: every lead of the email (one per campaign), their activities and open tasks", async () => {
    const entries = [...h.sim.data.leadsByEmail.values()].find(
      (l) => l.length > 1 && h.sim.data.tasks.some((t) => l.some((e) => e.lead._id === t.leadId)),
    )!;
    const email = entries[0]!.lead.variables.email;
    const session = createLemlistConnector(FAST).open(ctxFor(h));
    const batch = await session.refreshPerson({ email: ` ${email.toUpperCase()} `, identities: [] });
    const leadIds = entries.map((e) => e.lead._id);
    const expected = [
      ...new Set(
        h.sim.data.activities
          .filter((a) => a.leadId && leadIds.includes(a.leadId))
          .map((a) => lemlistActivityId(a as unknown as LemlistActivityRow)),
      ),
    ];
    expect(sorted(batch.activities!.map((a) => a.id))).toEqual(sorted(expected));
    const expectedTasks = h.sim.data.tasks.filter(
      (t) =>
        !h.sim.data.doneTaskIds.has(t._id) &&
        t.leadId &&
        h.sim.data.leadById.get(t.leadId)!.lead.variables.email === email,
    );
    expect(sorted(batch.tasks!.map((t) => t.id))).toEqual(sorted(expectedTasks.map((t) => `lemlist:${t._id}`)));
    expect(batch.people).toHaveLength(entries.length);
    expect(
      batch.people!.every((p) =>
        p.identities.some((i) => i.kind === "contact" && i.vendorId === entries[0]!.lead.contactId),
      ),
    ).toBe(true);

    // By lead identity alone (no email), and an unknown email (lemlist's 404) gives nothing.
    const byLead = await session.refreshPerson({ email: null, identities: [{ vendorId: leadIds[0]!, kind: "lead" }] });
    expect(byLead.activities!.length).toBe(
      new Set(h.sim.data.byLead.get(leadIds[0]!)!.map((a) => lemlistActivityId(a as unknown as LemlistActivityRow)))
        .size,
    );
    expect(await session.refreshPerson({ email: "nobody@nowhere.example", identities: [] })).toEqual({
      people: [],
      activities: [],
      tasks: [],
    });
  });

  it("the campaigns listing is also read when it comes as a bare array (shape unverified)", async () => {
    await withServer(startHarness({ campaignsAsArray: true }), async (a) => {
      const campaigns = (await drain(streamsOf(a).campaigns, null)).flatMap((p) => p.batch.campaigns ?? []);
      expect(campaigns).toHaveLength(a.sim.data.campaigns.length);
    });
  });
});

describe("lemlist campaign stats at most every 6 hours", () => {
  it("a listing within 6 hours of the last stats reads none; after 6 hours it reads them again", async () => {
    await withServer(startHarness(), async (h) => {
      const first = await drain(streamsOf(h).campaigns, null);
      const state = first.at(-1)!.state;
      const requests = () => h.statuses.length;

      h.clock.t += 3 * 3_600_000;
      const before = requests();
      const again = await drain(streamsOf(h).campaigns, state);
      const listed = again.flatMap((p) => p.batch.campaigns ?? []);
      expect(listed.length).toBe(h.sim.data.campaigns.length);
      // Names and statuses still come; the stored stats stay (the writer keeps them).
      expect(listed.every((c) => c.vendorReported === null)).toBe(true);
      expect(requests() - before, "the listing alone").toBeLessThanOrEqual(Math.ceil(listed.length / 100) + 1);
      expect(again.at(-1)!.state).toMatchObject({ figuresReadAt: (state as { figuresReadAt: object }).figuresReadAt });

      h.clock.t += 3 * 3_600_000;
      const later = await drain(streamsOf(h).campaigns, again.at(-1)!.state);
      const sent = later.flatMap((p) => p.batch.campaigns ?? []).filter((c) => c.vendorReported);
      expect(sent.length).toBe(h.sim.data.campaigns.length);
    });
  });
});

describe("lemlist's open-task listing on scheduled syncs", () => {
  it("a scheduled sync within 30 minutes of the last whole listing reads no task page; later, or when a person asks, it lists", async () => {
    const h = await startHarness();
    try {
      const requests = () => h.statuses.length;
      const scheduled = (extra: Partial<ConnectorContext> = {}) =>
        streamsOf(h, FAST, ctxFor(h, { scheduled: true, ...extra })).tasks;
      const first = await drain(streamsOf(h).tasks, null);
      const listed = first.at(-1)!;
      expect(listed.reconcileOpenTasks?.seenTaskIds.length).toBe(openTaskIds(h.sim).length);

      h.clock.t += 20 * 60_000;
      let before = requests();
      expect(await drain(scheduled(), listed.state)).toEqual([]);
      expect(requests() - before, "no task page read").toBe(0);

      // A person's sync (not scheduled) lists at once, and reconciles.
      before = requests();
      const asked = await drain(streamsOf(h).tasks, listed.state);
      expect(requests() - before).toBeGreaterThan(0);
      expect(asked.at(-1)!.reconcileOpenTasks?.seenTaskIds.length).toBe(openTaskIds(h.sim).length);

      // Half an hour after the last whole listing, a scheduled sync lists again.
      h.clock.t += 31 * 60_000;
      const later = await drain(scheduled(), asked.at(-1)!.state);
      expect(later.at(-1)!.reconcileOpenTasks).toBeDefined();
      // A stored listing time in the future (a clock moved back) is not trusted.
      const future = { listedAt: new Date(h.clock.t + 3_600_000).toISOString() };
      expect((await drain(scheduled(), future)).at(-1)!.reconcileOpenTasks).toBeDefined();
    } finally {
      await h.server.close();
    }
  });
});

describe("lemlist's team id is learnt once", () => {
  it("a session reports the team id it read; one opened with it stored reads no GET /team", async () => {
    const h = await startHarness();
    try {
      const reported: Record<string, unknown>[] = [];
      let before = h.statuses.length;
      const first = await drain(streamsOf(h, FAST, ctxFor(h, { onMeta: (m) => reported.push(m) })).campaigns, null);
      const withTeamRead = h.statuses.length - before;
      expect(reported).toContainEqual({ teamId: h.sim.data.team._id });

      before = h.statuses.length;
      const stored = ctxFor(h, { meta: { teamId: h.sim.data.team._id }, onMeta: (m) => reported.push(m) });
      const again = await drain(streamsOf(h, FAST, stored).campaigns, null);
      expect(h.statuses.length - before).toBe(withTeamRead - 1);
      // Deep links still carry the team.
      const url = again.flatMap((p) => p.batch.campaigns ?? [])[0]!.url;
      expect(url).toBe(first.flatMap((p) => p.batch.campaigns ?? [])[0]!.url);
      expect(url).toContain(`/teams/${h.sim.data.team._id}/`);
    } finally {
      await h.server.close();
    }
  });
});

describe("lemlist connector at the documented pace (20 requests / 2 s)", () => {
  it("a full sync against the documented limit provokes no 429", async () => {
    await withServer(startHarness({ rateLimit: { limit: 20, windowMs: 2000 } }), async (h) => {
      // Small windows force many requests, so the run crosses several 2-second windows.
      const options: LemlistConnectorOptions = {
        initialWindowMs: 2.5 * 86_400_000,
        maxWindowMs: 2.5 * 86_400_000,
      };
      let waited = 0;
      const session = createLemlistConnector(options).open({ ...ctxFor(h), onRateLimitWait: (ms) => (waited += ms) });
      const [, activities] = session.streams();
      const pages = await drain(activities!, null);
      expect(sorted(activityIds(pages))).toEqual(sorted(simActivityIds(h.sim)));
      expect(h.statuses.length).toBeGreaterThan(45);
      expect(h.statuses.filter((x) => x === 429)).toEqual([]);
      expect(waited).toBeGreaterThan(0);
    });
  }, 60_000);
});
