import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withServer } from "@/tests/helpers/with-server";
import { serveHandler } from "@/lib/sandbox/shared/serve";
import { createWorld } from "@/lib/sandbox/shared/world";
import { closeDate, type CloseActivity, type CloseTask } from "./records";
import { BASE_PATH, createCloseSimulator, DEFAULT_RATE_LIMIT, DEMO_API_KEY, type CloseSimulator } from "./simulator";

// Contract tests over real HTTP. Quotes are from VENDORS.md "Close" and seed 004.

const now = new Date("2026-11-24T12:00:00Z");
const world = createWorld({ now });
const basic = (user: string, pass = "") => `Basic ${Buffer.from(`${user}:${pass}`).toString("base64")}`;

interface Page<T> {
  data: T[];
  has_more: boolean;
}

async function start(opts: Parameters<typeof createCloseSimulator>[1] = {}) {
  const sim = createCloseSimulator(world, { rateLimit: { limit: 100_000, windowMs: 10_000 }, ...opts });
  const server = await serveHandler(sim.handler);
  const base = server.url + BASE_PATH;
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(base + path, { headers: { authorization: basic(DEMO_API_KEY), ...headers } });
  const json = async <T = Page<CloseActivity>>(path: string, headers: Record<string, string> = {}) => {
    const res = await get(path, headers);
    return { status: res.status, headers: res.headers, body: (await res.json()) as T };
  };
  return { sim, server, base, get, json };
}

let t: Awaited<ReturnType<typeof start>>;
let sim: CloseSimulator;
beforeAll(async () => {
  t = await start({ maxSkip: 300 });
  sim = t.sim;
});
afterAll(() => t.server.close());

const byCreatedDesc = (a: CloseActivity, b: CloseActivity) =>
  a.date_created < b.date_created ? 1 : a.date_created > b.date_created ? -1 : a.id < b.id ? 1 : -1;

describe("auth", () => {
  // VENDORS.md: "HTTP Basic, API key as user, empty password (base64(key + ":"))"
  it("accepts Basic with the key as user and an empty password", async () => {
    expect((await t.get("/me/")).status).toBe(200);
  });
  // seed 004: "Bearer authentication of the form Bearer <token>"
  it("accepts Bearer", async () => {
    expect((await t.get("/me/", { authorization: `Bearer ${DEMO_API_KEY}` })).status).toBe(200);
  });
  it("refuses the key as password (lemlist's scheme) with a JSON 401", async () => {
    const r = await t.json<{ error: string }>("/activity/", { authorization: basic("", DEMO_API_KEY) });
    expect(r.status).toBe(401);
    expect(typeof r.body.error).toBe("string");
  });
  it("refuses a wrong or missing key with a JSON 401", async () => {
    expect((await t.json<{ error: string }>("/activity/", { authorization: basic("api_wrong") })).status).toBe(401);
    const res = await fetch(`${t.base}/task/`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: string }).error).toBeTruthy();
  });
});

