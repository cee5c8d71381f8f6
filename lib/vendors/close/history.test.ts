import { afterEach, describe, expect, it } from "vitest";
import { BASE_PATH, createCloseSimulator, type CloseSimulatorOptions } from "@/lib/sandbox/close/simulator";
import { serveHandler, type RunningServer } from "@/lib/sandbox/shared/serve";
import { createWorld } from "@/lib/sandbox/shared/world";
import type { ConnectorSession, StreamPage } from "@/lib/vendors/types";
import { createCloseConnector, type CloseActivitiesState, type CloseConnectorOptions } from "./index";

// The Close connector over time, against the simulator over real HTTP: the full history
// newest first, the horizon, resuming a backfill, and the event log (issues 13 and 19).

const DAY = 86_400_000;
const worldNow = Date.parse("2026-11-24T12:00:00Z");
const world = createWorld({ people: 50, activities: 2000, tasks: 80, now: new Date(worldNow) });
const FAST: CloseConnectorOptions["client"] = {
  pace: { limit: 10_000, windowMs: 10_000 },
  timeoutMs: 2000,
  maxBackoffMs: 20,
};

const open: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

/** A simulator and a connector sharing a clock the test moves. */
async function setup(simOpts: CloseSimulatorOptions = {}, connOpts: CloseConnectorOptions = {}) {
  const t = { now: worldNow + 60_000 };
  const sim = createCloseSimulator(world, {
    now: () => t.now,
    rateLimit: { limit: 100_000, windowMs: 10_000 },
    ...simOpts,
  });
  const server = await serveHandler(sim.handler);
  open.push(server);
  const connector = createCloseConnector({ ...connOpts, client: FAST });
  const session = (history?: { from: string | null }) =>
    connector.open({ baseUrl: server.url + BASE_PATH, apiKey: sim.apiKey, now: () => new Date(t.now), history });
  return { sim, t, session };
}

async function run<S = unknown>(session: ConnectorSession, name: string, state: S | null = null, stopAfter = Infinity) {
  const stream = session.streams().find((s) => s.name === name)!;
  const pages: StreamPage<S>[] = [];
  for await (const p of stream.pages(state)) {
    pages.push(p as StreamPage<S>);
    if (pages.length >= stopAfter) break;
  }
  return {
    pages,
    last: pages.at(-1)!,
    activities: pages.flatMap((p) => p.batch.activities ?? []),
    people: pages.flatMap((p) => p.batch.people ?? []),
    tasks: pages.flatMap((p) => p.batch.tasks ?? []),
    deleted: pages.flatMap((p) => p.deleted?.activities ?? []),
    warnings: pages.flatMap((p) => p.warnings ?? []),
  };
}

/** Every stream of a sync in the engine's order, each from its stored state; the new states. */
async function sync(session: ConnectorSession, states: Record<string, unknown> = {}) {
  const out: Record<string, Awaited<ReturnType<typeof run>>> = {};
  for (const stream of session.streams()) {
    out[stream.name] = await run(session, stream.name, states[stream.name] ?? null);
    if (out[stream.name]!.last) states[stream.name] = out[stream.name]!.last.state;
  }
  return out;
}

const ids = (rows: { id: string }[]) => [...new Set(rows.map((r) => r.id))].sort();
const all = (sim: { data: { activities: { id: string }[] } }) => sim.data.activities.map((a) => `close:${a.id}`).sort();

describe("the full history, newest first (issue 19)", () => {
  it("honours the horizon, and moving it back reads only the missing span", async () => {
    const { sim, session } = await setup();
    const from = new Date(worldNow - 90 * DAY).toISOString();
    const first = await run<CloseActivitiesState>(session({ from }), "activities");
    const created = new Map(sim.data.activities.map((a) => [`close:${a.id}`, a.date_created]));
    expect(first.activities.length).toBeGreaterThan(100);
    for (const a of first.activities) expect(Date.parse(created.get(a.id)!)).toBeGreaterThanOrEqual(Date.parse(from));
    expect(first.last.state.backTo).toBe(from);
    expect(first.last.progress).toMatchObject({ historyBackTo: from, historyComplete: true });
    // Back to everything: the backfill carries on below the old horizon, nothing above it again.
    const second = await run<CloseActivitiesState>(session({ from: null }), "activities", first.last.state);
    expect(ids([...first.activities, ...second.activities])).toEqual(all(sim));
    const again = second.activities.filter((a) => created.get(a.id)! >= from.replace("Z", ""));
    expect(again.length).toBeLessThan(20); // the top's one-hour overlap and the event log's re-scan only
    expect(second.last.progress).toMatchObject({ historyComplete: true });
  });

  it("resumes a backfill cut short from its last committed window", async () => {
    const { sim, session } = await setup({}, { initialWindowMs: 5 * DAY });
    const cut = await run<CloseActivitiesState>(session(), "activities", null, 12);
    // What the engine would have stored: the last page's state.
    const saved = cut.last.state;
    expect(Date.parse(saved.backTo!)).toBeLessThan(Date.parse(saved.hwm!));
    expect(saved.exhausted).toBe(false);
    const before = sim.stats.requests;
    const rest = await run<CloseActivitiesState>(session(), "activities", saved);
    expect(ids([...cut.activities, ...rest.activities])).toEqual(all(sim));
    const created = new Map(sim.data.activities.map((a) => [`close:${a.id}`, Date.parse(a.date_created)]));
    const reread = rest.activities.filter((a) => {
      const at = created.get(a.id)!;
      return at >= Date.parse(saved.backTo!) && at < Date.parse(saved.hwm!) - 3_600_000;
    });
    expect(reread.length).toBeLessThan(10); // only what the event log's re-scan brings back
    expect(sim.stats.requests - before).toBeGreaterThan(0);
    expect(rest.last.progress?.historyComplete).toBe(true);
  });
});

