import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveHandler, type RunningServer } from "@/lib/sandbox/shared/serve";
import { createWorld } from "@/lib/sandbox/shared/world";
import type { CloseEvent } from "./event-log";
import type { CloseActivity } from "./records";
import { BASE_PATH, createCloseSimulator, DEMO_API_KEY, type CloseSimulator } from "./simulator";

// The event log, the custom activity types and the changes API, over real HTTP.
// Quotes are from VENDORS.md "Close".

const worldNow = Date.parse("2026-11-24T12:00:00Z");
const world = createWorld({ now: new Date(worldNow), people: 60, activities: 3000, tasks: 100 });
let clock = worldNow + 3_600_000;
const auth = { authorization: `Basic ${Buffer.from(`${DEMO_API_KEY}:`).toString("base64")}` };

interface EventPage {
  data: CloseEvent[];
  cursor_next: string | null;
  cursor_previous: string | null;
}

let sim: CloseSimulator;
let server: RunningServer;
const get = async <T = EventPage>(path: string) => {
  const res = await fetch(server.url + BASE_PATH + path, { headers: auth });
  return { status: res.status, body: (await res.json()) as T };
};
/** Every event the listing serves for this query string, following cursor_next. */
async function all(query: string): Promise<CloseEvent[]> {
  const out: CloseEvent[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 1000; i++) {
    const r: { status: number; body: EventPage } = await get(
      `/event/?${query}${cursor ? `&_cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    expect(r.status).toBe(200);
    out.push(...r.body.data);
    cursor = r.body.cursor_next;
    if (!cursor) return out;
  }
  throw new Error("cursor_next never ended");
}

beforeAll(async () => {
  sim = createCloseSimulator(world, { now: () => clock, rateLimit: { limit: 100_000, windowMs: 10_000 } });
  server = await serveHandler(sim.handler);
});
afterAll(() => server.close());

describe("GET /event/", () => {
  // VENDORS.md: "newest first (by date_updated), _limit default and max 50, paged with _cursor (no _skip), 30 days of history"
  it("serves the last 30 days newest first, 50 a page at most, cursor-paged without repeats", async () => {
    const first = await get("/event/?_limit=500");
    expect(first.status).toBe(200);
    expect(first.body.data).toHaveLength(50);
    expect(first.body.cursor_next).toBeTruthy();
    expect(Object.keys(first.body).sort()).toEqual(["cursor_next", "cursor_previous", "data"]);
    const events = await all("");
    expect(events.length).toBeGreaterThan(100);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    for (let i = 1; i < events.length; i++) expect(events[i - 1]!.date_updated >= events[i]!.date_updated).toBe(true);
    const oldest = new Date(clock - 30 * 86_400_000).toISOString().slice(0, 19);
    expect(events.every((e) => e.date_updated.slice(0, 19) >= oldest)).toBe(true);
    const e = events[0]!;
    for (const f of ["id", "date_created", "date_updated", "object_type", "object_id", "lead_id", "action"])
      expect(e).toHaveProperty(f);
    expect(events.some((x) => x.object_type === "activity.call" && x.action === "created")).toBe(true);
  });

  it("filters by date_updated and the documented combinations; refuses others", async () => {
    const since = new Date(clock - 5 * 86_400_000).toISOString();
    const recent = await all(`date_updated__gt=${since}`);
    expect(recent.every((e) => Date.parse(e.date_updated) > Date.parse(since))).toBe(true);
    const notes = await all("object_type=activity.note&action=created");
    expect(notes.length).toBeGreaterThan(0);
    expect(notes.every((e) => e.object_type === "activity.note" && e.action === "created")).toBe(true);
    const lead = notes[0]!.lead_id!;
    expect((await all(`lead_id=${lead}`)).every((e) => e.lead_id === lead)).toBe(true);
    expect((await get("/event/?object_type=lead")).status).toBe(400);
    expect((await get("/event/?action=deleted")).status).toBe(400);
    expect((await get("/event/?_cursor=garbage")).status).toBe(400);
  });
});

describe("changes after a first read (sim.changes)", () => {
  const newest = async () => (await get("/event/?_limit=50")).body.data;
  const note = () => sim.data.activities.findLast((a) => a._type === "Note")!;

  it("an edit is an `updated` event with the object after the change; a second edit within a minute is consolidated", async () => {
    const n = note();
    clock += 10_000;
    sim.changes.editActivity(n.id, { note: "Logged an hour later: they want a demo." });
    clock += 20_000;
    const edited = sim.changes.editActivity(n.id, { note: "Logged an hour later: they want a demo on Tuesday." });
    const mine = (await newest()).filter((e) => e.object_id === n.id && e.action !== "created");
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ action: "updated", object_type: "activity.note", changed_fields: ["note"] });
    expect(mine[0]!.data!.note).toBe(edited.note);
    expect(mine[0]!.date_created < mine[0]!.date_updated).toBe(true);
    const listed = await get<{ data: CloseActivity[] }>(`/activity/?id__in=${n.id}`);
    expect(listed.body.data[0]!.note).toBe(edited.note);
    expect(listed.body.data[0]!.date_created).toBe(n.date_created);
  });

  it("a deletion removes the activity from the listings and logs `deleted`", async () => {
    const n = note();
    clock += 120_000;
    sim.changes.deleteActivity(n.id);
    expect((await get<{ data: CloseActivity[] }>(`/activity/?id__in=${n.id}`)).body.data).toHaveLength(0);
    expect((await newest()).find((e) => e.object_id === n.id)).toMatchObject({ action: "deleted" });
  });

  // VENDORS.md: "a scheduled email keeps its date_created when it is sent; activity_at becomes the send time"
  it("a scheduled email is sent later: same date_created, status sent, activity_at the send time", async () => {
    const contact = sim.data.contacts[3]!;
    clock += 120_000;
    const e = sim.changes.scheduleEmail(contact.id, clock + 86_400_000);
    expect(e.status).toBe("scheduled");
    clock += 3_600_000;
    const sent = sim.changes.sendScheduledEmail(e.id);
    expect(sent).toMatchObject({ status: "sent", date_created: e.date_created });
    expect(Date.parse(sent.activity_at)).toBe(clock);
    const events = (await newest()).filter((x) => x.object_id === e.id);
    expect(events.map((x) => x.action).sort()).toEqual(["created", "updated"]);
  });

  it("an event that shows up late is not served before its time, then served with its earlier date_updated", async () => {
    const n = note();
    clock += 120_000;
    const ev = sim.changes.editActivity(n.id, { note: "late" }, { lagMs: 30_000 });
    expect((await newest()).some((e) => e.object_id === ev.id && e.data?.note === "late")).toBe(false);
    clock += 31_000;
    const shown = (await newest()).find((e) => e.object_id === ev.id)!;
    expect(Date.parse(shown.date_updated)).toBe(clock - 31_000);
  });

  // VENDORS.md: "A merge emits merged on the destination lead with meta.merge_source_lead_id and merge_destination_lead_id"
  it("a merge moves contacts, activities and tasks to the destination and logs merged, updated and deleted events", async () => {
    const [source, destination] = sim.data.leads.filter((l) => sim.data.contacts.some((c) => c.lead_id === l.id));
    const contacts = sim.data.contacts.filter((c) => c.lead_id === source!.id).map((c) => c.id);
    const acts = (await get<{ data: CloseActivity[] }>(`/activity/?lead_id=${source!.id}&_limit=100`)).body.data;
    clock += 120_000;
    sim.changes.mergeLeads(source!.id, destination!.id);
    expect((await get(`/lead/${source!.id}/`)).status).toBe(404);
    const dest = await get<{ contacts: { id: string }[] }>(`/lead/${destination!.id}/`);
    for (const id of contacts) expect(dest.body.contacts.map((c) => c.id)).toContain(id);
    const moved = (await get<{ data: CloseActivity[] }>(`/activity/?lead_id=${destination!.id}&_limit=100`)).body.data;
    for (const a of acts) expect(moved.map((x) => x.id)).toContain(a.id);
    const events = await all(`date_updated__gte=${new Date(clock).toISOString()}`);
    const merged = events.find((e) => e.action === "merged")!;
    expect(merged).toMatchObject({ object_type: "lead", object_id: destination!.id, lead_id: destination!.id });
    expect(merged.meta).toEqual({ merge_source_lead_id: source!.id, merge_destination_lead_id: destination!.id });
    expect(events.find((e) => e.object_id === source!.id)).toMatchObject({ action: "deleted" });
    expect(
      events
        .filter((e) => e.object_type === "contact")
        .map((e) => e.object_id)
        .sort(),
    ).toEqual(contacts.sort());
    expect(events.every((e) => e.meta.merge_source_lead_id === source!.id)).toBe(true);
  });
});

