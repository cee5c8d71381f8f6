import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveHandler, type RunningServer } from "@/lib/sandbox/shared/serve";
import { createWorld } from "@/lib/sandbox/shared/world";
import type { SmartleadData, SmartleadLead } from "./records";
import { BASE_PATH, createSmartleadSimulator } from "./simulator";

// Contract tests of the Smartlead simulator over real HTTP. Each cites the line of
// /work/shared/VENDORS.md ("Smartlead") or seed 001 it checks.

const NOW = new Date("2026-11-24T12:00:00Z");
const world = createWorld({ people: 60, activities: 3000, now: NOW });
const KEY = "test-key-0f6c2d9a";

let server: RunningServer;
let base: string;
let data: SmartleadData;

beforeAll(async () => {
  // A generous limit: these tests are about the API, the limiter has its own server below.
  const sim = createSmartleadSimulator(world, {
    apiKey: KEY,
    now: () => NOW.getTime(),
    rateLimit: { limit: 100_000, windowMs: 1_000 },
  });
  data = sim.data;
  server = await serveHandler(sim.handler);
  base = server.url + BASE_PATH;
});
afterAll(() => server?.close());

async function get(path: string, query: Record<string, string> = {}, key: string | null = KEY, init?: RequestInit) {
  const url = new URL(base + path);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  if (key !== null) url.searchParams.set("api_key", key);
  const res = await fetch(url, init);
  const text = await res.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, headers: res.headers, body: body as Record<string, unknown> & unknown[] };
}

type LeadRow = Omit<SmartleadLead, "activities"> & { activities: SmartleadLead["activities"] };
const activities = (q: Record<string, string>) => get("/campaigns/all-leads-activities", q);
const rowsOf = (b: unknown) => (b as { data: LeadRow[] }).data;

async function allPages(q: Record<string, string>, limit = 50): Promise<LeadRow[]> {
  const out: LeadRow[] = [];
  for (let offset = 0, i = 0; i < 1000; i++) {
    const r = await activities({ ...q, limit: String(limit), offset: String(offset) });
    expect(r.status).toBe(200);
    const rows = rowsOf(r.body);
    out.push(...rows);
    offset += rows.length;
    if (!(r.body as unknown as { hasMore: boolean }).hasMore) break;
  }
  return out;
}

describe("auth — VENDORS.md: `?api_key=KEY` query parameter on every request", () => {
  it("a missing key answers 401 with a JSON error", async () => {
    const r = await get("/campaigns/", {}, null);
    expect(r.status).toBe(401);
    expect(r.body).toEqual({ error: { code: "UNAUTHORIZED", message: expect.any(String) } });
  });
  it("a wrong key answers 401 on every route (seed 001: 401 Invalid or missing API key)", async () => {
    for (const p of ["/campaigns/", "/campaigns/all-leads-activities", "/leads/?email=x@y.z"])
      expect((await get(p, {}, "nope")).status).toBe(401);
  });
  it("a key in a header instead of the query is refused", async () => {
    expect((await get("/campaigns/", {}, null, { headers: { authorization: `Bearer ${KEY}` } })).status).toBe(401);
  });
});

