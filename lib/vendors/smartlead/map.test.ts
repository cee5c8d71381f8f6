import { describe, expect, it } from "vitest";
import { activitySchema as unifiedActivity } from "@/lib/model/activity";
import { campaignSchema as unifiedCampaign } from "@/lib/model/campaign";
import { SEED_001_LEAD } from "@/lib/sandbox/smartlead/seed-example";
import { smartleadRetryAfterMs } from "./client";
import { categoryKind, mapLeadEmails, previewOf, type EmailInput } from "./map";
import { historyToEmails, mapOtherHistoryEntry } from "./map-history";
import { mapCampaign, mapCampaignStatus } from "./map-campaign";
import { mapLeadRows } from "./rows";
import {
  activitiesPageSchema,
  activitySchema,
  analyticsSchema,
  campaignSchema,
  historyEntrySchema,
  leadSchema,
} from "./schemas";

/** The lead of seed 001's example response, verbatim: the simulator's copy adds a null lead_category the seed lacks. */
const { lead_category: _seedCategory, ...SEED_LEAD } = SEED_001_LEAD;

const email = (over: Record<string, unknown>, n = 1) => ({
  stats_id: 1000 + n,
  message_id: `<m${n}@x>`,
  subject: `Step ${n}`,
  email_body: `<p>Hi Ada,</p><p>Body ${n}</p>`,
  sent_time: `2026-10-0${n}T09:00:00.000Z`,
  from_email: "sam@sender.example",
  to_email: "Ada@Example.com",
  email_seq_number: n,
  open_count: 0,
  click_count: 0,
  click_details: {},
  reply_details: null,
  thread_replies: [],
  ...over,
});

function run(lead: Record<string, unknown>) {
  const warnings: unknown[] = [];
  const out = mapLeadRows([lead], (m, f) => warnings.push({ m, f }));
  return { ...out, warnings };
}

describe("seed 001 example lead", () => {
  const { activities, skipped } = run(SEED_LEAD);

  it("gives sent, opened, clicked and replied events with stable ids", () => {
    expect(skipped).toBe(0);
    expect(activities.map((a) => [a.id, a.kind, a.occurredAt])).toEqual([
      ["smartlead:12345:sent", "email_sent", "2025-11-26T10:00:00.000Z"],
      // Opens and clicks come as counts without times: they are placed at the send.
      ["smartlead:12345:open", "email_opened", "2025-11-26T10:00:00.000Z"],
      ["smartlead:12345:click", "email_clicked", "2025-11-26T10:00:00.000Z"],
      ["smartlead:12345:reply", "email_replied", "2025-11-26T14:30:00.000Z"],
    ]);
  });

  it("maps to valid unified activities: step from email_seq_number (1-based), campaign, person by lead_id", () => {
    for (const a of activities) {
      const { person, ...row } = a;
      expect(unifiedActivity.safeParse({ ...row, contactId: null, connectionId: "c1" }).success).toBe(true);
      expect(a.sequenceStep).toBe(1);
      expect(a.campaignId).toBe("smartlead:123");
      expect(a.campaignName).toBe("Q4 Outreach");
      expect(person).toEqual({
        identities: [{ vendorId: "2995276770", kind: "lead" }],
        email: "john@example.com",
        name: null,
        company: null,
      });
      expect(a.url).toContain("/123/");
    }
    const [sent, , , reply] = activities;
    expect(sent).toMatchObject({
      vendorType: "SENT",
      direction: "outbound",
      actor: { id: "sender@company.com" },
      subject: "Quick question about your workflow",
      body: "Hi John, I wanted to reach out...",
    });
    expect(reply).toMatchObject({
      vendorType: "REPLY",
      direction: "inbound",
      subject: "Re: Quick question about your workflow",
      preview: "Thanks for reaching out...",
    });
  });

  it("keeps the lead row narrowed to the email as raw, once: derived events point at it", () => {
    const [sent, open, click, reply] = activities;
    expect(sent!.raw).toEqual(SEED_LEAD);
    expect(reply!.raw).toEqual(SEED_LEAD);
    const email = SEED_LEAD.activities[0]!;
    expect(open!.raw).toEqual({
      derivedFrom: "smartlead:12345:sent",
      lead_id: String(SEED_LEAD.lead_id),
      stats_id: String(email.stats_id),
      open_count: email.open_count,
    });
    expect(click!.raw).toMatchObject({ derivedFrom: "smartlead:12345:sent", click_count: email.click_count });
    expect(JSON.stringify(open!.raw)).not.toContain("email_body");
  });
});

