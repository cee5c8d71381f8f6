import { activitySchema } from "@/lib/model/activity";
import { SEED_003_ACTIVITY } from "@/lib/sandbox/leadlex/seed-example";
import { describe, expect, it } from "vitest";
import { mapActivity, mapActivityRows, personOfContact, previewOf } from "./map";
import { activityRowSchema, contactRowSchema } from "./schemas";

// How Leadlex activity rows map to the unified timeline: one row each, the items derived from an
// email's flags, and the preview text.

// The seed 003 example row, verbatim, as the simulator serves it.
const SEED_ROW = SEED_003_ACTIVITY;

function activity(over: Record<string, unknown>) {
  const raw = { ...SEED_ROW, entity_type: null, entity_id: null, entity_name: null, metadata: {}, ...over };
  const parsed = activityRowSchema.parse(raw);
  const mapped = mapActivity(parsed, raw, null);
  // Every mapped row must satisfy the unified schema once the engine adds its ids.
  activitySchema.parse({ ...mapped, connectionId: "c1", contactId: null });
  return mapped;
}

describe("mapActivity — VENDORS.md Leadlex types (seed 003)", () => {
  it("maps the seed example: an email in a campaign → email_sent with the campaign, keeping raw", () => {
    const m = mapActivity(activityRowSchema.parse(SEED_ROW), SEED_ROW, null);
    expect(m).toMatchObject({
      id: "leadlex:act_7f3c4d2a",
      vendor: "leadlex",
      vendorType: "email",
      kind: "email_sent",
      channel: "email",
      direction: "outbound",
      occurredAt: "2026-04-17T14:23:05.000Z",
      campaignId: "leadlex:cmp_abc123",
      campaignName: "Q2 GC Outreach",
      sequenceStep: null,
      actor: { id: "9a8b7c6d-5e4f-3a2b-1c0d-9e8f7a6b5c4d", name: null },
      subject: "Sent: Quick question about Acme Corp",
      preview: "Hi Jane, ...",
      body: "Hi Jane, ...",
      bot: false,
    });
    expect(m.raw).toBe(SEED_ROW);
    expect(m.person?.identities).toEqual([
      {
        vendorId: SEED_ROW.contact_id,
        kind: "contact",
        url: `https://app.leadlex.com/contacts/${SEED_ROW.contact_id}`,
      },
    ]);
    expect(m.url).toContain(SEED_ROW.contact_id);
  });

  it("call → call with durationSeconds from metadata.duration (numbers as strings too), direction from metadata", () => {
    expect(activity({ type: "call", metadata: { duration: 125, direction: "outbound" } })).toMatchObject({
      kind: "call",
      channel: "phone",
      direction: "outbound",
      durationSeconds: 125,
    });
    expect(activity({ type: "call", metadata: { duration: "90", direction: "inbound" } })).toMatchObject({
      direction: "inbound",
      durationSeconds: 90,
    });
    expect(activity({ type: "call", metadata: {} })).toMatchObject({ direction: "outbound", durationSeconds: null });
  });

  it("email → email_sent, outbound unless metadata.direction says inbound; subject from metadata", () => {
    expect(
      activity({ type: "email", metadata: { subject: "Pricing", direction: "outbound", opened: true } }),
    ).toMatchObject({ kind: "email_sent", direction: "outbound", subject: "Pricing" });
    expect(activity({ type: "email", metadata: { subject: "Re: Pricing", direction: "inbound" } })).toMatchObject({
      kind: "email_sent",
      direction: "inbound",
      campaignId: null,
    });
  });

  it("meeting, note, task, ai_action, deal_stage_change, list_added", () => {
    expect(activity({ type: "meeting" })).toMatchObject({ kind: "meeting", channel: "meeting", direction: null });
    expect(activity({ type: "note" })).toMatchObject({ kind: "note", channel: "note" });
    expect(activity({ type: "task" })).toMatchObject({ kind: "task_completed", channel: "system" });
    expect(activity({ type: "ai_action" })).toMatchObject({ kind: "system", bot: false });
    expect(activity({ type: "deal_stage_change", entity_type: "deal", entity_id: "d1" })).toMatchObject({
      kind: "status_change",
      campaignId: null,
    });
    expect(activity({ type: "list_added", entity_type: "list", entity_id: "lst_1" })).toMatchObject({
      kind: "system",
      campaignId: null,
    });
  });

  it("campaign_sent → email_sent with campaignId `leadlex:<entity_id>`, the 1-based step and the variant", () => {
    const m = activity({
      type: "campaign_sent",
      entity_type: "campaign",
      entity_id: "cmp_x1",
      entity_name: "Q4",
      metadata: { step: 2, variant: "B", subject: "Following up" },
    });
    expect(m).toMatchObject({
      kind: "email_sent",
      direction: "outbound",
      campaignId: "leadlex:cmp_x1",
      campaignName: "Q4",
      sequenceStep: 2,
      variant: "B",
      subject: "Following up",
    });
    expect(
      activity({ type: "campaign_sent", entity_type: "campaign", entity_id: "cmp_x1", metadata: { step: "3" } })
        .sequenceStep,
    ).toBe(3);
    expect(
      activity({ type: "campaign_sent", entity_type: "campaign", entity_id: "cmp_x1", metadata: { step: 0 } })
        .sequenceStep,
    ).toBeNull();
  });

  it("campaign_replied → email_replied (inbound), campaign_bounced → email_bounced", () => {
    expect(
      activity({ type: "campaign_replied", entity_type: "campaign", entity_id: "cmp_x1", metadata: { step: 1 } }),
    ).toMatchObject({ kind: "email_replied", direction: "inbound", sequenceStep: 1 });
    expect(
      activity({ type: "campaign_bounced", entity_type: "campaign", entity_id: "cmp_x1", metadata: { step: 1 } }),
    ).toMatchObject({ kind: "email_bounced", campaignId: "leadlex:cmp_x1" });
  });

  it("an unknown type → other, keeping vendorType", () => {
    expect(activity({ type: "website_visit" })).toMatchObject({
      kind: "other",
      vendorType: "website_visit",
      channel: "system",
    });
  });

  it("reads `created_at` when `created_date` is missing (both spellings), and offsets to UTC", () => {
    expect(activity({ created_date: undefined, created_at: "2026-04-17T16:23:05+02:00" }).occurredAt).toBe(
      "2026-04-17T14:23:05.000Z",
    );
    expect(activity({ created_date: "2026-04-17T14:23:05" }).occurredAt).toBe("2026-04-17T14:23:05.000Z");
  });

  it("the person is the given contact when known", () => {
    const person = personOfContact(
      contactRowSchema.parse({ id: "c-1", full_name: "Jane Doe", email: " Jane@Acme.example ", company_name: "Acme" }),
    );
    const m = mapActivity(activityRowSchema.parse(SEED_ROW), SEED_ROW, person);
    expect(m.person).toEqual({
      identities: [{ vendorId: "c-1", kind: "contact", url: "https://app.leadlex.com/contacts/c-1" }],
      email: "Jane@Acme.example",
      name: "Jane Doe",
      company: "Acme",
    });
  });
});