describe("GET /campaigns/all-leads-activities — seed 001", () => {
  it("answers {data:[lead…], hasMore} with the seed's lead and activity fields", async () => {
    const r = await activities({ limit: "20" });
    expect(r.status).toBe(200);
    expect(Object.keys(r.body).sort()).toEqual(["data", "hasMore"]);
    const lead = rowsOf(r.body).find((l) => l.activities.length > 0)!;
    for (const k of [
      "lead_id",
      "email_lead_map_id",
      "campaign_id",
      "campaign_name",
      "campaign_status",
      "status",
      "current_seq_num",
      "created_at",
      "activities",
    ])
      expect(lead).toHaveProperty(k);
    const a = lead.activities[0]!;
    for (const k of [
      "stats_id",
      "message_id",
      "subject",
      "email_body",
      "sent_time",
      "from_email",
      "to_email",
      "email_seq_number",
      "open_count",
      "click_count",
      "click_details",
      "reply_details",
      "thread_replies",
    ])
      expect(a).toHaveProperty(k);
    expect(typeof lead.lead_id).toBe("number");
  });

  it('limit defaults to 100 (seed: `limit … default:"100"`)', async () => {
    const r = await activities({});
    expect(data.leads.length).toBeGreaterThan(100);
    expect(rowsOf(r.body)).toHaveLength(100);
    expect((r.body as unknown as { hasMore: boolean }).hasMore).toBe(true);
  });

  it("limit accepts 1 and 1000 (seed: minimum 1, maximum 1000)", async () => {
    expect(rowsOf((await activities({ limit: "1" })).body)).toHaveLength(1);
    const r = await activities({ limit: "1000" });
    expect(rowsOf(r.body)).toHaveLength(Math.min(1000, data.leads.length));
  });

  it.each(["0", "1001", "-5", "abc", "2.5"])(
    "limit=%s answers 422 (seed: 422 Invalid query parameters)",
    async (limit) => {
      const r = await activities({ limit });
      expect(r.status).toBe(422);
      expect(r.body).toEqual({ error: { code: "VALIDATION_ERROR", message: expect.stringContaining("limit") } });
    },
  );

  it.each(["-1", "x"])("offset=%s answers 422 (seed: offset minimum 0)", async (offset) => {
    expect((await activities({ offset })).status).toBe(422);
  });

  it("an offset past the end answers an empty page with hasMore false", async () => {
    const r = await activities({ offset: String(data.leads.length + 10) });
    expect(r.body).toEqual({ data: [], hasMore: false });
  });

  it("event_time_to without event_time_from answers 400 (seed: event_time_to … Must be used with event_time_from)", async () => {
    const r = await activities({ event_time_to: "2026-11-01" });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ error: { code: "BAD_REQUEST", message: expect.stringContaining("event_time_from") } });
  });

  it.each([
    ["event_time_from", "yesterday"],
    ["event_time_from", "2026-13-01"],
    ["event_time_from", "2026-02-30"],
    ["event_time_from", "1732406400"],
    ["event_time_to", "2026-11-01T25:00:00Z"],
  ])("%s=%s answers 400 (seed: 400 Invalid date format)", async (param, value) => {
    const q: Record<string, string> = { event_time_from: "2026-10-01", [param]: value };
    expect((await activities(q)).status).toBe(400);
  });

  it("accepts ISO 8601 and YYYY-MM-DD (seed: e.g. 2025-11-25T00:00:00.000Z or YYYY-MM-DD)", async () => {
    for (const from of [
      "2026-10-01",
      "2026-10-01T00:00:00.000Z",
      "2026-10-01T02:00:00+02:00",
      "2026-10-01T00:00:00Z",
    ]) {
      const r = await activities({ event_time_from: from, event_time_to: "2026-10-15" });
      expect(r.status).toBe(200);
    }
  });

  it("a date-only event_time_to covers its whole day (seed example: 2025-11-01 … 2025-11-30)", async () => {
    const sends = data.leads.flatMap((l) => l.activities);
    const evening = sends.find((a) => Number(a.sent_time.slice(11, 13)) >= 18)!;
    const day = evening.sent_time.slice(0, 10);
    const got = (await allPages({ event_time_from: day, event_time_to: day }))
      .flatMap((l) => l.activities)
      .filter((a) => a.sent_time.startsWith(day));
    expect(got.map((a) => a.stats_id)).toContain(evening.stats_id);
    expect(got).toHaveLength(sends.filter((a) => a.sent_time.startsWith(day)).length);
  });

  it("filters by send or reply time (thread replies too): a lead is in when one of its emails was sent or replied to in range, with only those emails", async () => {
    const from = "2026-10-01T00:00:00.000Z";
    const to = "2026-10-20T00:00:00.000Z";
    const [f, t] = [Date.parse(from), Date.parse(to)];
    const inRange = (iso: string | undefined) => iso !== undefined && Date.parse(iso) >= f && Date.parse(iso) <= t;
    const got = await allPages({ event_time_from: from, event_time_to: to });
    const expected = new Map<number, number[]>();
    for (const l of data.leads) {
      const ids = l.activities
        .filter(
          (a) =>
            inRange(a.sent_time) || inRange(a.reply_details?.time) || a.thread_replies.some((r) => inRange(r.time)),
        )
        .map((a) => a.stats_id);
      if (ids.length) expected.set(l.email_lead_map_id, ids);
    }
    expect(new Map(got.map((l) => [l.email_lead_map_id, l.activities.map((a) => a.stats_id)]))).toEqual(expected);
    expect(got.length).toBe(expected.size);
    expect(got.some((l) => l.activities.some((a) => !inRange(a.sent_time)))).toBe(true); // included by their reply
  });

  it("orders newest matching event first, and offset pages neither repeat nor skip a lead", async () => {
    const pages = await allPages({ event_time_from: "2026-09-01" }, 7);
    expect(new Set(pages.map((l) => l.email_lead_map_id)).size).toBe(pages.length);
    const whole = rowsOf((await activities({ event_time_from: "2026-09-01", limit: "1000" })).body);
    expect(pages.map((l) => l.email_lead_map_id)).toEqual(whole.map((l) => l.email_lead_map_id));
    const latest = (l: LeadRow) =>
      Math.max(
        ...l.activities.flatMap((a) => [
          Date.parse(a.sent_time),
          a.reply_details ? Date.parse(a.reply_details.time) : 0,
          ...a.thread_replies.map((r) => Date.parse(r.time)),
        ]),
      );
    for (let i = 1; i < whole.length; i++) expect(latest(whole[i - 1]!)).toBeGreaterThanOrEqual(latest(whole[i]!));
  });

  it("without a date filter, every lead comes with all its emails", async () => {
    const all = await allPages({}, 1000);
    expect(all.length).toBe(data.leads.length);
    expect(all.reduce((n, l) => n + l.activities.length, 0)).toBe(
      data.leads.reduce((n, l) => n + l.activities.length, 0),
    );
  });

  it('emits numbers sometimes as strings (VENDORS.md: "numbers often arrive as strings")', async () => {
    const acts = (await allPages({}, 1000)).flatMap((l) => l.activities);
    expect(acts.some((a) => typeof a.email_seq_number === "string")).toBe(true);
    expect(acts.some((a) => typeof a.open_count === "string")).toBe(true);
  });
});