describe("numbers as strings (VENDORS.md: numbers often arrive as strings)", () => {
  it("coerces email_seq_number, counts and ids", () => {
    const { activities } = run({
      ...SEED_LEAD,
      lead_id: "77",
      current_seq_num: "2",
      activities: [email({ email_seq_number: "2", open_count: "4", click_count: "0", stats_id: "555" }, 2)],
    });
    expect(activities.map((a) => a.id)).toEqual(["smartlead:555:sent", "smartlead:555:open"]);
    expect(activities[0]!.sequenceStep).toBe(2);
    expect(activities[0]!.person?.identities[0]!.vendorId).toBe("77");
  });

  it("parses analytics counts sent as strings", () => {
    expect(
      analyticsSchema.parse({ sent_count: "12", bounce_count: "", campaign_lead_stats: { interested: 3 } }),
    ).toMatchObject({ sent_count: 12, bounce_count: null, campaign_lead_stats: { interested: 3 } });
  });
});

describe("lead outcomes hang on the last email (email_seq_number == current_seq_num)", () => {
  const twoEmails = (lead: Record<string, unknown>, second: Record<string, unknown> = {}) =>
    run({ ...SEED_LEAD, current_seq_num: 2, ...lead, activities: [email({}, 1), email(second, 2)] }).activities;

  it("BOUNCED → one email_bounced at the last send", () => {
    const acts = twoEmails({ status: "BOUNCED" });
    const bounces = acts.filter((a) => a.kind === "email_bounced");
    expect(bounces).toHaveLength(1);
    expect(bounces[0]).toMatchObject({
      id: "smartlead:1002:bounce",
      vendorType: "BOUNCED",
      occurredAt: "2026-10-02T09:00:00.000Z",
      sequenceStep: 2,
    });
  });

  it("no outcome when the window does not hold the last email", () => {
    const acts = run({ ...SEED_LEAD, status: "BOUNCED", current_seq_num: 2, activities: [email({}, 1)] }).activities;
    expect(acts.map((a) => a.kind)).toEqual(["email_sent"]);
  });

  it("UNSUBSCRIBED → unsubscribed at the reply when there is one, else at the send", () => {
    expect(twoEmails({ status: "UNSUBSCRIBED" }).find((a) => a.kind === "unsubscribed")).toMatchObject({
      id: "smartlead:1002:unsubscribe",
      occurredAt: "2026-10-02T09:00:00.000Z",
    });
    const replied = twoEmails(
      { status: "UNSUBSCRIBED" },
      { reply_details: { time: "2026-10-03T08:00:00Z", reply_email_body: "remove me", message_id: "<r>" } },
    );
    expect(replied.find((a) => a.kind === "unsubscribed")!.occurredAt).toBe("2026-10-03T08:00:00.000Z");
  });

  it.each([
    ["Interested", "interested"],
    ["Meeting Request", "interested"],
    ["Not Interested", "not_interested"],
    ["Do Not Contact", "not_interested"],
    ["Out Of Office", "status_change"],
    ["Information Request", "status_change"],
    ["Something New", "other"],
  ])("lead_category %s → %s, vendorType kept", (category, kind) => {
    const ev = twoEmails({ lead_category: category }).find((a) => a.id === "smartlead:1002:category")!;
    expect(ev).toMatchObject({ kind, vendorType: category });
    expect(categoryKind(category)).toBe(kind);
  });

  it("statuses without an event (INPROGRESS, COMPLETED, STARTED, PAUSED, STOPPED) give none", () => {
    for (const status of ["INPROGRESS", "COMPLETED", "STARTED", "PAUSED", "STOPPED"])
      expect(twoEmails({ status }).map((a) => a.kind)).toEqual(["email_sent", "email_sent"]);
  });
});

describe("variants", () => {
  it("takes variant_label, else seq_variant_id, else null", () => {
    const acts = run({
      ...SEED_LEAD,
      activities: [email({ variant_label: "B", seq_variant_id: 9 }, 1), email({ seq_variant_id: 42 }, 2), email({}, 3)],
    }).activities;
    expect(acts.map((a) => a.variant)).toEqual(["B", "42", null]);
  });
});

