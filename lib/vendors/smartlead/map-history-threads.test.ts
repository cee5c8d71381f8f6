import { describe, expect, it } from "vitest";
import { activitySchema as unifiedActivity } from "@/lib/model/activity";
import { mapLeadEmails } from "./map";
import { historyToEmails, mapOtherHistoryEntry } from "./map-history";
import { email, run } from "./map-test-leads";
import { historyEntrySchema } from "./schemas";

// Replies past the first: the message history's entries and the feed's thread_replies, which
// must give the same events under the same ids.

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