describe("campaigns — VENDORS.md: GET /campaigns/ → bare array; /campaigns/{id}/analytics", () => {
  it("lists campaigns as a bare array with the documented statuses", async () => {
    const r = await get("/campaigns/");
    expect(Array.isArray(r.body)).toBe(true);
    for (const c of r.body as { id: number; name: string; status: string; created_at: string; updated_at: string }[]) {
      expect(["DRAFTED", "ACTIVE", "COMPLETED", "STOPPED", "PAUSED"]).toContain(c.status);
      expect(typeof c.id).toBe("number");
      expect(c.name).toBeTruthy();
      expect(Date.parse(c.updated_at)).toBeGreaterThanOrEqual(Date.parse(c.created_at));
    }
    expect((await get("/campaigns")).body).toEqual(r.body);
  });

  it("analytics counts are strings and agree with the leads and emails", async () => {
    for (const c of data.campaigns) {
      const r = await get(`/campaigns/${c.id}/analytics`);
      expect(r.status).toBe(200);
      const leads = data.leads.filter((l) => l.campaign_id === c.id);
      const sends = leads.flatMap((l) => l.activities);
      const b = r.body as unknown as Record<string, string>;
      for (const k of [
        "sent_count",
        "unique_open_count",
        "unique_click_count",
        "reply_count",
        "bounce_count",
        "unsubscribed_count",
      ])
        expect(typeof b[k]).toBe("string");
      expect(Number(b.sent_count)).toBe(sends.length);
      expect(Number(b.unique_open_count)).toBe(sends.filter((a) => Number(a.open_count) > 0).length);
      expect(Number(b.unique_click_count)).toBe(sends.filter((a) => Number(a.click_count) > 0).length);
      expect(Number(b.reply_count)).toBe(sends.filter((a) => a.reply_details).length);
      expect(Number(b.bounce_count)).toBe(leads.filter((l) => l.status === "BOUNCED").length);
      expect(Number(b.unsubscribed_count)).toBe(leads.filter((l) => l.status === "UNSUBSCRIBED").length);
    }
  });

  it("an unknown campaign answers 404", async () => {
    expect((await get("/campaigns/1/analytics")).status).toBe(404);
  });

  it("analytics-by-date totals a day range, refuses more than 30 days (VENDORS.md, unverified) and bad dates", async () => {
    const c = data.campaigns.find((x) => x.status === "ACTIVE")!;
    const ok = await get(`/campaigns/${c.id}/analytics-by-date`, { start_date: "2026-10-01", end_date: "2026-10-30" });
    expect(ok.status).toBe(200);
    const sends = data.leads
      .filter((l) => l.campaign_id === c.id)
      .flatMap((l) => l.activities)
      .filter((a) => a.sent_time >= "2026-10-01" && a.sent_time < "2026-10-31");
    expect((ok.body as unknown as Record<string, string>).sent_count).toBe(String(sends.length));
    expect(
      (await get(`/campaigns/${c.id}/analytics-by-date`, { start_date: "2026-10-01", end_date: "2026-10-31" })).status,
    ).toBe(400);
    expect((await get(`/campaigns/${c.id}/analytics-by-date`, { start_date: "2026-10-01" })).status).toBe(400);
    expect(
      (await get(`/campaigns/${c.id}/analytics-by-date`, { start_date: "2026-10-09", end_date: "2026-10-01" })).status,
    ).toBe(400);
  });
});

