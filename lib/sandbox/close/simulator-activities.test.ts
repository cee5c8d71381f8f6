import { describe, expect, it } from "vitest";
import { DEMO_API_KEY } from "./simulator";
import { basic, t, sim, byCreatedDesc, serveSimulator } from "./simulator-harness";
import type { Page } from "./simulator-harness";

// Contract tests over real HTTP for auth and the activity listing. Quotes are from VENDORS.md
// "Close" and seed 004.

serveSimulator();

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
