import { describe, expect, it } from "vitest";
import { withServer } from "@/tests/helpers/with-server";
import { closeDate, type CloseTask } from "./records";
import { DEFAULT_RATE_LIMIT } from "./simulator";
import { now, start, t, sim, serveSimulator } from "./simulator-harness";
import type { Page } from "./simulator-harness";

// Contract tests over real HTTP for tasks, contacts and leads, the rate limit and fault
// injection. Quotes are from VENDORS.md "Close" and seed 004.

serveSimulator();

describe("GET /task/", () => {
  // VENDORS.md: "without _type only lead tasks come back; use _type=all"
  it("returns only lead tasks without _type, every type with _type=all", async () => {
    const dflt = await t.json<Page<CloseTask>>("/task/?_limit=1000");
    const all = await t.json<Page<CloseTask>>("/task/?_type=all&_limit=1000");
    expect(dflt.body.data.length).toBe(sim.data.tasks.filter((x) => x._type === "lead").length);
    expect(dflt.body.data.every((x) => x._type === "lead")).toBe(true);
    expect(all.body.data.length).toBe(sim.data.tasks.length);
    expect(new Set(all.body.data.map((x) => x._type)).size).toBeGreaterThan(3);
  });

  it("filters by one _type and refuses an unknown one", async () => {
    const r = await t.json<Page<CloseTask>>("/task/?_type=missed_call&_limit=1000");
    expect(r.body.data.length).toBe(sim.data.tasks.filter((x) => x._type === "missed_call").length);
    expect((await t.json("/task/?_type=fax")).status).toBe(400);
  });

  // VENDORS.md: "Filters is_complete, date__lt, date__gte, lead_id, assigned_to, _order_by"
  it("filters by is_complete", async () => {
    const r = await t.json<Page<CloseTask>>("/task/?_type=all&is_complete=false&_limit=1000");
    expect(r.body.data.length).toBe(sim.data.tasks.filter((x) => !x.is_complete).length);
    expect((await t.json("/task/?is_complete=perhaps")).status).toBe(400);
  });

  it("filters by date__gte / date__lt, a date-only due counting as that day, dateless tasks left out", async () => {
    const r = await t.json<Page<CloseTask>>("/task/?_type=all&date__gte=2026-11-24&date__lt=2026-11-25&_limit=1000");
    const expected = sim.data.tasks.filter((x) => x.date !== null && x.date.slice(0, 10) === "2026-11-24");
    expect(r.body.data.map((x) => x.id).sort()).toEqual(expected.map((x) => x.id).sort());
    expect(r.body.data.every((x) => x.date !== null)).toBe(true);
    expect((await t.json("/task/?date__lt=soon")).status).toBe(400);
  });

  it("filters by lead_id and assigned_to", async () => {
    const task = sim.data.tasks[0]!;
    const byLead = await t.json<Page<CloseTask>>(`/task/?_type=all&lead_id=${task.lead_id}`);
    expect(byLead.body.data.map((x) => x.id)).toContain(task.id);
    expect(byLead.body.data.every((x) => x.lead_id === task.lead_id)).toBe(true);
    const byUser = await t.json<Page<CloseTask>>(`/task/?_type=all&assigned_to=${task.assigned_to}&_limit=1000`);
    expect(byUser.body.data.length).toBe(sim.data.tasks.filter((x) => x.assigned_to === task.assigned_to).length);
  });

  it("orders by _order_by and pages with _skip/_limit", async () => {
    const r = await t.json<Page<CloseTask>>("/task/?_type=all&_order_by=date_created&_limit=1000");
    const created = r.body.data.map((x) => x.date_created);
    expect(created).toEqual([...created].sort());
    const p1 = await t.json<Page<CloseTask>>("/task/?_type=all&_order_by=date_created&_limit=10");
    const p2 = await t.json<Page<CloseTask>>("/task/?_type=all&_order_by=date_created&_limit=10&_skip=10");
    expect([...p1.body.data, ...p2.body.data].map((x) => x.id)).toEqual(r.body.data.slice(0, 20).map((x) => x.id));
    expect(p1.body.has_more).toBe(true);
    expect((await t.json("/task/?_order_by=colour")).status).toBe(400);
  });

  // VENDORS.md: "date (date-only or datetime), is_complete, is_dateless"
  it("serves date-only, datetime and dateless dues", async () => {
    const r = await t.json<Page<CloseTask>>("/task/?_type=all&_limit=1000");
    expect(r.body.data.some((x) => x.date !== null && /^\d{4}-\d{2}-\d{2}$/.test(x.date))).toBe(true);
    expect(r.body.data.some((x) => x.date !== null && /T.*\+00:00$/.test(x.date))).toBe(true);
    expect(r.body.data.some((x) => x.is_dateless && x.date === null)).toBe(true);
    for (const k of [
      "id",
      "_type",
      "lead_id",
      "lead_name",
      "contact_id",
      "contact_name",
      "assigned_to",
      "assigned_to_name",
      "text",
      "date",
      "is_complete",
      "is_dateless",
      "date_created",
      "date_updated",
    ])
      expect(k in r.body.data[0]!).toBe(true);
  });
});

