import { describe, expect, it } from "vitest";
import { contactsQuerySchema } from "./contacts-query";
import { identityUrl, safeExternalUrl } from "./deep-links";
import { canonicalTimeZone, decodeCursor, encodeCursor, zonedToUtc } from "./query-params";
import { parseDateBound, timelineQuerySchema, timelineSearchParams } from "./timeline";
import { withHostTimeZone } from "@/tests/helpers/host-time-zone";

// The host's zone must never leak in: everything takes the zone explicitly.
describe.each(["UTC", "America/Los_Angeles"])("timeline query parameters (host TZ %s)", (host) => {
  withHostTimeZone(host);

  it("turns wall-clock times in a zone into instants, across DST changes", () => {
    expect(new Date(zonedToUtc({ year: 2026, month: 11, day: 1 }, "Europe/Paris")).toISOString()).toBe(
      "2026-10-31T23:00:00.000Z",
    );
    expect(new Date(zonedToUtc({ year: 2026, month: 7, day: 1 }, "Europe/Paris")).toISOString()).toBe(
      "2026-06-30T22:00:00.000Z",
    );
    // 29 March 2026: Paris springs forward at 02:00 → 02:30 does not exist; the next valid instant is 03:30 CEST.
    expect(
      new Date(zonedToUtc({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, "Europe/Paris")).toISOString(),
    ).toBe("2026-03-29T01:30:00.000Z");
    expect(new Date(zonedToUtc({ year: 2026, month: 4, day: 5 }, "Pacific/Auckland")).toISOString()).toBe(
      "2026-04-04T11:00:00.000Z",
    );
  });

  it("reads from/to as inclusive days in tz, or as instants", () => {
    const q = timelineQuerySchema.parse({ from: "2026-11-01", to: "2026-11-01", tz: "Europe/Paris" });
    expect(q.range).toEqual({ from: "2026-10-31T23:00:00.000Z", before: "2026-11-01T23:00:00.000Z" });
    const i = timelineQuerySchema.parse({ from: "2026-11-01T10:00:00+02:00", to: "2026-11-01T10:00:00Z" });
    expect(i.range).toEqual({ from: "2026-11-01T08:00:00.000Z", before: "2026-11-01T10:00:00.001Z" });
    expect(timelineQuerySchema.parse({}).range).toEqual({ from: null, before: null });
  });
});

describe("parameter validation", () => {
  const fails = (input: Record<string, string>) => {
    const r = timelineQuerySchema.safeParse(input);
    return r.success ? null : r.error.issues.map((i) => i.path.join("."));
  };

  it("names the parameter at fault", () => {
    expect(fails({ limit: "0" })).toEqual(["limit"]);
    expect(fails({ limit: "501" })).toEqual(["limit"]);
    expect(fails({ kinds: "email_sent,nope" })).toEqual(["kinds"]);
    expect(fails({ vendors: "myspace" })).toEqual(["vendors"]);
    expect(fails({ from: "2026-11-10", to: "2026-11-01" })).toEqual(["from"]);
    expect(fails({ from: "2026-13-01" })).toEqual(["from"]);
    expect(fails({ tz: "Not/AZone" })).toEqual(["tz"]);
    expect(fails({ cursor: "%%" })).toEqual(["cursor"]);
    expect(fails({ bots: "maybe" })).toEqual(["bots"]);
    expect(
      fails({
        kinds: "task,email_replied",
        vendors: "close",
        from: "2026-11-01",
        tz: "Europe/Paris",
        bots: "exclude",
        limit: "500",
      }),
    ).toBeNull();
  });

  it("accepts IANA zones in any case, answering their canonical name, and refuses offsets", () => {
    expect(canonicalTimeZone("europe/paris")).toBe("Europe/Paris");
    expect(canonicalTimeZone("UTC")).toBe("UTC");
    expect(canonicalTimeZone("+05:00")).toBeNull();
    expect(canonicalTimeZone("Mars/Olympus")).toBeNull();
  });

  it("parses date bounds strictly", () => {
    expect(parseDateBound("2026-02-29")).toBeNull();
    expect(parseDateBound("2028-02-29")).toMatchObject({ kind: "date", day: 29 });
    expect(parseDateBound("2026-11-01T25:00")).toBeNull();
    expect(parseDateBound("yesterday")).toBeNull();
    expect(parseDateBound("2026-11-01T10:00:00.123Z")).toMatchObject({
      kind: "instant",
      ms: Date.UTC(2026, 10, 1, 10, 0, 0, 123),
    });
  });

  it("round-trips cursors and refuses anything else", () => {
    const c = { at: "2026-11-01T10:00:00.123456Z", id: "lemlist:act_1" };
    expect(decodeCursor(encodeCursor(c), { nullableAt: false })).toEqual(c);
    expect(decodeCursor(encodeCursor({ at: null, id: "c_1" }), { nullableAt: true })).toEqual({ at: null, id: "c_1" });
    expect(decodeCursor(encodeCursor({ at: null, id: "c_1" }), { nullableAt: false })).toBeNull();
    expect(decodeCursor("bm9wZQ", { nullableAt: false })).toBeNull();
    expect(decodeCursor(Buffer.from('["2026-11-01", "x"]').toString("base64url"), { nullableAt: false })).toBeNull();
    expect(
      decodeCursor(Buffer.from('["2026-11-01T10:00:00Z","x",1]').toString("base64url"), { nullableAt: false }),
    ).toBeNull();
  });

  it("builds the request the route parses, in a stable order", () => {
    const sp = timelineSearchParams({
      vendors: ["smartlead", "close"],
      kinds: ["task", "email_replied"],
      q: "  hi ",
      bots: "include",
      tz: "Europe/Paris",
      limit: 60,
    });
    expect(sp.toString()).toBe("kinds=email_replied%2Ctask&vendors=close%2Csmartlead&tz=Europe%2FParis&q=hi&limit=60");
    expect(timelineQuerySchema.safeParse(Object.fromEntries(sp)).success).toBe(true);
    expect(contactsQuerySchema.parse({ vendor: "close,lemlist", limit: "5" })).toMatchObject({
      vendor: ["close", "lemlist"],
      limit: 5,
    });
  });
});

describe("deep links", () => {
  it("builds a link into each vendor's app and drops unsafe ones", () => {
    expect(identityUrl("lemlist", "lea_1", "lead")).toBe("https://app.lemlist.com/leads/lea_1");
    expect(identityUrl("close", "lead_x")).toBe("https://app.close.com/lead/lead_x/");
    expect(identityUrl("leadlex", "7b1c0f7e-0000-4000-8000-000000000001")).toBe(
      "https://app.leadlex.com/contacts/7b1c0f7e-0000-4000-8000-000000000001",
    );
    expect(identityUrl("smartlead", "9 9")).toBe("https://app.smartlead.ai/app/master-inbox?leadId=9%209");
    expect(safeExternalUrl("javascript:alert(1)")).toBeNull();
    expect(safeExternalUrl("https://app.close.com/lead/x/")).toBe("https://app.close.com/lead/x/");
  });
});
