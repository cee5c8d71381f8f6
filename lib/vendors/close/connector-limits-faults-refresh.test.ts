import { describe, expect, it } from "vitest";
import { rejectionOf } from "@/tests/helpers/rejection";
import { DEMO_API_KEY } from "@/lib/sandbox/close/simulator";
import { VendorAuthError, VendorRequestError, VendorUnavailableError } from "@/lib/vendors/shared/errors";
import type { SyncBatch } from "@/lib/vendors/types";
import type { CloseActivitiesState } from "./index";
import { closeServersAfterEach, setup, run, activityIds, expectNoSecret } from "./connector-harness";

// The connector against the Close simulator over real HTTP (no mocks): Close's _skip maximum,
// transport faults, the RateLimit header, and the live refresh of one person.

closeServersAfterEach();

describe("Close's _skip maximum", () => {
  // VENDORS.md: "_skip has a maximum (400 past it …): page by date_created windows, not by ever-growing skips"
  it("never asks past the maximum: a window too big for it is split", async () => {
    const { sim, session } = await setup(
      { maxSkip: 300 },
      { maxSkip: 300, initialWindowMs: 180 * 86_400_000, targetPagesPerWindow: 1000 },
    );
    const r = await run<CloseActivitiesState>(session, "activities");
    expect(sim.data.activities.length).toBeGreaterThan(400); // one window would need a skip past 300
    expect(r.activities.map((a) => a.id).sort()).toEqual(activityIds(sim.data.activities.map((a) => a.id)));
    expect(new Set(r.activities.map((a) => a.id)).size).toBe(r.activities.length);
    expect(sim.stats.maxActivitySkip).toBeLessThanOrEqual(300);
    expect(sim.stats.byStatus[400]).toBeUndefined();
  });

  it("(the same run told a larger maximum is refused by the simulator, with a typed error)", async () => {
    const { session } = await setup(
      { maxSkip: 300 },
      { initialWindowMs: 180 * 86_400_000, targetPagesPerWindow: 1000 },
    );
    const err = await rejectionOf(run(session, "activities"));
    expect(err).toBeInstanceOf(VendorRequestError);
    expect((err as VendorRequestError).status).toBe(400);
    expectNoSecret(err);
  });
});

describe("faults", () => {
  it("survives a 429 storm, waiting Close's reset and reporting the wait", async () => {
    const { sim, session, waits } = await setup({ faults: { status429: 4, retryAfterSeconds: 0.05 } });
    const r = await run(session, "tasks");
    expect(r.tasks).toHaveLength(sim.data.tasks.length);
    expect(sim.stats.byStatus[429]).toBe(4);
    expect(waits.length).toBeGreaterThan(0);
  });

  it("survives a burst of 5xx", async () => {
    const { sim, session } = await setup({ faults: { status5xx: 3, errorStatus: 503 } });
    const r = await run(session, "activities");
    expect(r.activities).toHaveLength(sim.data.activities.length);
    expect(sim.stats.byStatus[503]).toBe(3);
  });

  it("survives a hung request (timeout, then retry)", async () => {
    const { sim, session } = await setup({ faults: { hang: 1 } });
    const r = await run(session, "contacts");
    expect(r.people).toHaveLength(sim.data.contacts.length);
  });

  it("survives malformed JSON and truncated bodies", async () => {
    const { sim, session } = await setup({ faults: { malformedJson: 2 } });
    expect((await run(session, "tasks")).tasks).toHaveLength(sim.data.tasks.length);
    sim.faults.set({ truncate: 2 });
    expect((await run(session, "tasks")).tasks).toHaveLength(sim.data.tasks.length);
  });

  it.each([
    ["5xx", { status5xx: 1000 }],
    ["hangs", { hang: 1000 }],
    ["truncated bodies", { truncate: 1000 }],
    ["429s", { status429: 1000, retryAfterSeconds: 0.01 }],
  ])("persistent %s end in VendorUnavailableError without the key", async (_name, faults) => {
    const { session } = await setup({ faults }, { client: { maxRateLimitRetries: 3, timeoutMs: 150 } });
    const err = await rejectionOf(run(session, "activities"));
    expect(err).toBeInstanceOf(VendorUnavailableError);
    expectNoSecret(err);
  });

  it("a key revoked mid-sync ends in VendorAuthError", async () => {
    const { sim, session } = await setup();
    const stream = session.streams().find((s) => s.name === "activities")!;
    const pages: unknown[] = [];
    const err = await rejectionOf(
      (async () => {
        for await (const p of stream.pages(null)) {
          pages.push(p);
          sim.faults.set({ revokeKey: true });
        }
      })(),
    );
    expect(pages).toHaveLength(1);
    expect(err).toBeInstanceOf(VendorAuthError);
    expectNoSecret(err);
  });

  it("an unreadable row is skipped and reported (id and paths, no key); the sync goes on", async () => {
    const { sim, session, warnings } = await setup();
    const i = 100;
    const odd = { ...sim.data.activities[i]!, id: null } as unknown as (typeof sim.data.activities)[number];
    sim.data.activities.splice(i, 0, odd);
    const r = await run(session, "activities");
    expect(r.pages.reduce((n, p) => n + (p.skipped ?? 0), 0)).toBe(1);
    expect(r.activities).toHaveLength(sim.data.activities.length - 1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.fields).toMatchObject({ id: null, issues: ["id"] });
    expect(JSON.stringify(warnings)).not.toContain(DEMO_API_KEY);
  });
});