describe("GET /activity/", () => {
  // seed 004: "_limit … Defaults to 100"; response {data, has_more}; default order -date_created
  it("answers {data, has_more}, 100 rows by default, newest date_created first", async () => {
    const r = await t.json("/activity/");
    expect(r.status).toBe(200);
    expect(r.body.data).toHaveLength(100);
    expect(r.body.has_more).toBe(true);
    const expected = [...sim.data.activities]
      .sort(byCreatedDesc)
      .slice(0, 100)
      .map((a) => a.id);
    expect(r.body.data.map((a) => a.id)).toEqual(expected);
  });

  it("honours _limit and caps it at 100", async () => {
    expect((await t.json("/activity/?_limit=7")).body.data).toHaveLength(7);
    const r = await t.json("/activity/?_limit=500");
    expect(r.body.data).toHaveLength(100);
    expect(r.body.has_more).toBe(true);
    expect((await t.json("/activity/?_limit=abc")).status).toBe(400);
  });

  // seed 004: "_skip … Number of results to skip before returning, for pagination"
  it("pages with _skip without gaps or repeats and ends with has_more false", async () => {
    const from = "2026-10-01";
    const to = "2026-10-03";
    const inRange = sim.data.activities
      .filter((a) => a.date_created >= `${from}T` && a.date_created < `${to}T`)
      .sort(byCreatedDesc);
    expect(inRange.length).toBeGreaterThan(100);
    expect(inRange.length).toBeLessThanOrEqual(300); // this simulator refuses skips past 300
    const seen: string[] = [];
    for (let skip = 0; skip < 10_000; skip += 50) {
      const r = await t.json(`/activity/?date_created__gte=${from}&date_created__lt=${to}&_limit=50&_skip=${skip}`);
      seen.push(...r.body.data.map((a) => a.id));
      if (!r.body.has_more) break;
    }
    expect(seen).toEqual(inRange.map((a) => a.id));
  });

  // VENDORS.md: "_skip has a maximum (400 past it, e.g. 250 000 on emails)" — this simulator set to 300
  it("refuses a _skip past the maximum with a Close-style 400", async () => {
    expect((await t.json("/activity/?_skip=300&_limit=1")).status).toBe(200);
    const r = await t.json<{ error: string }>("/activity/?_skip=301&_limit=1");
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/_skip/);
  });

  // seed 004: "date_created__gte … datetime or date"
  it("filters date_created with gte/gt/lte/lt, dates or datetimes with offsets", async () => {
    const a = sim.data.activities[1234]!;
    const eq = await t.json(
      `/activity/?date_created__gte=${encodeURIComponent(a.date_created)}&date_created__lte=${encodeURIComponent(a.date_created)}`,
    );
    expect(eq.body.data.map((x) => x.id)).toContain(a.id);
    expect(eq.body.data.every((x) => x.date_created === a.date_created)).toBe(true);
    const gt = await t.json(
      `/activity/?date_created__gt=${encodeURIComponent(a.date_created)}&date_created__lt=${encodeURIComponent(a.date_created)}`,
    );
    expect(gt.body.data).toHaveLength(0);
    // The same instant written with a +02:00 offset.
    const ms = Date.parse(a.date_created);
    const local = new Date(ms + 2 * 3_600_000).toISOString().slice(0, 23) + "+02:00";
    const off = await t.json(
      `/activity/?date_created__gte=${encodeURIComponent(local)}&date_created__lte=${encodeURIComponent(local)}`,
    );
    expect(off.body.data.map((x) => x.id)).toContain(a.id);
    const day = await t.json("/activity/?date_created__gte=2026-09-01&date_created__lt=2026-09-02&_limit=100");
    expect(day.body.data.every((x) => x.date_created.startsWith("2026-09-01"))).toBe(true);
    expect((await t.json("/activity/?date_created__gte=yesterday")).status).toBe(400);
  });

  it("filters by id__in", async () => {
    const ids = [sim.data.activities[3]!.id, sim.data.activities[900]!.id];
    const r = await t.json(`/activity/?id__in=${ids.join(",")}`);
    expect(r.body.data.map((a) => a.id).sort()).toEqual([...ids].sort());
  });

  it("filters by lead_id (one or several, comma-separated)", async () => {
    const [l1, l2] = sim.data.leads;
    const one = await t.json(`/activity/?lead_id=${l1!.id}&_limit=100`);
    expect(one.body.data.length).toBeGreaterThan(0);
    expect(one.body.data.every((a) => a.lead_id === l1!.id)).toBe(true);
    const two = await t.json(`/activity/?lead_id=${l1!.id},${l2!.id}&_limit=100`);
    expect(new Set(two.body.data.map((a) => a.lead_id))).toEqual(new Set([l1!.id, l2!.id]));
  });

  // seed 004: "The following filtering parameters can only be used for listing activities on a single lead … user_id, user_id__in, contact_id, contact_id__in, _type, _type__in"
  it.each([
    "user_id=user_x",
    "contact_id=cont_x",
    "_type=Call",
    "_type__in=Call,Note",
    "user_id__in=user_x",
    "contact_id__in=cont_x",
  ])("refuses %s without lead_id (400)", async (param) => {
    const r = await t.json<{ error: string }>(`/activity/?${param}`);
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/lead/);
  });

  it("applies user_id, contact_id, _type and _type__in on a single lead", async () => {
    const lead = sim.data.leads.find(
      (l) => sim.data.activities.filter((a) => a.lead_id === l.id && a._type === "Call").length > 1,
    )!;
    const own = sim.data.activities.filter((a) => a.lead_id === lead.id);
    const calls = await t.json(`/activity/?lead_id=${lead.id}&_type=Call`);
    expect(calls.body.data.map((a) => a.id).sort()).toEqual(
      own
        .filter((a) => a._type === "Call")
        .map((a) => a.id)
        .sort(),
    );
    const several = await t.json(`/activity/?lead_id=${lead.id}&_type__in=Call,Note`);
    expect(several.body.data.length).toBe(own.filter((a) => a._type === "Call" || a._type === "Note").length);
    const contact = own.find((a) => a.contact_id)!.contact_id!;
    const byContact = await t.json(`/activity/?lead_id=${lead.id}&contact_id=${contact}`);
    expect(byContact.body.data.every((a) => a.contact_id === contact)).toBe(true);
    const user = own.find((a) => a.user_id)!.user_id!;
    const byUser = await t.json(`/activity/?lead_id=${lead.id}&user_id=${user}`);
    expect(byUser.body.data.length).toBe(own.filter((a) => a.user_id === user).length);
    expect((await t.json(`/activity/?lead_id=${lead.id}&_type=Fax`)).status).toBe(400);
  });

  // seed 004: "_type and _type__in can include Custom Activity Type ids … or Custom"
  it("filters Custom activities by actitype_ id or by Custom", async () => {
    const custom = sim.data.activities.find((a) => a._type === "Custom")!;
    const typeId = custom.custom_activity_type_id as string;
    const byId = await t.json(`/activity/?lead_id=${custom.lead_id}&_type=${typeId}`);
    expect(byId.body.data.map((a) => a.id)).toContain(custom.id);
    expect(byId.body.data.every((a) => a.custom_activity_type_id === typeId)).toBe(true);
    const any = await t.json(`/activity/?lead_id=${custom.lead_id}&_type=Custom`);
    expect(any.body.data.every((a) => a._type === "Custom")).toBe(true);
  });

  // seed 004: "Sorting by -activity_at can only be used when listing activities on a single lead"
  it("sorts by -activity_at only on a single lead", async () => {
    expect((await t.json("/activity/?_order_by=-activity_at")).status).toBe(400);
    const lead = sim.data.leads[0]!;
    const r = await t.json(`/activity/?lead_id=${lead.id}&_order_by=-activity_at&_limit=100`);
    const at = r.body.data.map((a) => a.activity_at);
    expect(at).toEqual([...at].sort().reverse());
    expect((await t.json("/activity/?_order_by=priority")).status).toBe(400);
  });

  // seed 004: "if you want to use activity_at__lt and activity_at__gt as filters, you need to include _order_by=-activity_at"
  it("accepts activity_at filters only when sorting by activity_at, and date_created filters only when sorting by date_created", async () => {
    const lead = sim.data.leads[0]!;
    expect((await t.json(`/activity/?lead_id=${lead.id}&activity_at__gte=2026-10-01`)).status).toBe(400);
    const ok = await t.json(`/activity/?lead_id=${lead.id}&_order_by=-activity_at&activity_at__gte=2026-10-01`);
    expect(ok.status).toBe(200);
    expect(ok.body.data.every((a) => a.activity_at >= "2026-10-01")).toBe(true);
    expect(
      (await t.json(`/activity/?lead_id=${lead.id}&_order_by=-activity_at&date_created__gte=2026-10-01`)).status,
    ).toBe(400);
  });

  // seed 004: "_fields … Comma-separated list of fields to include in the response"
  it("returns only the _fields asked for", async () => {
    const r = await t.json<Page<Record<string, unknown>>>("/activity/?_fields=id,_type,date_created&_limit=5");
    for (const row of r.body.data) expect(Object.keys(row).sort()).toEqual(["_type", "date_created", "id"]);
  });

  // seed 004: thread_emails — default Email objects; true: EmailThread plus stripped Emails; only: EmailThread, no Email
  it("serves EmailThread objects only with thread_emails", async () => {
    // The newest such thread: its lead's first 100 rows (newest first) include it.
    const thread = sim.data.threads.findLast((x) => (x.n_emails as number) > 1)!;
    const lead = thread.lead_id;
    const plain = await t.json(`/activity/?lead_id=${lead}&_limit=100`);
    expect(plain.body.data.some((a) => a._type === "EmailThread")).toBe(false);
    expect(plain.body.data.some((a) => a._type === "Email" && "body_text" in a)).toBe(true);
    const both = await t.json(`/activity/?lead_id=${lead}&thread_emails=true&_limit=100`);
    const served = both.body.data.find((a) => a.id === thread.id)!;
    expect((served.emails as unknown[]).length).toBe(thread.n_emails);
    const emails = both.body.data.filter((a) => a._type === "Email");
    expect(emails.length).toBeGreaterThan(0);
    expect(emails.every((e) => !("body_text" in e))).toBe(true);
    const only = await t.json(`/activity/?lead_id=${lead}&thread_emails=only&_limit=100`);
    expect(only.body.data.some((a) => a._type === "EmailThread")).toBe(true);
    expect(only.body.data.some((a) => a._type === "Email")).toBe(false);
    expect((await t.json("/activity/?thread_emails=maybe")).status).toBe(400);
  });

  it("filters by organization_id (ours → everything, another → nothing)", async () => {
    expect((await t.json(`/activity/?organization_id=${sim.data.organization.id}&_limit=3`)).body.data).toHaveLength(3);
    expect((await t.json("/activity/?organization_id=orga_other")).body.data).toHaveLength(0);
  });

  // seed 004: "date_created denotes when an activity was created or synced into Close and activity_at denotes when that activity actually occurred"
  it("serves activities whose date_created is later than their activity_at", async () => {
    const late = sim.data.activities.find((a) => Date.parse(a.date_created) - Date.parse(a.activity_at) > 3_600_000)!;
    const r = await t.json(`/activity/?id__in=${late.id}`);
    expect(r.body.data[0]!.activity_at < r.body.data[0]!.date_created).toBe(true);
  });

  it("answers 404 for an unknown path and 405 for a write", async () => {
    expect((await t.get("/nothing/")).status).toBe(404);
    const res = await fetch(`${t.base}/activity/`, {
      method: "POST",
      headers: { authorization: basic(DEMO_API_KEY) },
      body: "{}",
    });
    expect(res.status).toBe(405);
  });
});

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
