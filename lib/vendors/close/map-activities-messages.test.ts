import { describe, expect, it } from "vitest";
import { closeActivitySchema } from "./schemas";
import { withHostTimeZone } from "@/tests/helpers/host-time-zone";
import { base, map, valid } from "./map-activity-rows";

// One test per Close type of VENDORS.md ("_type values: Email, EmailThread, Call, SMS, Meeting,
// Note, LeadStatusChange, OpportunityStatusChange, TaskCompleted, Created, Custom, WhatsAppMessage"):
// here the messages and conversations (Email, EmailThread, Call, SMS, Meeting), and the lenient
// activity schema.

for (const tz of ["UTC", "Pacific/Auckland"]) {
  describe(`mapping Close activities (TZ=${tz})`, () => {
    withHostTimeZone(tz);

    it("Email outgoing → email_sent, outbound, subject, preview, body; occurredAt = activity_at", () => {
      const m = map({
        _type: "Email",
        direction: "outgoing",
        status: "sent",
        subject: "Pipeline reviews",
        body_text: "Hi,\n\nWorth a call?",
        body_preview: "Hi, Worth a call?",
        sequence_id: "seq_1",
        sequence_name: "Outbound",
      })!;
      expect(m).toMatchObject({
        id: "close:acti_1",
        vendor: "close",
        vendorType: "Email",
        kind: "email_sent",
        channel: "email",
        direction: "outbound",
        subject: "Pipeline reviews",
        preview: "Hi, Worth a call?",
        body: "Hi,\n\nWorth a call?",
      });
      expect(m.occurredAt).toBe("2026-11-20T14:03:11.512Z");
      expect(m.campaignId).toBeNull();
      expect(m.sequenceStep).toBeNull();
      expect(m.actor).toEqual({ id: "user_1", name: "Sarah Okoro" });
      expect(m.url).toBe("https://app.close.com/lead/lead_A/");
      expect((m.raw as { sequence_id: string }).sequence_id).toBe("seq_1");
      valid(m);
    });

    it("Email incoming → email_replied, inbound", () => {
      const m = map({
        _type: "Email",
        direction: "incoming",
        status: "inbox",
        subject: "Re: hi",
        body_text: "Yes, let's talk",
      })!;
      expect(m).toMatchObject({ kind: "email_replied", direction: "inbound", preview: "Yes, let's talk" });
      valid(m);
    });

    // VENDORS.md: "Email status: inbox, draft, scheduled, outbox, sent, error"
    it("Email draft / scheduled / outbox are sends not made yet (state scheduled); errors email_failed; the body falls back to body_html as text", () => {
      for (const status of ["draft", "scheduled", "outbox"]) {
        const m = map({ _type: "Email", direction: "outgoing", status })!;
        expect(m).toMatchObject({ kind: "email_sent", direction: "outbound", state: "scheduled" });
        valid(m);
      }
      expect(map({ _type: "Email", direction: "outgoing", status: "sent" })!.state).toBeNull();
      expect(map({ _type: "SMS", direction: "outbound", status: "scheduled" })!.state).toBe("scheduled");
      expect(map({ _type: "SMS", direction: "inbound", status: "inbox" })!.state).toBeNull();
      const failed = map({
        _type: "Email",
        direction: "outgoing",
        status: "error",
        body_html: "<p>Hello &amp; welcome</p>",
      })!;
      expect(failed.kind).toBe("email_failed");
      expect(failed.body).toBe("Hello & welcome");
    });

    it("EmailThread → nothing (it repeats its Email rows)", () => {
      expect(map({ _type: "EmailThread", n_emails: 3 })).toBeNull();
    });

    it("Call → call with durationSeconds, direction, note as body", () => {
      const m = map({
        _type: "Call",
        direction: "outbound",
        duration: "125",
        disposition: "answered",
        note: "Interested in a pilot.",
      })!;
      expect(m).toMatchObject({
        kind: "call",
        channel: "phone",
        direction: "outbound",
        durationSeconds: 125,
        body: "Interested in a pilot.",
        preview: "Interested in a pilot.",
      });
      expect(map({ _type: "Call", direction: "inbound", duration: 0 })!.direction).toBe("inbound");
      valid(m);
    });

    it("SMS → sms with its text", () => {
      const m = map({ _type: "SMS", direction: "inbound", text: "Running late" })!;
      expect(m).toMatchObject({ kind: "sms", channel: "sms", direction: "inbound", body: "Running late" });
      valid(m);
    });

    it("Meeting → meeting, title as subject, duration from starts_at/ends_at, occurredAt the start", () => {
      const m = map({
        _type: "Meeting",
        title: "Demo",
        activity_at: "2026-11-26T09:00:00+00:00",
        starts_at: "2026-11-26T09:00:00+00:00",
        ends_at: "2026-11-26T09:45:00+00:00",
      })!;
      expect(m).toMatchObject({
        kind: "meeting",
        channel: "meeting",
        direction: null,
        subject: "Demo",
        durationSeconds: 2700,
        occurredAt: "2026-11-26T09:00:00.000Z",
      });
      valid(m);
    });
  });
}

describe("Close activity schema (lenient)", () => {
  it("keeps unknown fields, coerces numeric strings, nulls garbage numbers instead of failing the row", () => {
    const r = closeActivitySchema.safeParse({ ...base, _type: "Call", duration: "oops", brand_new_field: { x: 1 } });
    expect(r.success).toBe(true);
    expect(r.data!.duration).toBeNull();
    expect((r.data as Record<string, unknown>).brand_new_field).toEqual({ x: 1 });
  });

  it("refuses a row without an id or without any usable time", () => {
    expect(closeActivitySchema.safeParse({ ...base, id: null }).success).toBe(false);
    const r = closeActivitySchema.safeParse({ ...base, activity_at: "never", date_created: "never" });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join("."))).toContain("activity_at");
  });
});
