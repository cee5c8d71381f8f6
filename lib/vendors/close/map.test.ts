import { describe, expect, it } from "vitest";
import { activitySchema, taskSchema } from "@/lib/model";
import { closeRetryAfterMs, parseRateLimitHeader } from "./client";
import { mapCloseActivity, mapCloseContact, type ContactLookup } from "./map";
import { mapCloseTask } from "./map-task";
import { closeActivitySchema, closeContactSchema, closeTaskSchema, parseCloseInstant } from "./schemas";
import { withHostTimeZone } from "@/tests/helpers/host-time-zone";

// One test per Close type of VENDORS.md ("_type values: Email, EmailThread, Call, SMS, Meeting,
// Note, LeadStatusChange, OpportunityStatusChange, TaskCompleted, Created, Custom, WhatsAppMessage").

const base = {
  id: "acti_1",
  lead_id: "lead_A",
  contact_id: "cont_A",
  user_id: "user_1",
  user_name: "Sarah Okoro",
  organization_id: "orga_1",
  date_created: "2026-11-20T14:05:00.000000+00:00",
  date_updated: "2026-11-20T14:05:00.000000+00:00",
  activity_at: "2026-11-20T14:03:11.512000+00:00",
};

function map(row: Record<string, unknown>, lookup?: ContactLookup) {
  const parsed = closeActivitySchema.parse({ ...base, ...row });
  return mapCloseActivity(parsed, row, lookup);
}

