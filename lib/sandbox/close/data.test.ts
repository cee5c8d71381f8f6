import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createWorld, peopleOf, shareOf } from "@/lib/sandbox/shared/world";
import { addCloseDriftItems, generateCloseData } from "./data";
import { ACTIVITY_TYPES, closeDate, type CloseActivity } from "./records";

const now = new Date("2026-11-24T12:00:00Z");
const world = () => createWorld({ now });
const data = generateCloseData(world());
const hash = (v: unknown) => createHash("sha256").update(JSON.stringify(v)).digest("hex");
const NOW = closeDate(now.getTime());
const START = closeDate(now.getTime() - world().options.days * 86_400_000);
const YEAR_AGO = closeDate(now.getTime() - 365 * 86_400_000);

describe("generateCloseData", () => {
  it("is deterministic: same seed → byte-identical JSON", () => {
    const again = generateCloseData(world());
    const { driftRng: _a, ...x } = data;
    const { driftRng: _b, ...y } = again;
    expect(hash(x)).toBe(hash(y));
  });

  it("differs with another seed", () => {
    const other = generateCloseData(createWorld({ now, seed: 7 }));
    expect(hash(other.activities)).not.toBe(hash(data.activities));
  });

  it("produces the Close share of activities (±10 %) and tasks", () => {
    const share = shareOf(world(), "close", "activities");
    expect(data.activities.length).toBeGreaterThanOrEqual(share * 0.9);
    expect(data.activities.length).toBeLessThanOrEqual(share * 1.1);
    expect(data.tasks.length).toBe(shareOf(world(), "close", "tasks"));
  });

  it("has one contact per Close person, the email exactly as the world gives it", () => {
    const people = peopleOf(world(), "close");
    expect(data.contacts.length).toBe(people.length);
    const emails = new Set(data.contacts.map((c) => c.emails[0]!.email));
    for (const p of people) expect(emails.has(p.email)).toBe(true);
    // A few world emails have capitals on purpose; they stay as given.
    expect([...emails].some((e) => /[A-Z]/.test(e))).toBe(true);
  });

  it("groups contacts into company leads; every activity's lead and contact exist and agree", () => {
    const leads = new Set(data.leads.map((l) => l.id));
    const contactLead = new Map(data.contacts.map((c) => [c.id, c.lead_id]));
    expect(data.leads.length).toBeLessThan(data.contacts.length); // some leads hold several contacts
    for (const a of data.activities) {
      expect(leads.has(a.lead_id)).toBe(true);
      if (a.contact_id !== null) expect(contactLead.get(a.contact_id)).toBe(a.lead_id);
    }
  });

  it("spreads date_created over [now − days, now] (the old history: over a year ago), ascending, with Close's datetime format", () => {
    let prev = "";
    for (const a of data.activities) {
      expect((a.date_created >= START || a.date_created < YEAR_AGO) && a.date_created < NOW).toBe(true);
      expect(a.date_created >= prev).toBe(true);
      expect(a.date_created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00$/);
      prev = a.date_created;
    }
  });

  // seed 004: "date_created denotes when an activity was created or synced into Close and activity_at denotes when that activity actually occurred"
  it("has activities synced into Close hours after they happened, and meetings created before they start", () => {
    const late = data.activities.filter((a) => Date.parse(a.date_created) - Date.parse(a.activity_at) > 3_600_000);
    expect(late.length).toBeGreaterThan(20);
    const meetingsAhead = data.activities.filter((a) => a._type === "Meeting" && a.date_created < a.activity_at);
    expect(meetingsAhead.length).toBeGreaterThan(0);
  });

  it("generates every documented activity type except EmailThread, which lives apart", () => {
    const types = new Set(data.activities.map((a) => a._type));
    for (const t of ACTIVITY_TYPES.filter((t) => t !== "EmailThread")) expect(types.has(t), t).toBe(true);
    expect(types.has("EmailThread")).toBe(false);
    expect(data.threads.every((t) => t._type === "EmailThread")).toBe(true);
  });

  it("answers every incoming email after an outgoing email of the same thread, contact and sequence; replies are 3–10 % of sends", () => {
    const byId = new Map(data.activities.map((a) => [a.id, a]));
    const out = data.activities.filter((a) => a._type === "Email" && a.direction === "outgoing");
    const inc = data.activities.filter((a) => a._type === "Email" && a.direction === "incoming");
    for (const r of inc) {
      const sent = byId.get(r.in_reply_to_id as string)!;
      expect(sent.direction).toBe("outgoing");
      expect(sent.thread_id).toBe(r.thread_id);
      expect(sent.contact_id).toBe(r.contact_id);
      expect(sent.sequence_id).toBe(r.sequence_id);
      expect(r.activity_at > sent.activity_at).toBe(true);
    }
    expect(inc.length / out.length).toBeGreaterThan(0.03);
    expect(inc.length / out.length).toBeLessThan(0.1);
  });

  it("records opens after the send and fewer opened emails than sent ones", () => {
    const out = data.activities.filter((a) => a._type === "Email" && a.direction === "outgoing");
    const opened = out.filter((a) => (a.opens as unknown[]).length > 0);
    expect(opened.length).toBeGreaterThan(0);
    expect(opened.length).toBeLessThan(out.length);
    for (const e of opened)
      for (const o of e.opens as { opened_at: string }[]) expect(o.opened_at > e.activity_at).toBe(true);
  });

  it("makes email threads that count their emails", () => {
    const perThread = new Map<string, number>();
    for (const a of data.activities)
      if (a._type === "Email") perThread.set(a.thread_id as string, (perThread.get(a.thread_id as string) ?? 0) + 1);
    expect(data.threads.length).toBe(perThread.size);
    for (const t of data.threads) expect(t.n_emails).toBe(perThread.get(t.id));
  });

  it("chains lead status changes in time order and leaves the lead in the last status", () => {
    const byLead = new Map<string, CloseActivity[]>();
    for (const a of data.activities)
      if (a._type === "LeadStatusChange") byLead.set(a.lead_id, [...(byLead.get(a.lead_id) ?? []), a]);
    for (const [leadId, changes] of byLead) {
      changes.sort((x, y) => (x.activity_at < y.activity_at ? -1 : 1));
      for (let i = 1; i < changes.length; i++)
        expect(changes[i]!.old_status_label).toBe(changes[i - 1]!.new_status_label);
      expect(data.leads.find((l) => l.id === leadId)!.status_label).toBe(changes.at(-1)!.new_status_label);
    }
    expect(byLead.size).toBeGreaterThan(0);
  });

  it("has notes whose HTML carries hostile markup (rendered as text downstream)", () => {
    const notes = data.activities.filter((a) => a._type === "Note");
    expect(notes.some((n) => String(n.note_html).includes("<img src=x onerror=alert(1)>"))).toBe(true);
    expect(notes.every((n) => typeof n.note === "string" && typeof n.note_html === "string")).toBe(true);
  });

  it("keeps lead-level items (status changes, Created) without a contact", () => {
    for (const a of data.activities)
      if (["LeadStatusChange", "OpportunityStatusChange", "Created"].includes(a._type)) expect(a.contact_id).toBeNull();
  });

  // VENDORS.md Close: "date (date-only or datetime), is_complete, is_dateless"
  it("makes tasks of several types, date-only and datetime dues, dateless ones, past and future, open and complete", () => {
    const t = data.tasks;
    expect(new Set(t.map((x) => x._type)).size).toBeGreaterThanOrEqual(6);
    expect(t.some((x) => x.date !== null && /^\d{4}-\d{2}-\d{2}$/.test(x.date))).toBe(true);
    expect(t.some((x) => x.date !== null && x.date.length > 10)).toBe(true);
    expect(t.some((x) => x.is_dateless && x.date === null)).toBe(true);
    expect(t.some((x) => x.date !== null && x.date.slice(0, 10) < NOW.slice(0, 10))).toBe(true);
    expect(t.some((x) => x.date !== null && x.date.slice(0, 10) > NOW.slice(0, 10))).toBe(true);
    expect(t.some((x) => x.is_complete)).toBe(true);
    expect(t.some((x) => !x.is_complete)).toBe(true);
    for (const x of t) expect(x.date_created < NOW).toBe(true);
  });

  it("leaves a TaskCompleted activity for every completed task, after the task was created", () => {
    const completed = new Map(
      data.activities.filter((a) => a._type === "TaskCompleted").map((a) => [a.task_id as string, a]),
    );
    for (const task of data.tasks.filter((x) => x.is_complete)) {
      const a = completed.get(task.id)!;
      expect(a.task_text).toBe(task.text);
      expect(a.date_created >= task.date_created).toBe(true);
    }
    expect(completed.size).toBe(data.tasks.filter((x) => x.is_complete).length);
  });

  it("adds drift items created at the given time, keeping the order, deterministically", () => {
    const a = generateCloseData(world());
    const b = generateCloseData(world());
    const at = new Date(now.getTime() + 5_000);
    const added = addCloseDriftItems(a, 3, at);
    addCloseDriftItems(b, 3, at);
    expect(added).toHaveLength(3);
    expect(a.activities.length).toBe(data.activities.length + 3);
    expect(added.every((x) => x.date_created === closeDate(at.getTime()))).toBe(true);
    expect(
      a.activities
        .slice(-3)
        .map((x) => x.id)
        .sort(),
    ).toEqual(added.map((x) => x.id).sort());
    expect(hash(a.activities)).toBe(hash(b.activities));
  });

  it("holds history older than a year on some leads, created after their lead (a full backfill must reach it)", () => {
    const old = data.activities.filter((a) => a.date_created < YEAR_AGO);
    expect(old.length).toBeGreaterThan(30);
    expect(new Set(old.map((a) => a._type)).size).toBeGreaterThan(2);
    const leads = new Map(data.leads.map((l) => [l.id, l]));
    for (const a of old) expect(a.date_created >= leads.get(a.lead_id)!.date_created).toBe(true);
  });

  // VENDORS.md: "Email status: inbox, draft, scheduled, outbox, sent, error"; "Meeting status (e.g. upcoming, … completed, canceled)"
  it("has emails not sent yet (scheduled for the coming days, draft, outbox) and meetings upcoming, canceled and held", () => {
    const unsent = data.activities.filter((a) => a._type === "Email" && a.status !== "sent" && a.status !== "inbox");
    const statuses = new Set(unsent.map((a) => a.status));
    for (const st of ["scheduled", "draft", "outbox"]) expect(statuses.has(st)).toBe(true);
    for (const e of unsent.filter((a) => a.status === "scheduled")) {
      expect(e.activity_at > NOW).toBe(true);
      expect(e.date_sent).toBeNull();
    }
    const meetings = new Set(data.activities.filter((a) => a._type === "Meeting").map((a) => a.status));
    for (const st of ["upcoming", "canceled", "completed"]) expect(meetings.has(st)).toBe(true);
  });

  it("scales: a 1 M-activity world gives the Close share (±10 %)", () => {
    const big = createWorld({ now, activities: 1_000_000 });
    const d = generateCloseData(big);
    const share = shareOf(big, "close", "activities");
    expect(d.activities.length).toBeGreaterThanOrEqual(share * 0.9);
    expect(d.activities.length).toBeLessThanOrEqual(share * 1.1);
  });
});