describe("leads — VENDORS.md: GET /leads/?email= and message-history", () => {
  const withReply = () => data.leads.find((l) => l.activities.some((a) => a.reply_details))!;

  it("finds a lead by email, whatever its case, with lead_campaign_data[]", async () => {
    const lead = withReply();
    const email = lead.activities[0]!.to_email;
    const r = await get("/leads/", { email: email.toUpperCase() });
    expect(r.status).toBe(200);
    const b = r.body as unknown as {
      id: number;
      email: string;
      lead_campaign_data: { campaign_id: number; campaign_lead_map_id: number; campaign_lead_status: string }[];
    };
    expect(b.id).toBe(lead.lead_id);
    expect(b.email).toBe(email);
    const mine = data.leads.filter((l) => l.lead_id === lead.lead_id);
    expect(b.lead_campaign_data.map((x) => x.campaign_lead_map_id).sort()).toEqual(
      mine.map((l) => l.email_lead_map_id).sort(),
    );
    expect(b.lead_campaign_data.find((x) => x.campaign_id === lead.campaign_id)!.campaign_lead_status).toBe(
      lead.status,
    );
  });

  it('an unknown email answers 200 with {} (VENDORS.md: "an unknown email answers 200 with {}")', async () => {
    const r = await get("/leads/", { email: "nobody@nowhere.example" });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({});
  });

  it("message history lists SENT and REPLY entries, oldest first, email_seq_number as a string", async () => {
    const lead = withReply();
    const r = await get(`/campaigns/${lead.campaign_id}/leads/${lead.lead_id}/message-history`);
    expect(r.status).toBe(200);
    const h = (
      r.body as unknown as {
        history: { type: string; stats_id: number; time: string; email_seq_number: unknown; open_count: number }[];
      }
    ).history;
    expect(h.filter((e) => e.type === "SENT")).toHaveLength(lead.activities.length);
    expect(h.filter((e) => e.type === "REPLY")).toHaveLength(lead.activities.filter((a) => a.reply_details).length);
    for (const e of h) expect(typeof e.email_seq_number).toBe("string");
    for (let i = 1; i < h.length; i++) expect(h[i]!.time >= h[i - 1]!.time).toBe(true);
    const reply = h.find((e) => e.type === "REPLY")!;
    expect(h.find((e) => e.type === "SENT" && e.stats_id === reply.stats_id)!.time < reply.time).toBe(true);
  });

  it("message history of a lead not in that campaign answers 404", async () => {
    const lead = data.leads[0]!;
    const other = data.campaigns.find(
      (c) => !data.leads.some((l) => l.lead_id === lead.lead_id && l.campaign_id === c.id),
    )!;
    expect((await get(`/campaigns/${other.id}/leads/${lead.lead_id}/message-history`)).status).toBe(404);
  });
});

