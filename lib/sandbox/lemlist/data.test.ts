import { describe, expect, it } from "vitest";
import { createWorld, peopleOf, shareOf } from "@/lib/sandbox/shared/world";
import { generateLemlistData, lemlistDataSnapshot, LEAD_STATE_AGGREGATES } from "./data";

const NOW = new Date("2026-11-24T12:00:00Z");
const DAY = 86_400_000;
const demo = () => createWorld({ now: NOW });

describe("lemlist data generator", () => {
  const world = demo();
  const data = generateLemlistData(world);

  it("same seed → byte-identical JSON; another seed → different", () => {
    const again = generateLemlistData(demo());
    expect(JSON.stringify(lemlistDataSnapshot(again))).toBe(JSON.stringify(lemlistDataSnapshot(data)));
    const other = generateLemlistData(createWorld({ now: NOW, seed: 7 }));
    expect(JSON.stringify(lemlistDataSnapshot(other))).not.toBe(JSON.stringify(lemlistDataSnapshot(data)));
  });

  it("volumes follow the world's lemlist share (activities within ±10 %)", () => {
    const target = shareOf(world, "lemlist", "activities");
    expect(data.activities.length).toBeGreaterThanOrEqual(target * 0.9);
    expect(data.activities.length).toBeLessThanOrEqual(target * 1.1);
    expect(data.campaigns).toHaveLength(shareOf(world, "lemlist", "campaigns"));
    expect(data.tasks).toHaveLength(shareOf(world, "lemlist", "tasks"));
  });

  it("activities are sorted by createdAt, unique, and inside [now − days, now]", () => {
    const ids = new Set<string>();
    let prev = -Infinity;
    for (const a of data.activities) {
      const t = Date.parse(a.createdAt);
      expect(t).toBeGreaterThanOrEqual(prev);
      prev = t;
      ids.add(a._id);
    }
    expect(ids.size).toBe(data.activities.length);
    expect(Date.parse(data.activities[0]!.createdAt)).toBeGreaterThanOrEqual(NOW.getTime() - world.options.days * DAY);
    expect(prev).toBeLessThanOrEqual(NOW.getTime());
  });

  it.each([1, 2, 3])("other seeds (%i) stay inside the window and keep the funnel order", (seed) => {
    const w = createWorld({ now: NOW, seed, people: 200, activities: 20_000 });
    const d = generateLemlistData(w);
    const start = NOW.getTime() - w.options.days * DAY;
    const sends = new Map<string, number>();
    for (const a of d.activities) {
      const t = Date.parse(a.createdAt);
      expect(t).toBeGreaterThanOrEqual(start);
      expect(t).toBeLessThanOrEqual(NOW.getTime());
      if (a.type === "emailsSent") sends.set(`${a.leadId}|${a.sequenceStep}`, t);
      else if (a.relatedSentAt) expect(t).toBeGreaterThan(sends.get(`${a.leadId}|${a.sequenceStep}`)!);
    }
  });

  it("every open, click, reply, bounce and unsubscribe follows a send of the same step to the same lead in the same campaign", () => {
    const sends = new Map<string, number>();
    for (const a of data.activities)
      if (a.type === "emailsSent") sends.set(`${a.campaignId}|${a.leadId}|${a.sequenceStep}`, Date.parse(a.createdAt));
    let checked = 0;
    for (const a of data.activities) {
      if (!["emailsOpened", "emailsClicked", "emailsReplied", "emailsBounced", "emailsUnsubscribed"].includes(a.type))
        continue;
      const sent = sends.get(`${a.campaignId}|${a.leadId}|${a.sequenceStep}`);
      expect(sent, `${a._id} ${a.type}`).toBeDefined();
      expect(Date.parse(a.createdAt)).toBeGreaterThan(sent!);
      expect(a.relatedSentAt).toBe(new Date(sent!).toISOString());
      checked++;
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it("funnel rates are realistic: replies 3–10 % and bounces 1–4 % of sends, opens > clicks", () => {
    const n = (type: string, bot = false) => data.activities.filter((a) => a.type === type && (bot || !a.bot)).length;
    const sent = n("emailsSent");
    expect(n("emailsReplied") / sent).toBeGreaterThan(0.03);
    expect(n("emailsReplied") / sent).toBeLessThan(0.1);
    expect(n("emailsBounced") / sent).toBeGreaterThan(0.01);
    expect(n("emailsBounced") / sent).toBeLessThan(0.04);
    expect(n("emailsOpened")).toBeGreaterThan(n("emailsClicked") * 3);
    expect(n("emailsUnsubscribed")).toBeGreaterThan(0);
    expect(n("emailsInterested")).toBeGreaterThan(0);
    // The email funnel dominates; LinkedIn, calls and notes are there too.
    expect(data.activities.filter((a) => a.type.startsWith("emails")).length / data.activities.length).toBeGreaterThan(
      0.45,
    );
  });

  it("generates the whole type vocabulary: LinkedIn, aircall, manual, notes, aggregates, bots", () => {
    const types = new Set(data.activities.map((a) => a.type));
    for (const t of [
      "linkedinInviteDone",
      "linkedinInviteAccepted",
      "linkedinVisitDone",
      "aircallCreated",
      "aircallEnded",
      "aircallDone",
      "manualDone",
      "annotated",
      "paused",
      "apiDone",
      "linkedinSent",
      "linkedinReplied",
      "linkedinVoiceNoteDone",
      "skipped",
      "emailsFailed",
      "emailsSendFailed",
      "opportunitiesDone",
      "manualInterested",
      ...LEAD_STATE_AGGREGATES,
    ]) {
      expect(types, t).toContain(t);
    }
    expect(data.activities.some((a) => a.bot === true && a.type === "emailsOpened")).toBe(true);
    const companyNotes = data.activities.filter((a) => a.type === "annotated" && a.companyId);
    expect(companyNotes.length).toBeGreaterThan(0);
    for (const n of companyNotes) {
      expect(n.note).toBeTruthy();
      expect(n.leadId ?? n.leadEmail ?? n.campaignId).toBeUndefined();
    }
  });

  it("sequenceStep is zero-based and A/B variants are 'A' or 'B'", () => {
    const steps = data.activities.filter((a) => a.sequenceStep !== undefined);
    expect(Math.min(...steps.map((a) => a.sequenceStep!))).toBe(0);
    for (const a of steps) expect(a.sequenceStep!).toBeLessThanOrEqual(a.totalSequenceStep!);
    const variants = new Set(data.activities.map((a) => a.sequenceTested).filter(Boolean));
    expect([...variants].sort()).toEqual(["A", "B"]);
  });

  it("a person has one ctc_ id account-wide and one lea_ id per campaign; emails are kept as given", () => {
    const byContact = new Map<string, Set<string>>();
    for (const l of data.leads) {
      const set = byContact.get(l.lead.contactId) ?? new Set();
      set.add(l.campaignId);
      byContact.set(l.lead.contactId, set);
    }
    expect([...byContact.values()].some((s) => s.size > 1)).toBe(true);
    const emails = new Set(peopleOf(world, "lemlist").map((p) => p.email));
    for (const a of data.activities) if (a.leadEmail) expect(emails.has(a.leadEmail)).toBe(true);
    expect(data.leads.some((l) => /[A-Z]/.test(l.lead.variables.email))).toBe(true);
  });

  it("tasks: some done, due in the past and the future, ~30 % midnight-UTC day tasks", () => {
    expect(data.doneTaskIds.size).toBeGreaterThan(0);
    const due = data.tasks.filter((t) => t.dueDate).map((t) => Date.parse(t.dueDate!));
    expect(due.some((t) => t < NOW.getTime())).toBe(true);
    expect(due.some((t) => t > NOW.getTime())).toBe(true);
    const midnight = data.tasks.filter((t) => t.dueDate?.endsWith("T00:00:00.000Z")).length / data.tasks.length;
    expect(midnight).toBeGreaterThan(0.2);
    expect(midnight).toBeLessThan(0.4);
    expect(data.tasks.every((t) => t._id.startsWith("opp_"))).toBe(true);
  });

  it("completeTask and drift items", () => {
    const d = generateLemlistData(demo());
    const id = d.tasks.find((t) => !d.doneTaskIds.has(t._id))!._id;
    expect(d.completeTask(id)).toBe(true);
    expect(d.doneTaskIds.has(id)).toBe(true);
    const before = d.activities.length;
    const at = new Date(NOW.getTime() + 60_000);
    const added = d.addDriftItems(3, at);
    expect(d.activities.length).toBe(before + 3);
    for (const a of added) {
      expect(a.createdAt).toBe(at.toISOString());
      expect(d.activities.slice(-3)).toContain(a);
      if (a.leadId) expect(d.byLead.get(a.leadId)).toContain(a);
    }
  });

  it("scales: a 1 M-activity world generates its 40 % share", () => {
    const big = createWorld({ now: NOW, activities: 1_000_000 });
    const d = generateLemlistData(big);
    expect(d.activities.length).toBeGreaterThanOrEqual(shareOf(big, "lemlist", "activities") * 0.9);
    expect(d.activities.length).toBeLessThanOrEqual(shareOf(big, "lemlist", "activities") * 1.1);
  }, 60_000);
});