describe("lenient parsing, one row at a time", () => {
  it("skips an email with an unreadable sent_time, keeps the others, and reports its id and paths", () => {
    const { activities, skipped, warnings } = run({
      ...SEED_LEAD,
      activities: [email({ sent_time: "soon" }, 1), email({}, 2)],
    });
    expect(skipped).toBe(1);
    expect(activities.map((a) => a.id)).toEqual(["smartlead:1002:sent"]);
    expect(warnings).toEqual([
      { m: expect.any(String), f: { leadId: "2995276770", statsId: "1001", issues: ["sent_time"] } },
    ]);
  });

  it("skips a lead without lead_id", () => {
    const { lead_id: _, ...noId } = SEED_LEAD;
    expect(run(noId)).toMatchObject({ activities: [], skipped: 1 });
  });

  it("keeps unknown fields, accepts missing optional ones and an empty reply_details", () => {
    const a = activitySchema.parse({
      stats_id: 1,
      sent_time: "2026-01-01T00:00:00Z",
      future_field: { x: 1 },
      reply_details: {},
    });
    expect(a.future_field).toEqual({ x: 1 });
    expect(
      run({
        lead_id: 5,
        activities: [{ stats_id: 1, sent_time: "2026-01-01 10:00:00", reply_details: {} }],
      }).activities.map((x) => [x.id, x.occurredAt]),
    ).toEqual([["smartlead:1:sent", "2026-01-01T10:00:00.000Z"]]);
    expect(leadSchema.safeParse({ lead_id: 1 }).success).toBe(true);
  });

  it('reads hasMore as a boolean or a "true"/"false" string', () => {
    expect(activitiesPageSchema.parse({ data: [], hasMore: "false" }).hasMore).toBe(false);
    expect(activitiesPageSchema.parse({ data: [] }).hasMore).toBeUndefined();
  });
});

describe("campaigns — VENDORS.md: status DRAFTED|ACTIVE|COMPLETED|STOPPED|PAUSED", () => {
  it.each([
    ["DRAFTED", "draft"],
    ["ACTIVE", "active"],
    ["PAUSED", "paused"],
    ["COMPLETED", "completed"],
    ["STOPPED", "completed"],
    ["ARCHIVED", "archived"],
    ["active", "active"],
    ["SCHEDULED", "other"],
    [null, "other"],
  ])("%s → %s", (vendor, ours) => {
    expect(mapCampaignStatus(vendor)).toBe(ours);
  });

  it("maps a campaign with its analytics as numbers", () => {
    const raw = {
      id: 123,
      name: "Q4 Outreach",
      status: "STOPPED",
      created_at: "2026-01-02T03:04:05.000Z",
      updated_at: "2026-02-01T00:00:00.000Z",
    };
    const analyticsRaw = {
      sent_count: "100",
      unique_open_count: "40",
      unique_click_count: "9",
      reply_count: "6",
      bounce_count: "2",
      unsubscribed_count: "1",
      total_count: "50",
      campaign_lead_stats: { interested: "3" },
    };
    const c = mapCampaign(campaignSchema.parse(raw), analyticsSchema.parse(analyticsRaw), {
      campaign: raw,
      analytics: analyticsRaw,
    });
    expect(c).toMatchObject({
      id: "smartlead:123",
      vendorId: "123",
      status: "completed",
      vendorStatus: "STOPPED",
      createdAt: "2026-01-02T03:04:05.000Z",
    });
    expect(c.vendorReported).toEqual({
      sent: 100,
      opened: 40,
      clicked: 9,
      replied: 6,
      bounced: 2,
      unsubscribed: 1,
      interested: 3,
      leads: 50,
    });
    expect(unifiedCampaign.safeParse({ ...c, connectionId: "c1" }).success).toBe(true);
    expect(mapCampaign(campaignSchema.parse({ id: "9" }), null, { campaign: {}, analytics: null })).toMatchObject({
      name: "Campaign 9",
      status: "other",
      vendorReported: null,
      createdAt: null,
    });
  });
});

