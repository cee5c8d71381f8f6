import { describe, expect, it } from "vitest";
import { rejectionOf } from "@/tests/helpers/rejection";
import { DEMO_API_KEY } from "@/lib/sandbox/close/simulator";
import { VendorAuthError } from "@/lib/vendors/shared/errors";
import { closeDate } from "@/lib/sandbox/close/records";
import { basicAuth } from "./client";
import type { CloseActivitiesState } from "./index";
import { closeServersAfterEach, worldNow, clock, setup, run, activityIds, expectNoSecret } from "./connector-harness";

// The connector against the Close simulator over real HTTP (no mocks): the key check, complete
// runs of each stream, and the next run after them, drift included.

closeServersAfterEach();

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
