import { describe, expect, it } from "vitest";
import { createWorld, peopleOf, shareOf } from "@/lib/sandbox/shared/world";
import { addSmartleadDriftItems, generateSmartleadData, leadEventCount } from "./data";
import { CAMPAIGN_STATUSES } from "./records";

const NOW = new Date("2026-11-24T12:00:00Z");
const small = () => createWorld({ people: 60, activities: 3000, now: NOW });
const demo = () => createWorld({ now: NOW });

describe("generateSmartleadData", () => {
  it("is deterministic: same seed gives byte-identical JSON", () => {
    expect(JSON.stringify(generateSmartleadData(demo()))).toBe(JSON.stringify(generateSmartleadData(demo())));
  });

  it("differs with another seed", () => {
    const a = JSON.stringify(generateSmartleadData(createWorld({ now: NOW, seed: 1 })));
    const b = JSON.stringify(generateSmartleadData(createWorld({ now: NOW, seed: 2 })));
    expect(a).not.toBe(b);
  });

  it.each([
    ["demo", demo],
    ["small", small],
  ])("derives events within ±10 %% of Smartlead's activity share (%s world)", (_, make) => {
    const world = make();
    const data = generateSmartleadData(world);
    const events = data.leads.reduce((n, l) => n + leadEventCount(l), 0);
    const share = shareOf(world, "smartlead", "activities");
    expect(events).toBeGreaterThanOrEqual(share * 0.9);
    expect(events).toBeLessThanOrEqual(share * 1.1);
  });

  it("scales to a 1 M-activity world within the share", () => {
    const world = createWorld({ now: NOW, activities: 1_000_000 });
    const data = generateSmartleadData(world);
    const events = data.leads.reduce((n, l) => n + leadEventCount(l), 0);
    expect(Math.abs(events - shareOf(world, "smartlead", "activities"))).toBeLessThan(
      0.1 * shareOf(world, "smartlead", "activities"),
    );
  });

  const data = generateSmartleadData(demo());
  const world = demo();
  const sends = data.leads.flatMap((l) => l.activities);

  it("keeps every time in [now − days, now], replies after their send, steps in order", () => {
    const start = NOW.getTime() - world.options.days * 86_400_000;
    for (const lead of data.leads) {
      let prev = -Infinity;
      lead.activities.forEach((a, i) => {
        const sent = Date.parse(a.sent_time);
        expect(sent).toBeGreaterThanOrEqual(start);
        expect(sent).toBeLessThanOrEqual(NOW.getTime());
        expect(sent).toBeGreaterThan(prev);
        prev = sent;
        // A lead's emails are its sequence's steps 1, 2, … (1-based, as in seed 001).
        expect(Number(a.email_seq_number)).toBe(i + 1);
        if (a.reply_details) expect(Date.parse(a.reply_details.time)).toBeGreaterThan(sent);
        if (a.reply_details) expect(Date.parse(a.reply_details.time)).toBeLessThanOrEqual(NOW.getTime());
      });
      expect(lead.current_seq_num).toBe(lead.activities.length);
      expect(Date.parse(lead.created_at)).toBeLessThanOrEqual(
        lead.activities[0] ? Date.parse(lead.activities[0].sent_time) : Infinity,
      );
    }
  });

  it("sends each email of a lead to the same person, opens/clicks only on sent emails, no engagement on a bounce", () => {
    for (const lead of data.leads) {
      expect(new Set(lead.activities.map((a) => a.to_email)).size).toBeLessThanOrEqual(1);
      for (const a of lead.activities) if (Number(a.click_count) > 0) expect(Number(a.open_count)).toBeGreaterThan(0);
      if (lead.status === "BOUNCED") {
        const last = lead.activities.at(-1)!;
        expect([Number(last.open_count), Number(last.click_count), last.reply_details]).toEqual([0, 0, null]);
      }
    }
  });

  it("has one lead_id per person reused across campaigns, one lead per (person, campaign), unique map and stats ids", () => {
    const byEmail = new Map<string, number>();
    for (const l of data.leads) {
      const email = l.activities[0]?.to_email;
      if (!email) continue;
      expect(byEmail.get(email) ?? l.lead_id).toBe(l.lead_id);
      byEmail.set(email, l.lead_id);
    }
    expect(new Set(data.leads.map((l) => `${l.lead_id}:${l.campaign_id}`)).size).toBe(data.leads.length);
    expect(new Set(data.leads.map((l) => l.email_lead_map_id)).size).toBe(data.leads.length);
    expect(new Set(sends.map((a) => a.stats_id)).size).toBe(sends.length);
    expect([...byEmail.values()].some((id) => data.leads.filter((l) => l.lead_id === id).length > 1)).toBe(true);
  });

  it("keeps the world's emails as given, capitals included", () => {
    const emails = new Set(peopleOf(world, "smartlead").map((p) => p.email));
    for (const a of sends) expect(emails.has(a.to_email)).toBe(true);
    expect(sends.some((a) => a.to_email !== a.to_email.toLowerCase())).toBe(true);
  });

  it("has realistic funnels: opens > clicks, replies 3–10 % and bounces 1–4 % of sends, some unsubscribes and interest", () => {
    const opened = sends.filter((a) => Number(a.open_count) > 0).length;
    const clicked = sends.filter((a) => Number(a.click_count) > 0).length;
    const replied = sends.filter((a) => a.reply_details).length;
    const bounced = data.leads.filter((l) => l.status === "BOUNCED").length;
    expect(opened).toBeGreaterThan(clicked);
    expect(clicked).toBeGreaterThan(0);
    expect(replied / sends.length).toBeGreaterThanOrEqual(0.03);
    expect(replied / sends.length).toBeLessThanOrEqual(0.1);
    expect(bounced / sends.length).toBeGreaterThanOrEqual(0.01);
    expect(bounced / sends.length).toBeLessThanOrEqual(0.04);
    expect(data.leads.some((l) => l.status === "UNSUBSCRIBED")).toBe(true);
    expect(data.leads.some((l) => l.lead_category === "Interested")).toBe(true);
  });

  it("has 3–6 step sequences, A/B variants on some steps, every campaign status, and numbers sometimes as strings", () => {
    for (const steps of Object.values(data.sequences)) {
      expect(steps.length).toBeGreaterThanOrEqual(3);
      expect(steps.length).toBeLessThanOrEqual(6);
    }
    expect(sends.some((a) => a.variant_label === "B")).toBe(true);
    expect(sends.some((a) => a.variant_label === undefined)).toBe(true);
    expect(new Set(data.campaigns.map((c) => c.status))).toEqual(new Set(CAMPAIGN_STATUSES));
    expect(sends.some((a) => typeof a.email_seq_number === "string")).toBe(true);
    expect(sends.some((a) => typeof a.email_seq_number === "number")).toBe(true);
    expect(sends.some((a) => typeof a.open_count === "string")).toBe(true);
  });

  it("a variant's subject comes from its step's variant", () => {
    for (const lead of data.leads.slice(0, 200)) {
      const steps = data.sequences[String(lead.campaign_id)]!;
      for (const a of lead.activities) {
        const step = steps[Number(a.email_seq_number) - 1]!;
        if (a.variant_label) expect(step.seq_variants.map((v) => v.variant_label)).toContain(a.variant_label);
        else expect(step.seq_variants).toHaveLength(1);
      }
    }
  });
});

