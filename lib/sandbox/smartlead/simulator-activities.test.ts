import { describe, expect, it } from "vitest";
import { data, get, KEY, type LeadRow, serveSimulator } from "./simulator-harness";

// Contract tests of the Smartlead simulator over real HTTP: auth and the lead activity feed.
// Each cites the line of /work/shared/VENDORS.md ("Smartlead") or seed 001 it checks.

serveSimulator();

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