describe("contacts and leads", () => {
  // VENDORS.md: "GET /contact/ → {data:[{id, lead_id, name, emails:[{email,type}]}], has_more}"
  it("lists contacts with _skip/_limit, emails as stored", async () => {
    const r =
      await t.json<Page<{ id: string; lead_id: string; name: string; emails: { email: string; type: string }[] }>>(
        "/contact/?_limit=1000",
      );
    expect(r.body.data.length).toBe(sim.data.contacts.length);
    expect(r.body.has_more).toBe(false);
    expect(
      r.body.data.every((c) => c.id.startsWith("cont_") && c.lead_id.startsWith("lead_") && c.emails[0]!.type),
    ).toBe(true);
    expect(r.body.data.some((c) => /[A-Z]/.test(c.emails[0]!.email))).toBe(true);
    const p = await t.json<Page<{ id: string }>>("/contact/?_limit=5&_skip=5");
    expect(p.body.data.map((c) => c.id)).toEqual(r.body.data.slice(5, 10).map((c) => c.id));
  });

  it("gets one contact, and 404 for an unknown one", async () => {
    const c = sim.data.contacts[2]!;
    expect((await t.json<{ id: string }>(`/contact/${c.id}/`)).body.id).toBe(c.id);
    expect((await t.get("/contact/cont_missing/")).status).toBe(404);
  });

  it("gets a lead with its contacts, and lists leads with _fields", async () => {
    const lead = sim.data.leads.find((l) => sim.data.contacts.filter((c) => c.lead_id === l.id).length > 1)!;
    const r = await t.json<{ name: string; contacts: { id: string }[] }>(`/lead/${lead.id}/`);
    expect(r.body.name).toBe(lead.name);
    expect(r.body.contacts.length).toBeGreaterThan(1);
    const list = await t.json<Page<Record<string, unknown>>>("/lead/?_fields=id,name&_limit=1000");
    expect(list.body.data.length).toBe(sim.data.leads.length);
    expect(Object.keys(list.body.data[0]!).sort()).toEqual(["id", "name"]);
  });
});

