import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { BASE_PATH, createCloseSimulator, type CloseSimulator } from "@/lib/sandbox/close/simulator";
import { closeDate } from "@/lib/sandbox/close/records";
import { serveHandler, type RunningServer } from "@/lib/sandbox/shared/serve";
import { createWorld } from "@/lib/sandbox/shared/world";
import { callRoute, setTempDataDir } from "@/tests/helpers/app-store";

// Issue 13 and 19 for Close, end to end: the Close simulator over real HTTP, the real sync
// engine, the store, and the API routes a user's browser reads. The simulator's clock and the
// sync's are one clock the test moves (no waiting).

setTempDataDir();
process.env.TOUCHLINE_SECRET_KEY ??= Buffer.alloc(32, 9).toString("base64");
const { getStore } = await import("@/lib/server/store");
const { queryRows } = await import("@/lib/server/store/db");
const { runSync } = await import("@/lib/server/sync/engine");
const { insertConnection } = await import("@/lib/server/connections/store");
const { setSandboxBaseUrls } = await import("@/lib/server/demo/sandbox-registry");
const contactsRoute = await import("@/app/api/v1/contacts/route");
const contactRoute = await import("@/app/api/v1/contacts/[id]/route");
const timelineRoute = await import("@/app/api/v1/contacts/[id]/timeline/route");

const DAY = 86_400_000;
const worldNow = Date.parse("2026-11-20T12:00:00Z");
const world = createWorld({ seed: 11, people: 60, activities: 3000, tasks: 100, days: 60, now: new Date(worldNow) });
const t = { now: worldNow + 60_000 };
let sim: CloseSimulator;
let server: RunningServer;

beforeAll(async () => {
  sim = createCloseSimulator(world, { now: () => t.now, rateLimit: { limit: 100_000, windowMs: 10_000 } });
  server = await serveHandler(sim.handler);
  setSandboxBaseUrls({ close: server.url + BASE_PATH });
});
afterAll(async () => {
  await server?.close();
  await (await getStore()).close();
});

const sync = async (connectionId: string, signal?: AbortSignal) => {
  const out = await runSync(connectionId, "manual", await getStore(), {
    now: () => new Date(t.now),
    signal,
    http: { timeoutMs: 3000, maxBackoffMs: 50 },
  });
  return out!;
};

interface Contact {
  id: string;
  email: string | null;
  lastActivityAt: string | null;
  activityCount: number;
  identities?: { vendor: string; vendorId: string; url: string | null }[];
}
interface Item {
  id: string;
  kind: string;
  state?: string | null;
  occurredAt: string;
  body: string | null;
  subject: string | null;
}
const contactOf = async (closeContactId: string): Promise<Contact> => {
  const [row] = await queryRows<{ contact_id: string }>(
    (await getStore()).db,
    sql`select contact_id from contact_identities where vendor_id = ${closeContactId}`,
  );
  const r = await callRoute(contactRoute.GET, `/api/v1/contacts/${row!.contact_id}`, {
    params: { id: row!.contact_id },
  });
  expect(r.status).toBe(200);
  return r.json as Contact;
};
const timeline = async (contactId: string): Promise<Item[]> => {
  const r = await callRoute(timelineRoute.GET, `/api/v1/contacts/${contactId}/timeline?limit=500`, {
    params: { id: contactId },
  });
  expect(r.status).toBe(200);
  return (r.json as { data: Item[] }).data;
};
const item = async (contactId: string, closeId: string) =>
  (await timeline(contactId)).find((i) => i.id === `close:${closeId}`);