describe("the event log (issue 13)", () => {
  it("an incremental sync with nothing new costs one event-log page and at most three other requests", async () => {
    const { sim, t, session } = await setup();
    const states: Record<string, unknown> = {};
    await sync(session(), states);
    t.now += 15 * 60_000;
    const before: Record<string, number> = { ...sim.stats.byResource };
    const total = sim.stats.requests;
    const second = await sync(session(), states);
    const spent = (r: string) => (sim.stats.byResource[r] ?? 0) - (before[r] ?? 0);
    expect(spent("event")).toBe(1);
    expect(sim.stats.requests - total - spent("event")).toBeLessThanOrEqual(3);
    expect(second.contacts!.pages).toHaveLength(0);
    expect(second.tasks!.pages).toHaveLength(0);
  });

  it("applies edits, deletions, sends of scheduled emails and task changes made between two syncs", async () => {
    const { sim, t, session } = await setup();
    const states: Record<string, unknown> = {};
    const call = sim.data.activities.findLast((a) => a._type === "Call" && a.contact_id)!;
    const note = sim.data.activities.findLast((a) => a._type === "Note" && a.contact_id)!;
    const contact = sim.data.contacts[5]!;
    t.now += 60_000;
    const scheduled = sim.changes.scheduleEmail(contact.id, t.now + 2 * DAY);
    t.now += 60_000;
    const first = await sync(session(), states);
    const mapped = first.activities!.activities.find((a) => a.id === `close:${scheduled.id}`)!;
    expect(mapped).toMatchObject({ kind: "email_sent", state: "scheduled" });
    expect(mapped.occurredAt).toBe(new Date(t.now - 60_000 + 2 * DAY).toISOString());

    t.now += 3_600_000;
    sim.changes.editActivity(call.id, { note: "Wrote this up an hour later: budget approved." });
    sim.changes.deleteActivity(note.id);
    const sentAt = t.now;
    sim.changes.sendScheduledEmail(scheduled.id);
    const task = sim.data.tasks.find((x) => !x.is_complete)!;
    sim.changes.editTask(task.id, { is_complete: true });
    t.now += 15 * 60_000;
    const second = await sync(session(), states);
    const acts = second.activities!.activities;
    expect(acts.find((a) => a.id === `close:${call.id}`)!.body).toBe("Wrote this up an hour later: budget approved.");
    expect(second.activities!.deleted).toContain(`close:${note.id}`);
    expect(acts.find((a) => a.id === `close:${scheduled.id}`)).toMatchObject({
      kind: "email_sent",
      state: null,
      occurredAt: new Date(sentAt).toISOString(),
    });
    expect(second.activities!.tasks.find((x) => x.id === `close:${task.id}`)!.status).toBe("done");
  });

  it("an event that shows up late is still applied, by the next sync's 5-minute re-scan", async () => {
    const { sim, t, session } = await setup();
    const states: Record<string, unknown> = {};
    await sync(session(), states);
    // Older than the top window's overlap: only the event log can bring its change.
    const call = sim.data.activities.findLast(
      (a) => a._type === "Call" && Date.parse(a.date_created) < worldNow - DAY,
    )!;
    t.now += 60_000;
    sim.changes.editActivity(call.id, { note: "late news" }, { lagMs: 90_000 });
    t.now += 30_000;
    const missed = await sync(session(), states);
    expect(missed.activities!.activities.some((a) => a.id === `close:${call.id}`)).toBe(false);
    t.now += 120_000;
    const caught = await sync(session(), states);
    expect(caught.activities!.activities.find((a) => a.id === `close:${call.id}`)!.body).toBe("late news");
  });

  it("a merge re-reads the destination lead: the source's contacts keep their ids and point at it", async () => {
    const { sim, t, session } = await setup();
    const states: Record<string, unknown> = {};
    await sync(session(), states);
    const [source, destination] = sim.data.leads.filter((l) => sim.data.contacts.some((c) => c.lead_id === l.id));
    const moved = sim.data.contacts.filter((c) => c.lead_id === source!.id);
    t.now += 60_000;
    sim.changes.mergeLeads(source!.id, destination!.id);
    t.now += 60_000;
    const after = await sync(session(), states);
    for (const c of moved) {
      const p = after.activities!.people.find((x) => x.identities[0]!.vendorId === c.id)!;
      expect(p.email).toBe(c.emails[0]!.email);
      expect(p.identities[0]!.url).toContain(destination!.id);
    }
    const mine = after.activities!.activities.filter((a) =>
      moved.some((c) => a.person?.identities[0]?.vendorId === c.id),
    );
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((a) => a.url!.includes(destination!.id))).toBe(true);
  });

  it("a last read older than the log's 30 days reads every activity again and ends with a sweep", async () => {
    const { sim, t, session } = await setup();
    const states: Record<string, unknown> = {};
    await sync(session(), states);
    const note = sim.data.activities.findLast((a) => a._type === "Note")!;
    t.now += DAY;
    sim.changes.deleteActivity(note.id);
    t.now += 31 * DAY;
    const later = await sync(session(), states);
    const r = later.activities!;
    expect(ids(r.activities)).toEqual(all(sim));
    expect(r.last.sweepActivities).toEqual({ occurredFrom: null });
    expect(r.pages.filter((p) => p.sweepActivities)).toHaveLength(1);
    expect(later.contacts!.people.length).toBe(sim.data.contacts.length); // the daily listing is due too
    const state = states.activities as CloseActivitiesState;
    expect(state.reread).toBe(false);
    // And the sync after is an ordinary one again.
    t.now += 60_000;
    const next = await sync(session(), states);
    expect(next.activities!.pages.some((p) => p.sweepActivities)).toBe(false);
  });

  it("reads the log per object type and action when Close refuses a listing by date alone", async () => {
    const { sim, t, session } = await setup({ eventsRequireFilter: true });
    const states: Record<string, unknown> = {};
    await sync(session(), states);
    const call = sim.data.activities.findLast((a) => a._type === "Call")!;
    t.now += 60_000;
    sim.changes.editActivity(call.id, { note: "per-pair read" });
    // Edited, then deleted: read per action, the deletion comes after the edit and still wins.
    const note = sim.data.activities.findLast((a) => a._type === "Note")!;
    sim.changes.editActivity(note.id, { note: "about to go" });
    t.now += 120_000;
    sim.changes.deleteActivity(note.id);
    t.now += 60_000;
    const second = await sync(session(), states);
    expect(second.activities!.activities.find((a) => a.id === `close:${call.id}`)!.body).toBe("per-pair read");
    expect(second.activities!.deleted).toContain(`close:${note.id}`);
    expect((states.activities as CloseActivitiesState).eventsMode).toBe("pairs");
    const refused = sim.stats.byStatus[400] ?? 0;
    t.now += 60_000;
    await sync(session(), states);
    expect(sim.stats.byStatus[400] ?? 0).toBe(refused); // remembered: not asked again
  });
});

