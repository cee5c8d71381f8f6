import { describe, expect, it } from "vitest";
import { taskSchema } from "@/lib/model";
import { closeRetryAfterMs, parseRateLimitHeader } from "./client";
import { mapCloseContact, type ContactLookup } from "./map";
import { mapCloseTask } from "./map-task";
import { closeContactSchema, closeTaskSchema } from "./schemas";

// How Close tasks and contacts map to the unified model, and how the RateLimit header is read.

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