describe("GET /custom_activity/", () => {
  // VENDORS.md: "Custom activities: _type Custom, custom_activity_type_id, names from GET /custom_activity/"
  it("lists the custom activity types every Custom activity refers to", async () => {
    const r = await get<{ data: { id: string; name: string; fields: { id: string }[] }[]; has_more: boolean }>(
      "/custom_activity/",
    );
    expect(r.status).toBe(200);
    const ids = new Set(r.body.data.map((t) => t.id));
    const customs = sim.data.activities.filter((a) => a._type === "Custom");
    expect(customs.length).toBeGreaterThan(0);
    for (const a of customs) expect(ids.has(a.custom_activity_type_id as string)).toBe(true);
    expect(r.body.data.every((t) => t.name && t.fields.length > 0)).toBe(true);
    expect((await get(`/custom_activity/${r.body.data[0]!.id}/`)).body).toMatchObject({ name: r.body.data[0]!.name });
  });
});

describe("ignorePaging (a vendor that ignores the paging parameter)", () => {
  it("answers every page as the first, for _skip and _cursor alike", async () => {
    sim.faults.set({ ignorePaging: true });
    try {
      const a = await get<{ data: { id: string }[] }>("/activity/?_limit=5");
      const b = await get<{ data: { id: string }[] }>("/activity/?_limit=5&_skip=5");
      expect(b.body.data.map((x) => x.id)).toEqual(a.body.data.map((x) => x.id));
      const e1 = await get("/event/");
      const e2 = await get(`/event/?_cursor=${e1.body.cursor_next}`);
      expect(e2.body.data.map((x) => x.id)).toEqual(e1.body.data.map((x) => x.id));
    } finally {
      sim.faults.clear();
    }
  });
});
