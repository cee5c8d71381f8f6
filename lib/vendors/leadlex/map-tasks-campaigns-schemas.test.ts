import { campaignSchema } from "@/lib/model/campaign";
import { taskSchema } from "@/lib/model/task";
import { SEED_003_ACTIVITY } from "@/lib/sandbox/leadlex/seed-example";
import { afterEach, describe, expect, it } from "vitest";
import { mapCampaign, mapTask } from "./map";
import { activityRowSchema, campaignRowSchema, parseRows, statsOf, taskRowSchema } from "./schemas";

// How Leadlex tasks and campaigns map to the unified model, and how leniently the row schemas
// read what the vendor sends.

// The seed 003 example row, verbatim, as the simulator serves it.
const SEED_ROW = SEED_003_ACTIVITY;

function task(over: Record<string, unknown>) {
  const raw = {
    id: "tsk-1",
    title: "Send proposal",
    description: null,
    status: "open",
    priority: "high",
    task_type: "email",
    due_date: null,
    assigned_to_user_id: "u1",
    contact_id: "ctc-1",
    deal_id: null,
    created_date: "2026-11-01T09:00:00Z",
    ...over,
  };
  const mapped = mapTask(taskRowSchema.parse(raw), raw, null);
  taskSchema.parse({ ...mapped, connectionId: "c1", contactId: null });
  return mapped;
}

describe("mapTask — VENDORS.md Leadlex tasks", () => {
  const zones = ["Pacific/Auckland", "America/Los_Angeles"];
  const tz = process.env.TZ;
  afterEach(() => {
    if (tz === undefined) delete process.env.TZ;
    else process.env.TZ = tz;
  });

  for (const zone of zones) {
    it(`a date-only due_date stays that calendar day (TZ=${zone})`, () => {
      process.env.TZ = zone;
      expect(task({ due_date: "2026-11-24" })).toMatchObject({
        dueIsDateOnly: true,
        dueDate: "2026-11-24",
        dueAt: "2026-11-24T00:00:00.000Z",
      });
      expect(task({ due_date: "2026-11-24T15:30:00Z" })).toMatchObject({
        dueIsDateOnly: false,
        dueDate: null,
        dueAt: "2026-11-24T15:30:00.000Z",
      });
      expect(task({ due_date: "2026-11-24T15:30:00" }).dueAt).toBe("2026-11-24T15:30:00.000Z");
    });
  }

  it("no due date → null", () => {
    expect(task({ due_date: null })).toMatchObject({ dueAt: null, dueDate: null, dueIsDateOnly: false });
  });

  it("status open|in_progress → open, completed → done", () => {
    expect(task({ status: "open" }).status).toBe("open");
    expect(task({ status: "in_progress" }).status).toBe("open");
    expect(task({ status: "completed" }).status).toBe("done");
    expect(task({ status: "cancelled" }).status).toBe("ignored");
  });

  it("task_type normalised (call, email, meeting, linkedin, follow_up/todo → manual, other), vendorType kept", () => {
    expect(task({ task_type: "call" })).toMatchObject({ type: "call", vendorType: "call" });
    expect(task({ task_type: "email" }).type).toBe("email");
    expect(task({ task_type: "meeting" }).type).toBe("meeting");
    expect(task({ task_type: "linkedin" }).type).toBe("linkedin");
    expect(task({ task_type: "follow_up" })).toMatchObject({ type: "manual", vendorType: "follow_up" });
    expect(task({ task_type: "todo" }).type).toBe("manual");
    expect(task({ task_type: "fax" }).type).toBe("other");
  });

  it("priority, assignee, createdAt (either spelling), ids and person", () => {
    const t = task({ priority: "low", created_date: undefined, created_at: "2026-10-02T08:00:00Z" });
    expect(t).toMatchObject({
      id: "leadlex:tsk-1",
      priority: "low",
      assignee: { id: "u1", name: null },
      createdAt: "2026-10-02T08:00:00.000Z",
      campaignId: null,
    });
    expect(t.person?.identities[0]?.vendorId).toBe("ctc-1");
    expect(task({ priority: "whenever" }).priority).toBeNull();
    expect(task({ contact_id: null }).person).toBeNull();
  });
});

describe("mapCampaign", () => {
  const raw = { id: "cmp_abc123", name: "Q2 GC Outreach", status: "active", created_at: "2026-03-01T10:00:00Z" };
  it("normalises status, keeps the vendor's, and reports the stats as numbers", () => {
    const stats = statsOf({
      data: {
        sent_count: 100,
        opened_count: "40",
        clicked_count: 9,
        replied_count: 5,
        bounced_count: 2,
        unsubscribed_count: 1,
        open_rate: 0.4,
        reply_rate: "0.05",
      },
    });
    const m = mapCampaign(campaignRowSchema.parse(raw), raw, stats);
    campaignSchema.parse({ ...m, connectionId: "c1" });
    expect(m).toMatchObject({
      id: "leadlex:cmp_abc123",
      vendorId: "cmp_abc123",
      status: "active",
      vendorStatus: "active",
      createdAt: "2026-03-01T10:00:00.000Z",
    });
    expect(m.vendorReported).toMatchObject({
      sent: 100,
      opened: 40,
      clicked: 9,
      replied: 5,
      bounced: 2,
      unsubscribed: 1,
      openRate: 0.4,
      replyRate: 0.05,
    });
    expect(m.raw).toBe(raw);
  });

  it("maps every status, unknown → other", () => {
    const st = (status: string) => mapCampaign(campaignRowSchema.parse({ ...raw, status }), raw, null).status;
    expect([st("draft"), st("active"), st("paused"), st("completed"), st("archived"), st("exploded")]).toEqual([
      "draft",
      "active",
      "paused",
      "completed",
      "archived",
      "other",
    ]);
    expect(mapCampaign(campaignRowSchema.parse(raw), raw, null).vendorReported).toBeNull();
  });
});

describe("schemas are lenient, one row at a time", () => {
  it("keeps unknown fields, accepts metadata as a JSON string and unknown types", () => {
    const row = activityRowSchema.parse({ ...SEED_ROW, type: "brand_new", metadata: '{"duration":"12"}', shiny: 1 });
    expect(row.metadata).toEqual({ duration: "12" });
    expect((row as Record<string, unknown>).shiny).toBe(1);
  });

  it("a row without a readable time is skipped and reported with its id and the issue paths", () => {
    const warnings: { message: string; fields?: Record<string, unknown> }[] = [];
    const out = parseRows(
      [SEED_ROW, { ...SEED_ROW, id: "act_bad", created_date: "soon" }, 42],
      activityRowSchema,
      "activity",
      (message, fields) => warnings.push({ message, fields }),
    );
    expect(out.rows).toHaveLength(1);
    expect(out.skipped).toBe(2);
    expect(warnings[0]!.fields).toEqual({ id: "act_bad", issues: ["created_date"] });
  });

  it("stats accept `{data:{stats:{…}}}` and a bare object; garbage counts become null", () => {
    expect(statsOf({ data: { stats: { sent_count: 3 } } })?.sent_count).toBe(3);
    expect(statsOf({ sent_count: "7", opened_count: "lots" })).toMatchObject({ sent_count: 7, opened_count: null });
  });
});