describe("message history — VENDORS.md: {history:[{type: SENT|REPLY, …, email_seq_number (string)}]}", () => {
  const entries = [
    {
      type: "SENT",
      stats_id: "s1",
      message_id: "<a>",
      time: "2026-10-01T09:00:00.000Z",
      subject: "Hi",
      email_body: "<p>One</p>",
      email_seq_number: "1",
      open_count: 2,
      click_count: 0,
      from: "sam@x",
      to: "ada@y",
    },
    {
      type: "SENT",
      stats_id: "s2",
      message_id: "<b>",
      time: "2026-10-04T09:00:00.000Z",
      subject: "Again",
      email_body: "<p>Two</p>",
      email_seq_number: "2",
      open_count: 0,
      click_count: 0,
      from: "sam@x",
      to: "ada@y",
    },
    {
      type: "REPLY",
      stats_id: "s2",
      message_id: "<r>",
      time: "2026-10-04T12:00:00.000Z",
      subject: "Re: Again",
      email_body: "<p>Yes</p>",
      email_seq_number: "2",
      from: "ada@y",
      to: "sam@x",
    },
    {
      type: "REPLY",
      stats_id: "s2",
      message_id: "<r2>",
      time: "2026-10-05T12:00:00.000Z",
      subject: "Re: Again",
      email_body: "<p>Also…</p>",
      email_seq_number: "2",
      from: "ada@y",
      to: "sam@x",
    },
    { type: "FORWARDED", stats_id: "s2", message_id: "<f>", time: "2026-10-06T12:00:00.000Z", email_seq_number: "2" },
  ].map((raw) => ({ row: historyEntrySchema.parse(raw), raw }));
  const lead = {
    lead_id: "7",
    campaign_id: "123",
    campaign_name: "Q4",
    status: "UNSUBSCRIBED",
    lead_category: "Not Interested",
  };

  it("gives the same events and ids as the feed; the last email carries the outcome", () => {
    const { emails, others } = historyToEmails(entries, "ada@y");
    const acts = mapLeadEmails(lead, emails);
    expect(acts.map((a) => [a.id, a.kind, a.occurredAt, a.sequenceStep])).toEqual([
      ["smartlead:s1:sent", "email_sent", "2026-10-01T09:00:00.000Z", 1],
      ["smartlead:s1:open", "email_opened", "2026-10-01T09:00:00.000Z", 1],
      ["smartlead:s2:sent", "email_sent", "2026-10-04T09:00:00.000Z", 2],
      ["smartlead:s2:reply", "email_replied", "2026-10-04T12:00:00.000Z", 2],
      ["smartlead:s2:unsubscribe", "unsubscribed", "2026-10-04T12:00:00.000Z", 2],
      ["smartlead:s2:category", "not_interested", "2026-10-04T12:00:00.000Z", 2],
    ]);
    expect(acts.find((a) => a.kind === "email_replied")!.raw).toBe(entries[2]!.raw);
    expect(
      others.map((o) => mapOtherHistoryEntry(lead, o.row, o.raw)).map((a) => [a.kind, a.vendorType, a.direction]),
    ).toEqual([
      ["email_replied", "REPLY", "inbound"],
      ["other", "FORWARDED", null],
    ]);
  });
});

describe("text", () => {
  it("previews at most 200 characters", () => {
    const long = previewOf("word ".repeat(100))!;
    expect(long.length).toBeLessThanOrEqual(200);
    expect(long.endsWith("…")).toBe(true);
    expect(previewOf(null)).toBeNull();
  });
});

describe("smartleadRetryAfterMs — VENDORS.md: obey Retry-After; 429 body {error:{retry_after:30}}", () => {
  it("reads the header first, else the body's retry_after, else gives up", () => {
    const body = JSON.stringify({ error: { code: "RATE_LIMIT_EXCEEDED", retry_after: 30 } });
    expect(smartleadRetryAfterMs(new Response(null, { status: 429, headers: { "retry-after": "2" } }), body)).toBe(
      2000,
    );
    expect(smartleadRetryAfterMs(new Response(null, { status: 429 }), body)).toBe(30_000);
    expect(smartleadRetryAfterMs(new Response(null, { status: 429 }), "Too many requests")).toBeNull();
  });
});