/** A mapped row must satisfy the unified schema once the engine adds its ids. */
function valid(m: NonNullable<ReturnType<typeof map>>) {
  const { person: _p, ...rest } = m;
  expect(activitySchema.safeParse({ ...rest, connectionId: "c", contactId: null }).success).toBe(true);
}

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

    it("Note → note with the plain text as body; note_html stays in raw only, hostile markup as literal text", () => {
      const row = {
        _type: "Note",
        note: "Pasted: <img src=x onerror=alert(1)>",
        note_html: "<p>Pasted: <img src=x onerror=alert(1)></p>",
      };
      const m = map(row)!;
      expect(m).toMatchObject({ kind: "note", channel: "note", body: "Pasted: <img src=x onerror=alert(1)>" });
      expect((m.raw as { note_html: string }).note_html).toContain("<p>");
      expect(JSON.stringify({ ...m, raw: null })).not.toContain("<p>");
      // Only HTML: turned into text, tags and scripts gone.
      const html = map({
        _type: "Note",
        note: "",
        note_html: "<p>Budget <b>confirmed</b><br>Q1</p><script>alert(1)</script>",
      })!;
      expect(html.body).toBe("Budget confirmed\nQ1");
      valid(m);
    });

    it("LeadStatusChange and OpportunityStatusChange → status_change, lead-level (no person)", () => {
      const l = map({
        _type: "LeadStatusChange",
        contact_id: null,
        old_status_label: "Potential",
        new_status_label: "Qualified",
      })!;
      expect(l).toMatchObject({
        kind: "status_change",
        channel: "system",
        subject: "Lead status: Potential → Qualified",
        person: null,
      });
      const o = map({
        _type: "OpportunityStatusChange",
        contact_id: null,
        old_status_label: "Active",
        new_status_label: "Won",
        opportunity_value: 120000,
      })!;
      expect(o).toMatchObject({ kind: "status_change", subject: "Opportunity: Active → Won" });
      valid(l);
    });

    it("TaskCompleted → task_completed with the task text", () => {
      const m = map({ _type: "TaskCompleted", task_id: "task_1", task_text: "Send the deck" })!;
      expect(m).toMatchObject({
        kind: "task_completed",
        subject: "Task completed: Send the deck",
        body: "Send the deck",
      });
    });

    it("Created → system", () => {
      expect(map({ _type: "Created", contact_id: null, source: "api" })).toMatchObject({
        kind: "system",
        subject: "Lead created",
        person: null,
      });
    });

    it("Custom → other, keeping the custom type id in raw", () => {
      const m = map({ _type: "Custom", custom_activity_type_id: "actitype_1", "custom.cf_outcome": "Positive" })!;
      expect(m).toMatchObject({ kind: "other", vendorType: "Custom", subject: "Custom activity" });
      expect(m.body).toBe("cf_outcome: Positive");
      expect((m.raw as Record<string, unknown>)["custom.cf_outcome"]).toBe("Positive");
    });

    // VENDORS.md: "Custom activities: _type Custom, custom_activity_type_id, names from GET /custom_activity/"
    it("Custom → its type's name as subject and its custom fields, named by the type, as body", () => {
      const row = {
        ...base,
        _type: "Custom",
        custom_activity_type_id: "actitype_1",
        "custom.cf_outcome": "Positive",
        "custom.cf_attendees": ["Ada", "Bruno"],
        note: "Went well.",
      };
      const types = new Map([["actitype_1", { name: "Demo", fields: new Map([["cf_outcome", "Outcome"]]) }]]);
      const m = mapCloseActivity(closeActivitySchema.parse(row), row, undefined, (id) => types.get(id))!;
      expect(m).toMatchObject({
        kind: "other",
        subject: "Demo",
        body: "Outcome: Positive\ncf_attendees: Ada, Bruno\n\nWent well.",
      });
      valid(m);
    });

    // VENDORS.md: "Meeting status (e.g. upcoming, in-progress, completed, canceled, declined-by-lead)"
    it("Meeting status: upcoming is scheduled, canceled and declined are canceled, the rest happened", () => {
      const state = (status: string) => map({ _type: "Meeting", title: "Demo", status })!.state;
      expect(state("upcoming")).toBe("scheduled");
      expect(state("canceled")).toBe("canceled");
      expect(state("declined-by-lead")).toBe("canceled");
      expect(state("completed")).toBeNull();
      expect(state("in-progress")).toBeNull();
    });

    it("WhatsAppMessage → whatsapp, direction from outgoing/incoming", () => {
      const m = map({ _type: "WhatsAppMessage", direction: "incoming", message_markdown: "See you **Thursday**" })!;
      expect(m).toMatchObject({
        kind: "whatsapp",
        channel: "whatsapp",
        direction: "inbound",
        body: "See you **Thursday**",
      });
      valid(m);
    });

    it("an unknown _type → other, vendorType kept", () => {
      expect(map({ _type: "Fax", note: "beep" })).toMatchObject({
        kind: "other",
        vendorType: "Fax",
        channel: "system",
      });
    });

    it("falls back to date_created when activity_at is missing; reads offsets and naive datetimes as UTC", () => {
      expect(map({ _type: "Call", activity_at: null })!.occurredAt).toBe("2026-11-20T14:05:00.000Z");
      expect(map({ _type: "Call", activity_at: "2026-11-20T16:03:11.5+02:00" })!.occurredAt).toBe(
        "2026-11-20T14:03:11.500Z",
      );
      expect(map({ _type: "Call", activity_at: "2026-11-20T14:03:11" })!.occurredAt).toBe("2026-11-20T14:03:11.000Z");
      expect(parseCloseInstant("2026-11-20")).toBe(Date.UTC(2026, 10, 20));
      expect(parseCloseInstant("next tuesday")).toBeNull();
    });

    it("names the contact by id (kind contact, lead page as url) and takes the email from the contact listing", () => {
      const lookup: ContactLookup = (id) =>
        id === "cont_A"
          ? { email: "Ada.Lovelace0@acme.example", name: "Ada Lovelace", company: "Acme Labs", leadId: "lead_A" }
          : undefined;
      const m = map({ _type: "Call" }, lookup)!;
      expect(m.person).toEqual({
        identities: [{ vendorId: "cont_A", kind: "contact", url: "https://app.close.com/lead/lead_A/" }],
        email: "Ada.Lovelace0@acme.example",
        name: "Ada Lovelace",
        company: "Acme Labs",
      });
      expect(map({ _type: "Call" })!.person).toMatchObject({ identities: [{ vendorId: "cont_A" }], email: null });
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

describe("mapping Close tasks", () => {
  const task = {
    id: "task_1",
    _type: "lead",
    lead_id: "lead_A",
    lead_name: "Acme Labs",
    contact_id: "cont_A",
    contact_name: "Ada Lovelace",
    assigned_to: "user_1",
    assigned_to_name: "Sarah Okoro",
    text: "Follow up with Ada",
    date: "2026-11-25",
    is_complete: false,
    is_dateless: false,
    date_created: "2026-11-20T10:00:00.000000+00:00",
    date_updated: "2026-11-20T10:00:00.000000+00:00",
  };
  const mapTask = (row: Record<string, unknown>, lookup?: ContactLookup) =>
    mapCloseTask(closeTaskSchema.parse({ ...task, ...row }), row, lookup);

  for (const tz of ["UTC", "America/Los_Angeles"]) {
    it(`keeps a date-only due a calendar day (TZ=${tz})`, () => {
      const prev = process.env.TZ;
      process.env.TZ = tz;
      try {
        const m = mapTask({});
        expect(m).toMatchObject({
          dueIsDateOnly: true,
          dueDate: "2026-11-25",
          dueAt: "2026-11-25T00:00:00.000Z",
          status: "open",
          type: "manual",
          title: "Follow up with Ada",
        });
        const { person: _p, ...rest } = m;
        expect(taskSchema.safeParse({ ...rest, connectionId: "c", contactId: null }).success).toBe(true);
      } finally {
        process.env.TZ = prev;
      }
    });
  }

  it("maps a datetime due to an instant, not date-only", () => {
    expect(mapTask({ date: "2026-11-25T15:30:00+01:00" })).toMatchObject({
      dueIsDateOnly: false,
      dueDate: null,
      dueAt: "2026-11-25T14:30:00.000Z",
    });
  });

  it("leaves a dateless task without a due", () => {
    expect(mapTask({ date: null, is_dateless: true })).toMatchObject({
      dueAt: null,
      dueDate: null,
      dueIsDateOnly: false,
    });
  });

  it("is done when is_complete (also as a string)", () => {
    expect(mapTask({ is_complete: true }).status).toBe("done");
    expect(mapTask({ is_complete: "true" }).status).toBe("done");
  });

  it.each([
    ["lead", "manual"],
    ["incoming_email", "email"],
    ["email_followup", "email"],
    ["missed_call", "call"],
    ["answered_detached_call", "call"],
    ["voicemail", "call"],
    ["opportunity_due", "other"],
    ["incoming_sms", "other"],
    ["something_new", "other"],
  ])("normalises _type %s to %s, keeping vendorType", (vendorType, type) => {
    expect(mapTask({ _type: vendorType })).toMatchObject({ vendorType, type });
  });

  it("titles a task without text by its type", () => {
    expect(mapTask({ _type: "missed_call", text: "" }).title).toBe("Missed call");
  });

  it("carries assignee, lead url, createdAt and the contact as person (email from the listing)", () => {
    const m = mapTask({}, () => ({
      email: "ada@acme.example",
      name: "Ada L.",
      company: "Acme Labs",
      leadId: "lead_A",
    }));
    expect(m.assignee).toEqual({ id: "user_1", name: "Sarah Okoro" });
    expect(m.url).toBe("https://app.close.com/lead/lead_A/");
    expect(m.createdAt).toBe("2026-11-20T10:00:00.000Z");
    expect(m.person).toMatchObject({
      identities: [{ vendorId: "cont_A", kind: "contact" }],
      email: "ada@acme.example",
      company: "Acme Labs",
    });
    expect(mapTask({ contact_id: null }).person).toBeNull();
  });

  it("refuses a task whose date is unreadable", () => {
    expect(closeTaskSchema.safeParse({ ...task, date: "soonish" }).success).toBe(false);
  });
});

describe("mapping Close contacts", () => {
  it("makes a PersonRef with the contact id, the email as given, name and company", () => {
    const row = closeContactSchema.parse({
      id: "cont_A",
      lead_id: "lead_A",
      name: "Ada Lovelace",
      emails: [{ email: "Ada.Lovelace0@acme.example", type: "office" }],
    });
    expect(mapCloseContact(row, "Acme Labs")).toEqual({
      identities: [{ vendorId: "cont_A", kind: "contact", url: "https://app.close.com/lead/lead_A/" }],
      email: "Ada.Lovelace0@acme.example",
      name: "Ada Lovelace",
      company: "Acme Labs",
    });
  });

  it("leaves the email null for a contact without one", () => {
    const row = closeContactSchema.parse({ id: "cont_B", lead_id: "lead_A", name: "Reception", emails: [] });
    expect(mapCloseContact(row, null).email).toBeNull();
  });
});

describe("RateLimit header", () => {
  it("parses limit, remaining and reset in any order and with decimals", () => {
    expect(parseRateLimitHeader("limit=100, remaining=57, reset=3.2")).toEqual({
      limit: 100,
      remaining: 57,
      reset: 3.2,
    });
    expect(parseRateLimitHeader("reset=1; remaining=0; limit=20")).toEqual({ limit: 20, remaining: 0, reset: 1 });
    expect(parseRateLimitHeader("nonsense")).toBeNull();
    expect(parseRateLimitHeader(null)).toBeNull();
  });

  it("a 429 waits the header's reset, else the body's rate_reset", () => {
    const withHeader = new Response("", { status: 429, headers: { ratelimit: "limit=100, remaining=0, reset=2.5" } });
    expect(closeRetryAfterMs(withHeader, "")).toBe(2500);
    const bodyOnly = new Response("", { status: 429 });
    expect(
      closeRetryAfterMs(bodyOnly, JSON.stringify({ error: { rate_reset: 1.2, message: "API call count exceeded" } })),
    ).toBe(1200);
    expect(closeRetryAfterMs(bodyOnly, "<html>")).toBeNull();
  });
});