describe("mapActivityRows — an email's `metadata: {opened, replied}` (seed 003's example)", () => {
  const rows = (over: Record<string, unknown>) => {
    const raw = { ...SEED_ROW, ...over };
    const out = mapActivityRows(activityRowSchema.parse(raw), raw, null);
    for (const m of out) activitySchema.parse({ ...m, connectionId: "c1", contactId: null });
    return out;
  };

  it("the seed example: the email and an email_opened item at the email's time, derived, in its campaign", () => {
    const [email, opened, ...rest] = rows({});
    expect(rest).toEqual([]);
    expect(email).toMatchObject({ id: "leadlex:act_7f3c4d2a", kind: "email_sent" });
    expect(opened).toMatchObject({
      id: "leadlex:act_7f3c4d2a:opened",
      kind: "email_opened",
      vendorType: "email.opened",
      channel: "email",
      occurredAt: "2026-04-17T14:23:05.000Z",
      campaignId: "leadlex:cmp_abc123",
      campaignName: "Q2 GC Outreach",
      subject: "Sent: Quick question about Acme Corp",
      body: null,
      raw: { derivedFrom: "leadlex:act_7f3c4d2a", opened: true },
    });
  });

  it("replied: true → an inbound email_replied; clicked → email_clicked; a time in metadata wins", () => {
    const out = rows({
      metadata: { opened: true, replied: true, clicked: "true", replied_at: "2026-04-18T09:00:00Z" },
    });
    expect(out.map((m) => m.kind)).toEqual(["email_sent", "email_opened", "email_clicked", "email_replied"]);
    const reply = out.find((m) => m.kind === "email_replied")!;
    expect(reply).toMatchObject({ direction: "inbound", occurredAt: "2026-04-18T09:00:00.000Z" });
  });

  it("campaign_sent flags count too; false flags, inbound emails and other types add nothing", () => {
    expect(rows({ type: "campaign_sent", metadata: { step: 2, opened: true } }).map((m) => m.kind)).toEqual([
      "email_sent",
      "email_opened",
    ]);
    const derived = rows({ type: "campaign_sent", metadata: { step: 2, opened: true } })[1]!;
    expect(derived.sequenceStep).toBe(2);
    expect(rows({ metadata: { opened: false, replied: false } })).toHaveLength(1);
    expect(rows({ metadata: { direction: "inbound", opened: true } })).toHaveLength(1);
    expect(rows({ type: "note", metadata: { opened: true } })).toHaveLength(1);
  });
});

describe("previewOf", () => {
  it("is plain text of at most 200 characters", () => {
    expect(previewOf("<p>Hello&nbsp;<b>Jane</b></p>\n\n  bye")).toBe("Hello Jane bye");
    const long = previewOf("word ".repeat(100))!;
    expect(long.length).toBe(200);
    expect(long.endsWith("…")).toBe(true);
    expect(previewOf(null)).toBeNull();
  });
});