describe("addSmartleadDriftItems", () => {
  it("sends the next step of in-progress leads at `now`, coherently", () => {
    const data = generateSmartleadData(small());
    const at = new Date(NOW.getTime() + 60_000);
    const before = data.leads.reduce((n, l) => n + l.activities.length, 0);
    const refs = addSmartleadDriftItems(data, 5, at);
    expect(refs).toHaveLength(5);
    expect(data.leads.reduce((n, l) => n + l.activities.length, 0)).toBe(before + 5);
    for (const r of refs) {
      const lead = data.leads[r.lead]!;
      const a = lead.activities[r.activity]!;
      expect(a.sent_time).toBe(at.toISOString());
      expect(Number(a.email_seq_number)).toBe(r.activity + 1);
      expect(lead.current_seq_num).toBe(r.activity + 1);
      expect(data.campaigns.find((c) => c.id === lead.campaign_id)!.status).toBe("ACTIVE");
    }
  });

  it("enrols new leads once no lead is left in progress", () => {
    const data = generateSmartleadData(small());
    const leadsBefore = data.leads.length;
    const refs = addSmartleadDriftItems(data, 400, new Date(NOW.getTime() + 60_000));
    expect(refs.length).toBeGreaterThan(0);
    expect(data.leads.length).toBeGreaterThan(leadsBefore);
    expect(new Set(data.leads.map((l) => `${l.lead_id}:${l.campaign_id}`)).size).toBe(data.leads.length);
  });
});
