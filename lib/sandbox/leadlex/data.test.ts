import { createWorld, peopleOf, shareOf } from "@/lib/sandbox/shared/world";
import { describe, expect, it } from "vitest";
import {
  ACTIVITY_TYPES,
  addLeadlexDriftItems,
  addSeedExample,
  createdOf,
  SEED_003_ACTIVITY,
  generateLeadlexData,
  updatedOf,
  type LeadlexData,
} from "./data";
import { isCampaignSend as isSend, recountCampaign } from "./testing";

const NOW = new Date("2026-11-24T12:00:00Z");
const small = () => createWorld({ people: 300, activities: 20_000, campaigns: 12, tasks: 200, now: NOW });
/** A campaign send in either form: the seed's `email` linked to its campaign, or `campaign_sent`. */
const snapshot = (d: LeadlexData) =>
  JSON.stringify({ c: d.contacts, a: d.activities, t: d.tasks, k: d.campaigns, s: [...d.campaignCounts] });

describe("generateLeadlexData", () => {
  it("is deterministic: same seed → byte-identical JSON", () => {
    expect(snapshot(generateLeadlexData(small()))).toBe(snapshot(generateLeadlexData(small())));
  });

  it("a different seed gives a different account", () => {
    const other = createWorld({ people: 300, activities: 20_000, campaigns: 12, tasks: 200, now: NOW, seed: 7 });
    expect(snapshot(generateLeadlexData(other))).not.toBe(snapshot(generateLeadlexData(small())));
  });

  it("produces the vendor's share of activities (±10 %), tasks and campaigns", () => {
    const w = small();
    const d = generateLeadlexData(w);
    const target = shareOf(w, "leadlex", "activities");
    expect(Math.abs(d.activities.length - target)).toBeLessThanOrEqual(target * 0.1);
    expect(d.tasks.length).toBe(shareOf(w, "leadlex", "tasks"));
    expect(d.campaigns.length).toBe(shareOf(w, "leadlex", "campaigns"));
  });

  it("one contact per Leadlex person, emails exactly as the world holds them (capitals kept)", () => {
    const w = small();
    const d = generateLeadlexData(w);
    const people = peopleOf(w, "leadlex");
    expect(d.contacts.length).toBe(people.length);
    expect(new Set(d.contacts.map((c) => c.email))).toEqual(new Set(people.map((p) => p.email)));
    expect(d.contacts.some((c) => /[A-Z]/.test(c.email ?? ""))).toBe(true);
  });

  it("activity times lie in [now − days, now]; every activity points at a contact", () => {
    const w = small();
    const d = generateLeadlexData(w);
    const lo = NOW.getTime() - w.options.days * 86_400_000;
    for (let i = 0; i < d.activities.length; i++) {
      const a = d.activities[i]!;
      expect(Date.parse(createdOf(a))).toBe(d.activityMs[i]);
      expect(d.activityMs[i]!).toBeGreaterThanOrEqual(lo);
      expect(d.activityMs[i]!).toBeLessThanOrEqual(NOW.getTime());
      expect(d.contactIndex.has(a.contact_id)).toBe(true);
    }
  });

  it("uses every documented type plus campaign_replied, campaign_bounced and one unknown type", () => {
    const d = generateLeadlexData(small());
    expect(new Set(d.activities.map((a) => a.type))).toEqual(new Set(ACTIVITY_TYPES));
  });

  it("every reply and bounce follows a send of the same step to the same person in the same campaign", () => {
    const d = generateLeadlexData(small());
    const sends = new Map<string, number>();
    d.activities.forEach((a, i) => {
      if (isSend(a)) sends.set(`${a.entity_id}|${a.contact_id}|${a.metadata.step}`, d.activityMs[i]!);
    });
    let checked = 0;
    d.activities.forEach((a, i) => {
      if (a.type !== "campaign_replied" && a.type !== "campaign_bounced") return;
      const sentAt = sends.get(`${a.entity_id}|${a.contact_id}|${a.metadata.step}`);
      expect(sentAt, a.id).toBeDefined();
      expect(d.activityMs[i]!).toBeGreaterThan(sentAt!);
      checked++;
    });
    expect(checked).toBeGreaterThan(10);
    // Opens and clicks are flags on the send itself; a click implies an open.
    for (const a of d.activities) if (isSend(a) && a.metadata.clicked) expect(a.metadata.opened).toBe(true);
    // The seed's form carries `{opened, replied}` (seed 003's example); campaign_sent keeps replies as rows.
    const forms = d.activities.filter(isSend);
    expect(forms.some((a) => a.type === "email" && a.metadata.replied === true)).toBe(true);
    expect(forms.some((a) => a.type === "campaign_sent")).toBe(true);
    for (const a of forms) {
      expect(typeof a.metadata.opened).toBe("boolean");
      if (a.type === "email") expect(typeof a.metadata.replied).toBe("boolean");
      else expect(a.metadata.replied).toBeUndefined();
    }
  });

  it("has realistic funnels: opens > clicks, replies 3–10 % and bounces 1–4 % of sends", () => {
    const d = generateLeadlexData(small());
    const total = { sent: 0, opened: 0, clicked: 0, replied: 0, bounced: 0, unsubscribed: 0 };
    for (const c of d.campaignCounts.values())
      for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += c[k];
    expect(total.opened).toBeGreaterThan(total.clicked);
    expect(total.replied / total.sent).toBeGreaterThan(0.03);
    expect(total.replied / total.sent).toBeLessThan(0.1);
    expect(total.bounced / total.sent).toBeGreaterThan(0.005);
    expect(total.bounced / total.sent).toBeLessThan(0.04);
    expect(total.unsubscribed).toBeGreaterThan(0);
  });

  it("campaign counts equal a recount of the activities", () => {
    const d = generateLeadlexData(small());
    for (const [id, c] of d.campaignCounts) {
      expect(c).toEqual(recountCampaign(d.activities.filter((a) => a.entity_id === id)));
    }
  });

  it("sequences have 3–6 steps, with A/B variants on some", () => {
    const d = generateLeadlexData(small());
    for (const c of d.campaigns) {
      expect(c.steps_count).toBeGreaterThanOrEqual(3);
      expect(c.steps_count).toBeLessThanOrEqual(6);
    }
    const sends = d.activities.filter(isSend);
    expect(sends.some((a) => a.metadata.variant === "A")).toBe(true);
    expect(sends.some((a) => a.metadata.variant === "B")).toBe(true);
    expect(sends.some((a) => a.metadata.variant === undefined)).toBe(true);
    expect(Math.max(...sends.map((a) => Number(a.metadata.step)))).toBeGreaterThanOrEqual(3);
  });

  it("per-contact index is newest first and complete", () => {
    const d = generateLeadlexData(small());
    let n = 0;
    for (const list of d.byContact.values()) {
      n += list.length;
      for (let i = 1; i < list.length; i++)
        expect(d.activityMs[list[i]!]!).toBeLessThanOrEqual(d.activityMs[list[i - 1]!]!);
    }
    expect(n).toBe(d.activities.length);
  });

  it("tasks: due in the past and the future, date-only, datetime and none; every status", () => {
    const d = generateLeadlexData(small());
    const due = d.tasks.map((t) => t.due_date).filter((x): x is string => x !== null);
    expect(d.tasks.some((t) => t.due_date === null)).toBe(true);
    expect(due.some((x) => /^\d{4}-\d{2}-\d{2}$/.test(x))).toBe(true);
    expect(due.some((x) => x.includes("T"))).toBe(true);
    expect(due.some((x) => Date.parse(x) < NOW.getTime())).toBe(true);
    expect(due.some((x) => Date.parse(x) > NOW.getTime())).toBe(true);
    expect(new Set(d.tasks.map((t) => t.status))).toEqual(new Set(["open", "in_progress", "completed"]));
    expect(
      d.tasks.some((t) => t.status === "open" && t.due_date !== null && Date.parse(t.due_date) < NOW.getTime()),
    ).toBe(true);
  });

  it("writes the other timestamp spelling on a minority of rows (activities, tasks, contacts)", () => {
    const d = generateLeadlexData(small());
    const share = (rows: { created_at?: string }[]) => rows.filter((r) => "created_at" in r).length / rows.length;
    expect(share(d.activities)).toBeGreaterThan(0.02);
    expect(share(d.activities)).toBeLessThan(0.2);
    expect(share(d.tasks)).toBeGreaterThan(0);
    expect(share(d.tasks)).toBeLessThan(0.3);
    const altContacts = d.contacts.filter((c) => c.updated_at !== undefined).length;
    expect(altContacts).toBeGreaterThan(0);
    expect(altContacts).toBeLessThan(d.contacts.length / 4);
  });

  it("scales: 1 000 000 world activities give the Leadlex share (100 000) in plain objects", () => {
    const w = createWorld({ activities: 1_000_000, now: NOW });
    const d = generateLeadlexData(w);
    expect(Math.abs(d.activities.length - 100_000)).toBeLessThanOrEqual(10_000);
  });
});