describe("rate limit", () => {
  // VENDORS.md: "per key and endpoint group; header RateLimit: limit=…, remaining=…, reset=… (seconds)"
  it("slows down from the RateLimit header: a small budget is never exceeded", async () => {
    const { sim, session, waits } = await setup(
      { rateLimit: { limit: 3, windowMs: 700 } },
      { pageSize: 3, client: { pace: { limit: 1000, windowMs: 10_000 } } },
    );
    const r = await run(session, "contacts");
    expect(r.people).toHaveLength(sim.data.contacts.length);
    expect(sim.stats.requests).toBeGreaterThan(6);
    expect(sim.stats.byStatus[429]).toBeUndefined();
    expect(waits.length).toBeGreaterThan(0);
  });
});

describe("refreshPerson", () => {
  it("from a contact id: the lead's people, every activity and every task of the lead", async () => {
    const { sim, session } = await setup();
    const contact = sim.data.contacts.find((c) => sim.data.tasks.some((t) => t.lead_id === c.lead_id))!;
    const batch: SyncBatch = await session.refreshPerson({
      email: contact.emails[0]!.email,
      identities: [{ vendorId: contact.id, kind: "contact" }],
    });
    const leadActs = sim.data.activities.filter((a) => a.lead_id === contact.lead_id).map((a) => a.id);
    expect(batch.activities!.map((a) => a.id).sort()).toEqual(activityIds(leadActs));
    expect(batch.tasks!.map((t) => t.id).sort()).toEqual(
      sim.data.tasks
        .filter((t) => t.lead_id === contact.lead_id)
        .map((t) => `close:${t.id}`)
        .sort(),
    );
    const me = batch.people!.find((p) => p.identities[0]!.vendorId === contact.id)!;
    expect(me.email).toBe(contact.emails[0]!.email);
    const mine = batch.activities!.filter((a) => a.person?.identities[0]!.vendorId === contact.id);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((a) => a.person!.email === contact.emails[0]!.email)).toBe(true);
  });

  it("from a lead id, and nothing (no request) for a person without a Close identity", async () => {
    const { sim, session } = await setup();
    const lead = sim.data.leads[1]!;
    const batch = await session.refreshPerson({ email: null, identities: [{ vendorId: lead.id, kind: "lead" }] });
    expect(batch.activities!.length).toBe(sim.data.activities.filter((a) => a.lead_id === lead.id).length);
    const before = sim.stats.requests;
    const none = await session.refreshPerson({
      email: "someone@else.example",
      identities: [{ vendorId: "lea_123", kind: "lead" }],
    });
    expect(none).toEqual({ people: [], activities: [], tasks: [] });
    expect(sim.stats.requests).toBe(before);
  });
});
