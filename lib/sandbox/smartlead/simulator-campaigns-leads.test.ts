import { describe, expect, it } from "vitest";
import { data, get, serveSimulator } from "./simulator-harness";

// Contract tests of the Smartlead simulator over real HTTP: campaigns with their analytics,
// and leads with their message history. Each cites the line of /work/shared/VENDORS.md
// ("Smartlead") it checks.

serveSimulator();

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