describe("rate limit — VENDORS.md: pace at 10 per 2 s; 429 body {error:{code:RATE_LIMIT_EXCEEDED,retry_after}}", () => {
  it("a burst of 15 gives exactly 10 passes and 5 × 429 with Retry-After and the same retry_after in the body", async () => {
    // A frozen clock makes the sliding log exact whatever the machine's speed.
    const frozen = NOW.getTime();
    const sim = createSmartleadSimulator(world, { apiKey: KEY, now: () => frozen, data });
    const srv = await serveHandler(sim.handler);
    try {
      const res = await Promise.all(
        Array.from({ length: 15 }, async () => {
          const r = await fetch(`${srv.url}${BASE_PATH}/campaigns/?api_key=${KEY}`);
          return { status: r.status, retryAfter: r.headers.get("retry-after"), body: await r.json() };
        }),
      );
      expect(res.filter((r) => r.status === 200)).toHaveLength(10);
      const limited = res.filter((r) => r.status === 429);
      expect(limited).toHaveLength(5);
      for (const r of limited) {
        expect(r.retryAfter).toBe("2");
        expect(r.body).toEqual({ error: { code: "RATE_LIMIT_EXCEEDED", retry_after: 2 } });
      }
    } finally {
      await srv.close();
    }
  });

  it("the limit is per key: a wrong key does not use up the right key's budget", async () => {
    const sim = createSmartleadSimulator(world, { apiKey: KEY, now: () => NOW.getTime(), data });
    const srv = await serveHandler(sim.handler);
    try {
      for (let i = 0; i < 12; i++) await fetch(`${srv.url}${BASE_PATH}/campaigns/?api_key=wrong`);
      expect((await fetch(`${srv.url}${BASE_PATH}/campaigns/?api_key=${KEY}`)).status).toBe(200);
    } finally {
      await srv.close();
    }
  });
});

describe("fault injection (lib/sandbox/shared/faults.ts)", () => {
  it("POST /__sandbox/faults: a 429 storm answers Smartlead's 429 with the given Retry-After", async () => {
    await fetch(`${server.url}${BASE_PATH}/__sandbox/faults`, {
      method: "POST",
      body: JSON.stringify({ status429: 2, retryAfterSeconds: 3 }),
    });
    const a = await get("/campaigns/");
    const b = await get("/campaigns/");
    const c = await get("/campaigns/");
    expect([a.status, b.status, c.status]).toEqual([429, 429, 200]);
    expect(a.headers.get("retry-after")).toBe("3");
    expect(a.body).toEqual({ error: { code: "RATE_LIMIT_EXCEEDED", retry_after: 3 } });
  });

  it("x-sandbox-fault header: one 500 with Smartlead's error body, then normal", async () => {
    const r = await get("/campaigns/", {}, KEY, { headers: { "x-sandbox-fault": JSON.stringify({ status5xx: 1 }) } });
    expect(r.status).toBe(500);
    expect(r.body).toEqual({ error: { code: "INTERNAL_SERVER_ERROR", message: expect.any(String) } });
    expect((await get("/campaigns/")).status).toBe(200);
  });

  it("malformed JSON and a revoked key", async () => {
    const bad = await get("/campaigns/", {}, KEY, {
      headers: { "x-sandbox-fault": JSON.stringify({ malformedJson: 1 }) },
    });
    expect(bad.status).toBe(200);
    expect(typeof bad.body).toBe("string");
    const revoked = await get("/campaigns/", {}, KEY, {
      headers: { "x-sandbox-fault": JSON.stringify({ revokeKey: true }) },
    });
    expect(revoked.status).toBe(401);
    expect(revoked.body).toEqual({ error: { code: "UNAUTHORIZED", message: expect.any(String) } });
  });

  it("page drift: driftPerRequest sends new emails at the simulator's now before answering", async () => {
    const sim = createSmartleadSimulator(world, {
      apiKey: KEY,
      now: () => NOW.getTime() + 3_600_000,
      rateLimit: { limit: 1000, windowMs: 1000 },
    });
    const srv = await serveHandler(sim.handler);
    try {
      const before = sim.data.leads.reduce((n, l) => n + l.activities.length, 0);
      const url = `${srv.url}${BASE_PATH}/campaigns/all-leads-activities?api_key=${KEY}&event_time_from=2026-11-24T12:30:00Z`;
      const r = await fetch(url, { headers: { "x-sandbox-fault": JSON.stringify({ driftPerRequest: 3 }) } });
      const body = (await r.json()) as { data: LeadRow[] };
      expect(sim.data.leads.reduce((n, l) => n + l.activities.length, 0)).toBe(before + 3);
      expect(body.data.flatMap((l) => l.activities).map((a) => a.sent_time)).toEqual(
        Array(3).fill("2026-11-24T13:00:00.000Z"),
      );
    } finally {
      await srv.close();
    }
  });
});