describe("Close history that changes, through the sync engine and the API", () => {
  let conn: string;

  it("a first sync reads everything, history older than a year included, and marks what has not happened", async () => {
    conn = await insertConnection((await getStore()).db, { vendor: "close", apiKey: sim.apiKey, demo: true });
    const r = await sync(conn);
    expect(r.state, r.error ?? "").toBe("succeeded");
    const [n] = await queryRows<{ n: number; old: number }>(
      (await getStore()).db,
      sql`select count(*)::int as n, count(*) filter (where raw->>'date_created' < ${closeDate(worldNow - 365 * DAY)})::int as old
          from activities where connection_id = ${conn}`,
    );
    const expected = sim.data.activities.filter((a) => a._type !== "EmailThread").length;
    expect(n!.n).toBe(expected);
    expect(n!.old).toBeGreaterThan(10);
    const states = await queryRows<{ state: string | null; n: number }>(
      (await getStore()).db,
      sql`select state, count(*)::int as n from activities where connection_id = ${conn} group by state`,
    );
    const by = Object.fromEntries(states.map((s) => [s.state ?? "happened", s.n]));
    const upcoming = sim.data.activities.filter((a) => a._type === "Meeting" && a.status === "upcoming").length;
    const canceled = sim.data.activities.filter((a) => a._type === "Meeting" && a.status === "canceled").length;
    const unsent = sim.data.activities.filter(
      (a) => a._type === "Email" && ["draft", "scheduled", "outbox"].includes(a.status as string),
    ).length;
    expect(by.scheduled).toBe(upcoming + unsent);
    expect(by.canceled).toBe(canceled);
    // An upcoming meeting is on the timeline (ahead of now), never the contact's last activity.
    const meeting = sim.data.activities.find((a) => a._type === "Meeting" && a.status === "upcoming" && a.contact_id)!;
    const person = await contactOf(meeting.contact_id!);
    expect((await item(person.id, meeting.id))!.state).toBe("scheduled");
    expect(Date.parse(person.lastActivityAt!)).toBeLessThanOrEqual(worldNow);
  }, 120_000);

  it("an email scheduled at one sync and sent before the next shows as sent at its send time, counts, and moves the last activity", async () => {
    const contact = sim.data.contacts.find((c) => sim.data.activities.some((a) => a.contact_id === c.id))!;
    t.now += 60_000;
    const email = sim.changes.scheduleEmail(contact.id, t.now + 2 * DAY);
    t.now += 60_000;
    expect((await sync(conn)).state).toBe("succeeded");
    const before = await contactOf(contact.id);
    const scheduled = (await item(before.id, email.id))!;
    expect(scheduled).toMatchObject({ kind: "email_sent", state: "scheduled" });
    expect(Date.parse(scheduled.occurredAt)).toBe(Date.parse(email.activity_at));
    expect(Date.parse(before.lastActivityAt!)).toBeLessThan(t.now);

    t.now += 3_600_000;
    const sentAt = t.now;
    sim.changes.sendScheduledEmail(email.id);
    t.now += 15 * 60_000;
    expect((await sync(conn)).state).toBe("succeeded");
    const after = await contactOf(contact.id);
    const sent = (await item(after.id, email.id))!;
    expect(sent).toMatchObject({ kind: "email_sent", state: null, occurredAt: new Date(sentAt).toISOString() });
    expect(after.activityCount).toBe(before.activityCount + 1);
    expect(after.lastActivityAt).toBe(new Date(sentAt).toISOString());
    const list = await callRoute(contactsRoute.GET, `/api/v1/contacts?limit=1`);
    expect((list.json as { data: Contact[] }).data[0]!.id).toBe(after.id);
  }, 60_000);

  it("an edited call note shows the new note; a deleted note leaves the timeline and the counts", async () => {
    // Older than the sync's look-back: only the event log can tell.
    const call = sim.data.activities.findLast(
      (a) => a._type === "Call" && a.contact_id && Date.parse(a.date_created) < worldNow - 3 * DAY,
    )!;
    const note = sim.data.activities.findLast(
      (a) => a._type === "Note" && a.contact_id && Date.parse(a.date_created) < worldNow - 3 * DAY,
    )!;
    const noteContact = await contactOf(note.contact_id!);
    expect(await item(noteContact.id, note.id)).toBeTruthy();
    t.now += 60_000;
    sim.changes.editActivity(call.id, { note: "Budget approved; they want the annual plan." });
    sim.changes.deleteActivity(note.id);
    t.now += 15 * 60_000;
    expect((await sync(conn)).state).toBe("succeeded");
    const callContact = await contactOf(call.contact_id!);
    expect((await item(callContact.id, call.id))!.body).toBe("Budget approved; they want the annual plan.");
    expect(await item(noteContact.id, note.id)).toBeUndefined();
    expect((await contactOf(note.contact_id!)).activityCount).toBe(noteContact.activityCount - 1);
  }, 60_000);

  it("a merged lead's activities stay on the right contacts, now linked to the destination lead", async () => {
    const leads = sim.data.leads.filter((l) => sim.data.contacts.some((c) => c.lead_id === l.id));
    const [source, destination] = [leads[2]!, leads[3]!];
    const moved = sim.data.contacts.filter((c) => c.lead_id === source.id);
    const before = await Promise.all(moved.map((c) => contactOf(c.id)));
    const items = await Promise.all(before.map((c) => timeline(c.id)));
    t.now += 60_000;
    sim.changes.mergeLeads(source.id, destination.id);
    t.now += 15 * 60_000;
    expect((await sync(conn)).state).toBe("succeeded");
    for (const [i, c] of moved.entries()) {
      const after = await contactOf(c.id);
      expect(after.id).toBe(before[i]!.id);
      expect(after.activityCount).toBe(before[i]!.activityCount);
      expect((await timeline(after.id)).map((x) => x.id).sort()).toEqual(items[i]!.map((x) => x.id).sort());
      expect(after.identities!.find((x) => x.vendorId === c.id)!.url).toContain(destination.id);
    }
  }, 60_000);

  it("an incremental sync with nothing new costs at most 3 Close requests plus one event-log page", async () => {
    t.now += 15 * 60_000;
    const before: Record<string, number> = { ...sim.stats.byResource };
    const total = sim.stats.requests;
    expect((await sync(conn)).state).toBe("succeeded");
    const events = (sim.stats.byResource.event ?? 0) - (before.event ?? 0);
    expect(events).toBe(1);
    expect(sim.stats.requests - total - events).toBeLessThanOrEqual(3);
  }, 60_000);

  it("a connection whose last event read is older than 30 days reads everything again", async () => {
    const call = sim.data.activities.findLast((a) => a._type === "Call" && a.contact_id)!;
    const note = sim.data.activities.findLast((a) => a._type === "Note" && a.contact_id)!;
    const noteContact = await contactOf(note.contact_id!);
    t.now += DAY;
    sim.changes.editActivity(call.id, { note: "Changed while Touchline was off." });
    sim.changes.deleteActivity(note.id);
    t.now += 35 * DAY; // the log no longer holds those changes
    expect((await sync(conn)).state).toBe("succeeded");
    expect((await item((await contactOf(call.contact_id!)).id, call.id))!.body).toBe(
      "Changed while Touchline was off.",
    );
    expect(await item(noteContact.id, note.id)).toBeUndefined();
    const [n] = await queryRows<{ n: number }>(
      (await getStore()).db,
      sql`select count(*)::int as n from activities where connection_id = ${conn}`,
    );
    expect(n!.n).toBe(sim.data.activities.length);
  }, 120_000);
});

