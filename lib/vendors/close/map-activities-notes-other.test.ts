import { describe, expect, it } from "vitest";
import { mapCloseActivity, type ContactLookup } from "./map";
import { closeActivitySchema, parseCloseInstant } from "./schemas";
import { withHostTimeZone } from "@/tests/helpers/host-time-zone";
import { base, map, valid } from "./map-activity-rows";

// One test per Close type of VENDORS.md ("_type values: Email, EmailThread, Call, SMS, Meeting,
// Note, LeadStatusChange, OpportunityStatusChange, TaskCompleted, Created, Custom, WhatsAppMessage"):
// here notes, status changes, completed tasks, system and custom rows, WhatsApp, and how the time
// and the person are read.

for (const tz of ["UTC", "Pacific/Auckland"]) {
  describe(`mapping Close activities (TZ=${tz})`, () => {
    withHostTimeZone(tz);

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