describe("addLeadlexDriftItems", () => {
  it("appends n activities at `now`, first in the contact's timeline, and moves the contact's updated_date", () => {
    const d = generateLeadlexData(small());
    const contact = d.contacts[5]!;
    const at = new Date("2026-11-24T13:00:00.123Z");
    const before = d.activities.length;
    const added = addLeadlexDriftItems(d, 3, at, contact.id);
    expect(added).toHaveLength(3);
    expect(d.activities.length).toBe(before + 3);
    const list = d.byContact.get(contact.id)!;
    expect(new Set(list.slice(0, 3).map((i) => d.activities[i]!.id))).toEqual(new Set(added.map((a) => a.id)));
    expect(added.every((a) => Date.parse(createdOf(a)) === at.getTime())).toBe(true);
    expect(Date.parse(updatedOf(contact))).toBe(at.getTime());
    expect(new Set(d.activities.map((a) => a.id)).size).toBe(d.activities.length);
  });
});

describe("addSeedExample", () => {
  it("adds seed 003's contact, campaign and email at its original date, newest-first order kept", () => {
    const d = generateLeadlexData(small());
    addSeedExample(d);
    addSeedExample(d); // once only
    const list = d.byContact.get(SEED_003_ACTIVITY.contact_id)!;
    expect(list.map((i) => d.activities[i])).toEqual([SEED_003_ACTIVITY]);
    expect(d.activities.filter((a) => a.id === SEED_003_ACTIVITY.id)).toHaveLength(1);
    expect(d.campaigns.filter((c) => c.id === "cmp_abc123")).toHaveLength(1);
    expect(d.contactIndex.get(SEED_003_ACTIVITY.contact_id)).toBeDefined();
    for (const [id, i] of d.contactIndex) expect(d.contacts[i]!.id).toBe(id);
  });
});