describe("custom activities", () => {
  it("carry their type's name and fields; the types are read once per sync", async () => {
    const { sim, session } = await setup();
    const r = await run(session(), "activities");
    const custom = r.activities.filter((a) => a.vendorType === "Custom");
    expect(custom.length).toBeGreaterThan(0);
    const names = new Set(sim.data.customActivityTypes.map((x) => x.name));
    for (const a of custom) {
      expect(names.has(a.subject!)).toBe(true);
      expect(a.body).toMatch(/^Outcome: (Positive|Neutral|Negative)\nSummary: /);
    }
    expect(sim.stats.byResource.custom_activity).toBe(1);
  });
});

describe("a Close that ignores the paging parameter", () => {
  it("stops every listing at the first repeated page, with a warning naming the stream", async () => {
    const { sim, t, session } = await setup({}, { pageSize: 10 });
    const states: Record<string, unknown> = {};
    await sync(session(), states);
    for (let i = 0; i < 60; i++)
      sim.changes.editActivity(sim.data.activities[sim.data.activities.length - 1 - i]!.id, { note: `n${i}` });
    sim.faults.set({ ignorePaging: true });
    t.now += 2 * DAY; // the daily listings are due
    const before = sim.stats.requests;
    const r = await sync(session(), states);
    const warned = (stream: string) => r[stream]!.warnings.some((w) => w.startsWith(`close ${stream}:`));
    expect(warned("contacts") || r.contacts!.warnings.some((w) => w.startsWith("close leads:"))).toBe(true);
    expect(warned("tasks")).toBe(true);
    expect(r.activities!.warnings.some((w) => w.startsWith("close events:"))).toBe(true);
    expect(sim.stats.requests - before).toBeLessThan(40);
    // A fresh backfill under the fault: each window stops after one repeated page.
    const fresh = await run(session(), "activities");
    expect(fresh.warnings.some((w) => w.startsWith("close activities:"))).toBe(true);
  });
});
