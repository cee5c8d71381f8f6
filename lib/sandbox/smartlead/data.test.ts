import { describe, expect, it } from "vitest";
import { createWorld, peopleOf, shareOf } from "@/lib/sandbox/shared/world";
import { addSmartleadDriftItems, generateSmartleadData, leadEventCount } from "./data";
import { applyLateEvents } from "./late";
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

  it("keeps every time in [now − days, now] (archive campaigns: more than a year back), replies after their send, steps in order", () => {
    const start = NOW.getTime() - world.options.days * 86_400_000;
    const yearAgo = NOW.getTime() - 365 * 86_400_000;
    const archived = new Set(data.campaigns.filter((c) => Date.parse(c.created_at) < yearAgo).map((c) => c.id));
    expect(archived.size).toBeGreaterThanOrEqual(1);
    for (const lead of data.leads) {
      let prev = -Infinity;
      lead.activities.forEach((a, i) => {
        const sent = Date.parse(a.sent_time);
        if (archived.has(lead.campaign_id)) expect(sent).toBeLessThan(yearAgo);
        else expect(sent).toBeGreaterThanOrEqual(start);
        expect(sent).toBeLessThanOrEqual(NOW.getTime());
        expect(sent).toBeGreaterThan(prev);
        prev = sent;
        // A lead's emails are its sequence's steps 1, 2, … (1-based, as in seed 001).
        expect(Number(a.email_seq_number)).toBe(i + 1);
        if (a.reply_details) expect(Date.parse(a.reply_details.time)).toBeGreaterThan(sent);
        if (a.reply_details) expect(Date.parse(a.reply_details.time)).toBeLessThanOrEqual(NOW.getTime());
        let after = a.reply_details ? Date.parse(a.reply_details.time) : Infinity;
        for (const r of a.thread_replies) {
          expect(Date.parse(r.time)).toBeGreaterThan(after);
          expect(Date.parse(r.time)).toBeLessThanOrEqual(NOW.getTime());
          after = Date.parse(r.time);
        }
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

describe("late engagement (opens, clicks and further replies after the generator's now)", () => {
  const DAY = 86_400_000;

  it("waits in `late`, oldest first, on emails sent before now that did not bounce", () => {
    const data = generateSmartleadData(demo());
    expect(data.late.length).toBeGreaterThan(0);
    expect(data.late.map((e) => e.at)).toEqual([...data.late.map((e) => e.at)].sort());
    expect(new Set(data.late.map((e) => e.kind))).toEqual(new Set(["open", "click", "thread_reply"]));
    for (const e of data.late) {
      const lead = data.leads[e.lead]!;
      const a = lead.activities[e.activity]!;
      expect(Date.parse(e.at)).toBeGreaterThan(NOW.getTime());
      expect(Date.parse(a.sent_time)).toBeLessThanOrEqual(NOW.getTime());
      if (e.kind === "thread_reply") expect(a.reply_details).not.toBeNull();
      if (e.activity === lead.activities.length - 1) expect(lead.status).not.toBe("BOUNCED");
    }
    // Some emails get their first open later, and some of those more than 12 days after the send.
    const firstOpens = data.late.filter(
      (e) => e.kind === "open" && Number(data.leads[e.lead]!.activities[e.activity]!.open_count) === 0,
    );
    expect(firstOpens.length).toBeGreaterThan(0);
    const delay = (e: (typeof firstOpens)[number]) =>
      Date.parse(e.at) - Date.parse(data.leads[e.lead]!.activities[e.activity]!.sent_time);
    expect(firstOpens.some((e) => delay(e) > 12 * DAY)).toBe(true);
  });

  it("applyLateEvents grows the counts (strings stay strings) and the threads once the clock passes, once", () => {
    const data = generateSmartleadData(small());
    const before = structuredClone(data.leads);
    const until = NOW.getTime() + 60 * DAY;
    const due = data.late.filter((e) => Date.parse(e.at) <= until);
    const added = applyLateEvents(data, until);
    expect(added).toHaveLength(due.filter((e) => e.kind === "thread_reply").length);
    expect(applyLateEvents(data, until)).toEqual([]);
    const count = (kind: string, lead: number, activity: number) =>
      due.filter((e) => e.kind === kind && e.lead === lead && e.activity === activity).length;
    for (const e of due) {
      const was = before[e.lead]!.activities[e.activity]!;
      const now = data.leads[e.lead]!.activities[e.activity]!;
      expect(Number(now.open_count)).toBe(Number(was.open_count) + count("open", e.lead, e.activity));
      expect(Number(now.click_count)).toBe(Number(was.click_count) + count("click", e.lead, e.activity));
      expect(typeof now.open_count).toBe(typeof was.open_count);
      expect(now.thread_replies.length).toBe(was.thread_replies.length + count("thread_reply", e.lead, e.activity));
      if (Number(now.click_count) > 0) expect(Number(now.open_count)).toBeGreaterThan(0);
    }
  });
});