describe("rate limit", () => {
  // VENDORS.md: "per key and endpoint group; header RateLimit: limit=…, remaining=…, reset=… (seconds); on 429 wait reset"
  it("lets exactly the limit through a burst and answers the rest 429 with the RateLimit header and Close's body", async () => {
    await withServer(start({ rateLimit: DEFAULT_RATE_LIMIT }), async (s) => {
      const n = DEFAULT_RATE_LIMIT.limit + 10;
      const res = await Promise.all(Array.from({ length: n }, () => s.get("/activity/?_limit=1")));
      const ok = res.filter((r) => r.status === 200);
      const limited = res.filter((r) => r.status === 429);
      expect(ok).toHaveLength(DEFAULT_RATE_LIMIT.limit);
      expect(limited).toHaveLength(10);
      for (const r of limited) {
        expect(r.headers.get("ratelimit")).toMatch(/limit=100, remaining=0, reset=\d+(\.\d+)?/);
        expect(r.headers.get("retry-after")).toBeNull();
        const body = (await r.json()) as { error: { rate_reset: number; rate_limit: number; rate_window: number } };
        expect(body.error.rate_reset).toBeGreaterThan(0);
        expect(body.error.rate_limit).toBe(100);
      }
      // Another endpoint group has its own budget.
      expect((await s.get("/task/")).status).toBe(200);
    });
  });

  it("puts RateLimit on every answer, errors included, counting down", async () => {
    await withServer(start({ rateLimit: { limit: 5, windowMs: 60_000 } }), async (s) => {
      const a = await s.get("/contact/?_limit=1");
      const b = await s.get("/contact/?_limit=-1");
      expect(b.status).toBe(400);
      expect(a.headers.get("ratelimit")).toMatch(/^limit=5, remaining=4, reset=/);
      expect(b.headers.get("ratelimit")).toMatch(/^limit=5, remaining=3, reset=/);
    });
  });
});

describe("fault injection", () => {
  it("POST /__sandbox/faults: the next request answers 500, then all is well", async () => {
    await withServer(start(), async (s) => {
      const set = await fetch(`${s.base}/__sandbox/faults`, { method: "POST", body: JSON.stringify({ status5xx: 1 }) });
      expect(set.status).toBe(200);
      expect((await s.get("/me/")).status).toBe(500);
      expect((await s.get("/me/")).status).toBe(200);
    });
  });

  it("x-sandbox-fault: a 429 in Close's shape, reset from retryAfterSeconds", async () => {
    const r = await t.get("/activity/", {
      "x-sandbox-fault": JSON.stringify({ status429: 1, retryAfterSeconds: 2.5 }),
    });
    expect(r.status).toBe(429);
    expect(r.headers.get("ratelimit")).toMatch(/remaining=0, reset=2\.5$/);
    expect(((await r.json()) as { error: { rate_reset: number } }).error.rate_reset).toBe(2.5);
  });

  it("x-sandbox-fault: malformed JSON and a truncated body", async () => {
    const bad = await t.get("/me/", { "x-sandbox-fault": JSON.stringify({ malformedJson: 1 }) });
    expect(bad.status).toBe(200);
    await expect(bad.json()).rejects.toThrow();
    const cut = await t
      .get("/activity/", { "x-sandbox-fault": JSON.stringify({ truncate: 1 }) })
      .then((r) => r.text())
      .then(
        (text) => text,
        (err: unknown) => err,
      );
    if (typeof cut === "string") expect(() => JSON.parse(cut)).toThrow();
    else expect(cut).toBeInstanceOf(Error);
  });

  it("revokeKey answers Close's 401", async () => {
    const r = await t.json<{ error: string }>("/me/", { "x-sandbox-fault": JSON.stringify({ revokeKey: true }) });
    expect(r.status).toBe(401);
    expect(r.body.error).toBeTruthy();
  });

  it("page drift inserts new activities, created now, at the head of the default listing", async () => {
    await withServer(start({ now: () => now.getTime() + 60_000 }), async (s) => {
      const before = s.sim.data.activities.length;
      const r = await s.json("/activity/?_limit=5", { "x-sandbox-fault": JSON.stringify({ driftPerRequest: 2 }) });
      expect(s.sim.data.activities.length).toBe(before + 2);
      const created = closeDate(now.getTime() + 60_000);
      expect(r.body.data.slice(0, 2).every((a) => a.date_created === created)).toBe(true);
      // The new rows are reachable by id and by lead too.
      const id = r.body.data[0]!.id;
      expect(
        (await s.json(`/activity/?lead_id=${r.body.data[0]!.lead_id}&_limit=100`)).body.data.map((a) => a.id),
      ).toContain(id);
    });
  });
});