describe("a lead with nothing but an id", () => {
  it("still maps its email, with no campaign", () => {
    const input: EmailInput = { row: activitySchema.parse(email({}, 1)), raw: null };
    expect(mapLeadEmails({ lead_id: "1" }, [input]).map((a) => [a.id, a.campaignId, a.url])).toEqual([
      ["smartlead:1001:sent", null, null],
    ]);
  });
});

describe("thread_replies — seed 001 'thread conversations' (shape undocumented, read like reply_details)", () => {
  const first = { time: "2026-10-01T12:00:00Z", reply_email_body: "<p>Sounds good</p>", message_id: "<r1@ada>" };
  const lead = (threads: unknown[]) => ({
    lead_id: 7,
    campaign_id: 42,
    campaign_name: "C",
    status: "COMPLETED",
    current_seq_num: 1,
    activities: [email({ reply_details: first, thread_replies: threads })],
  });

  it("each further reply is its own email_replied item, inbound, on the email's step and campaign", () => {
    const { activities, skipped } = run(
      lead([
        { time: "2026-10-02T08:00:00Z", reply_email_body: "<p>One more question</p>", message_id: "<r2@ada>" },
        { time: "2026-10-03 09:30:00", reply_email_body: "Friday works", message_id: "<r3@ada>" },
      ]),
    );
    expect(skipped).toBe(0);
    const threads = activities.filter((a) => a.id.includes(":reply:"));
    expect(threads.map((a) => [a.id, a.kind, a.direction, a.occurredAt, a.sequenceStep, a.campaignId, a.body])).toEqual(
      [
        [
          "smartlead:1001:reply:<r2@ada>",
          "email_replied",
          "inbound",
          "2026-10-02T08:00:00.000Z",
          1,
          "smartlead:42",
          "One more question",
        ],
        [
          "smartlead:1001:reply:<r3@ada>",
          "email_replied",
          "inbound",
          "2026-10-03T09:30:00.000Z",
          1,
          "smartlead:42",
          "Friday works",
        ],
      ],
    );
    expect(threads[0]!.raw).toMatchObject({ stats_id: "1001", thread_reply: { message_id: "<r2@ada>" } });
    for (const a of threads) {
      const { person, ...row } = a;
      expect(person!.identities).toEqual([{ vendorId: "7", kind: "lead" }]);
      expect(unifiedActivity.safeParse({ ...row, contactId: null, connectionId: "c1" }).success).toBe(true);
    }
  });

  it("skips the first reply repeated in the thread, and an entry it cannot read (counted, reported)", () => {
    const { activities, skipped, warnings } = run(lead([first, { reply_email_body: "no time" }]));
    expect(activities.filter((a) => a.kind === "email_replied").map((a) => a.id)).toEqual(["smartlead:1001:reply"]);
    expect(skipped).toBe(1);
    expect(warnings).toEqual([
      {
        m: "smartlead: skipped a thread reply it could not read",
        f: { leadId: "7", statsId: "1001", issues: ["time"] },
      },
    ]);
  });

  it("a message from the email's own sender is ours: outbound, outside the campaign's sends and steps", () => {
    const { activities } = run(
      lead([
        {
          time: "2026-10-02T10:00:00Z",
          email_body: "Here is the deck",
          message_id: "<s2@x>",
          from_email: "SAM@sender.example",
        },
      ]),
    );
    expect(activities.find((a) => a.id === "smartlead:1001:reply:<s2@x>")).toMatchObject({
      kind: "email_sent",
      direction: "outbound",
      campaignId: null,
      sequenceStep: null,
      actor: { id: "sam@sender.example" },
      body: "Here is the deck",
    });
  });

  it("the message history's further REPLY gets the same id as the feed's thread reply", () => {
    const entry = historyEntrySchema.parse({
      type: "REPLY",
      stats_id: 1001,
      message_id: "<r2@ada>",
      time: "2026-10-02T08:00:00Z",
      email_body: "One more question",
      from: "ada@example.com",
    });
    const feed = run(
      lead([{ time: "2026-10-02T08:00:00Z", reply_email_body: "One more question", message_id: "<r2@ada>" }]),
    );
    const live = mapOtherHistoryEntry({ lead_id: "7", campaign_id: "42" }, entry, {});
    expect(feed.activities.find((a) => a.id === live.id)).toMatchObject({
      kind: live.kind,
      occurredAt: live.occurredAt,
    });
  });
});