describe("a restart in the middle of the first backfill", () => {
  it("resumes where it stopped and ends with every activity, without reading the history again", async () => {
    // A Close account of its own (activity ids are global: another connection to the same account would share them).
    const other = createWorld({
      seed: 12,
      people: 60,
      activities: 3000,
      tasks: 100,
      days: 60,
      now: new Date(worldNow),
    });
    const sim = createCloseSimulator(other, { now: () => t.now, rateLimit: { limit: 100_000, windowMs: 10_000 } });
    const server = await serveHandler(sim.handler);
    onTestFinished(() => server.close());
    setSandboxBaseUrls({ close: server.url + BASE_PATH });
    const store = await getStore();
    const conn = await insertConnection(store.db, { vendor: "close", apiKey: sim.apiKey, demo: true });
    // A slower Close: pages arrive one by one, so each window commits on its own.
    sim.faults.set({ latencyMs: 60 });
    const ac = new AbortController();
    // Stopped once the first windows of the backfill are committed.
    const killer = setInterval(async () => {
      const [c] = await queryRows<{ n: number }>(
        store.db,
        sql`select count(*)::int as n from sync_cursors where connection_id = ${conn} and stream = 'activities'
            and state->>'backTo' < state->>'hwm'`,
      );
      if (c!.n > 0) ac.abort(new Error("server stopped"));
    }, 5);
    const first = await sync(conn, ac.signal);
    clearInterval(killer);
    sim.faults.clear();
    expect(first.state).toBe("failed");
    const [cursor] = await queryRows<{ state: { hwm: string; backTo: string; exhausted: boolean } }>(
      store.db,
      sql`select state from sync_cursors where connection_id = ${conn} and stream = 'activities'`,
    );
    expect(cursor!.state.exhausted).toBe(false);
    expect(cursor!.state.backTo < cursor!.state.hwm).toBe(true);
    const readBefore = sim.stats.byResource.activity ?? 0;
    const second = await sync(conn);
    expect(second.state).toBe("succeeded");
    const [n] = await queryRows<{ n: number; dup: number }>(
      store.db,
      sql`select count(*)::int as n, count(distinct id)::int as dup from activities where connection_id = ${conn}`,
    );
    expect(n!.n).toBe(sim.data.activities.length);
    // The resumed run did not start over: it asked for fewer pages than a whole first sync.
    const whole = Math.ceil(sim.data.activities.length / 100);
    expect((sim.stats.byResource.activity ?? 0) - readBefore).toBeLessThan(whole + 30);
    const [done] = await queryRows<{ state: { exhausted: boolean } }>(
      store.db,
      sql`select state from sync_cursors where connection_id = ${conn} and stream = 'activities'`,
    );
    expect(done!.state.exhausted).toBe(true);
  }, 120_000);
});
