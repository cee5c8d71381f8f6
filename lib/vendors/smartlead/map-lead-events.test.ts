import { describe, expect, it } from "vitest";
import { activitySchema as unifiedActivity } from "@/lib/model/activity";
import { categoryKind, mapLeadEmails, type EmailInput } from "./map";
import { email, run, SEED_LEAD } from "./map-test-leads";
import { activitySchema, analyticsSchema } from "./schemas";

// A lead's feed rows to events: seed 001's example, numbers sent as strings, the outcomes on
// the last email, variants, and a lead that has nothing but an id.

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

describe("a lead with nothing but an id", () => {
  it("still maps its email, with no campaign", () => {
    const input: EmailInput = { row: activitySchema.parse(email({}, 1)), raw: null };
    expect(mapLeadEmails({ lead_id: "1" }, [input]).map((a) => [a.id, a.campaignId, a.url])).toEqual([
      ["smartlead:1001:sent", null, null],
    ]);
  });
});
