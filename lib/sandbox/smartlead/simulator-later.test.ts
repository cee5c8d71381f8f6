import { describe, expect, it } from "vitest";
import { serveHandler } from "@/lib/sandbox/shared/serve";
import { createWorld } from "@/lib/sandbox/shared/world";
import { generateSmartleadData } from "./data";
import type { SmartleadLead } from "./records";
import { SEED_001_LEAD } from "./seed-example";
import { BASE_PATH, createSmartleadSimulator } from "./simulator";

// The Smartlead simulator over real HTTP: engagement that arrives after the send (the
// counts grow as the simulator's clock passes it), further replies in a thread, the
// ignore-paging fault, and seed 001's example lead served with its original dates.

const NOW = new Date("2026-11-24T12:00:00Z");
const world = createWorld({ people: 60, activities: 3000, now: NOW });
const KEY = "test-key-0f6c2d9a";
const rowsOf = (b: unknown) => (b as { data: SmartleadLead[] }).data;

describe("engagement that arrives later, the ignore-paging fault and seed 001's example", () => {
  async function withSim(
    opts: Parameters<typeof createSmartleadSimulator>[1],
    fn: (get: (path: string, q?: Record<string, string>) => Promise<Record<string, unknown>>) => Promise<void>,
  ) {
    const sim = createSmartleadSimulator(world, {
      apiKey: KEY,
      rateLimit: { limit: 100_000, windowMs: 1_000 },
      ...opts,
    });
    const srv = await serveHandler(sim.handler);
    try {
      await fn(async (path, q = {}) => {
        const url = new URL(srv.url + BASE_PATH + path);
        for (const [k, v] of Object.entries({ ...q, api_key: KEY })) url.searchParams.set(k, v);
        return (await (await fetch(url)).json()) as Record<string, unknown>;
      });
    } finally {
      await srv.close();
    }
  }

  it("a lead's open_count grows when the clock passes a later open; the open's time alone brings no lead into a window", async () => {
    let clock = NOW.getTime();
    const data = generateSmartleadData(world);
    const e = data.late.find(
      (x) => x.kind === "open" && Number(data.leads[x.lead]!.activities[x.activity]!.open_count) === 0,
    )!;
    const lead = data.leads[e.lead]!;
    const email = lead.activities[e.activity]!;
    await withSim({ data, now: () => clock }, async (get) => {
      const sentWindow = { event_time_from: email.sent_time, event_time_to: email.sent_time, limit: "1000" };
      const emailIn = async (q: Record<string, string>) =>
        rowsOf(await get("/campaigns/all-leads-activities", q))
          .find((l) => l.email_lead_map_id === lead.email_lead_map_id)
          ?.activities.find((a) => a.stats_id === email.stats_id);
      expect(Number((await emailIn(sentWindow))!.open_count)).toBe(0);
      clock = Date.parse(e.at);
      expect(Number((await emailIn(sentWindow))!.open_count)).toBe(1);
      expect(await emailIn({ event_time_from: e.at, event_time_to: e.at, limit: "1000" })).toBeUndefined();
    });
  });

  it("further replies join thread_replies, the window of their time, and the message history as REPLY", async () => {
    let clock = NOW.getTime();
    const data = generateSmartleadData(createWorld({ now: NOW }));
    const e = data.late.find((x) => x.kind === "thread_reply")!;
    const lead = data.leads[e.lead]!;
    const email = lead.activities[e.activity]!;
    const had = email.thread_replies.length;
    await withSim({ data, now: () => clock }, async (get) => {
      clock = Date.parse(e.at);
      const rows = rowsOf(await get("/campaigns/all-leads-activities", { event_time_from: e.at, event_time_to: e.at }));
      const got = rows.find((l) => l.email_lead_map_id === lead.email_lead_map_id)!.activities[0]!;
      expect(got.stats_id).toBe(email.stats_id);
      expect(got.thread_replies).toHaveLength(had + 1);
      expect(got.thread_replies.at(-1)).toEqual(e.reply);
      const history = (await get(`/campaigns/${lead.campaign_id}/leads/${lead.lead_id}/message-history`)) as {
        history: { type: string; message_id: string; stats_id: number }[];
      };
      expect(history.history.find((h) => h.message_id === e.reply!.message_id)).toMatchObject({
        type: "REPLY",
        stats_id: email.stats_id,
      });
    });
  });

  it("ignorePaging answers every offset with the first page (hasMore stays true)", async () => {
    await withSim({ now: () => NOW.getTime() }, async (get) => {
      const first = await get("/campaigns/all-leads-activities", { limit: "5" });
      const again = await get("/campaigns/all-leads-activities", { limit: "5", offset: "5" });
      expect(rowsOf(again)).not.toEqual(rowsOf(first));
    });
    await withSim({ now: () => NOW.getTime(), faults: { ignorePaging: true } }, async (get) => {
      const first = await get("/campaigns/all-leads-activities", { limit: "5" });
      const again = await get("/campaigns/all-leads-activities", { limit: "5", offset: "5" });
      expect(rowsOf(again)).toEqual(rowsOf(first));
      expect(again.hasMore).toBe(true);
    });
  });

  it("seedExamples serves seed 001's lead with its original dates, its campaign and its person", async () => {
    await withSim({ now: () => NOW.getTime(), seedExamples: true }, async (get) => {
      // The seed's own request: event_time_from=2025-11-01&event_time_to=2025-11-30.
      const rows = rowsOf(
        await get("/campaigns/all-leads-activities", {
          limit: "50",
          event_time_from: "2025-11-01",
          event_time_to: "2025-11-30",
        }),
      );
      const lead = rows.find((l) => l.lead_id === 2995276770)!;
      expect(lead).toEqual({ ...SEED_001_LEAD });
      expect(lead.activities[0]!.sent_time).toBe("2025-11-26T10:00:00.000Z");
      const campaigns = (await get("/campaigns/")) as unknown as { id: number; name: string; status: string }[];
      expect(campaigns.find((c) => c.id === 123)).toMatchObject({ name: "Q4 Outreach", status: "ACTIVE" });
      expect(await get("/campaigns/123/analytics")).toMatchObject({
        sent_count: "1",
        unique_open_count: "1",
        unique_click_count: "1",
        reply_count: "1",
      });
      expect(await get("/leads/", { email: "John@Example.com" })).toMatchObject({
        id: 2995276770,
        lead_campaign_data: [{ campaign_id: 123, campaign_lead_status: "INPROGRESS" }],
      });
    });
  });
});
