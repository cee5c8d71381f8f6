import { addLeadlexEmail, type LeadlexActivity } from "@/lib/sandbox/leadlex/data";
import type { LeadlexSimulatorOptions } from "@/lib/sandbox/leadlex/simulator";
import { VendorAuthError, VendorUnavailableError } from "@/lib/vendors/shared/errors";
import type { MappedActivity } from "@/lib/vendors/types";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "@/tests/helpers/rejection";
import type { ActivitiesState } from ".";
import {
  closeServersAfterEach,
  clock,
  OVERLAP,
  setup,
  run,
  activitiesOf,
  quotaMetas,
  tasksOf,
  campaignsOf,
  peopleOf,
  ids,
  dataActivityIds,
} from "./connector-harness";

// The connector against the Leadlex simulator over real HTTP (no mocked fetch): key checks, the
// streams run to completion, transport faults, typed errors and odd rows.

closeServersAfterEach();

describe("verifyKey", () => {
  it("passes with the right key", async () => {
    const s = await setup();
    await expect(s.session.verifyKey()).resolves.toBeUndefined();
  });

  it("throws VendorAuthError for a wrong key, without the key in the message", async () => {
    const s = await setup();
    const err = await rejectionOf(s.open({ apiKey: "wbk_wrong_key_123456" }).verifyKey());
    expect(err).toBeInstanceOf(VendorAuthError);
    expect(err.message).not.toContain("wbk_wrong_key_123456");
  });

  it("throws VendorAuthError when the key lacks activities:read (seed 003 Note)", async () => {
    const s = await setup({ scopes: ["contacts:read", "tasks:read", "campaigns:read"] });
    const err = await rejectionOf(s.session.verifyKey());
    expect(err).toBeInstanceOf(VendorAuthError);
    expect(err.message).toContain("activities:read");
  });
});

describe("streams, run to completion", () => {
  it("are contacts, campaigns, tasks, activities — in that order", async () => {
    const s = await setup();
    expect(s.session.streams().map((x) => x.name)).toEqual(["contacts", "campaigns", "tasks", "activities"]);
  });

  it("yield exactly the simulator's set: each item once, no gaps", async () => {
    const s = await setup();
    const contacts = await run(s.session, "contacts");
    expect(ids(peopleOf(contacts.pages).map((p) => ({ id: p.identities[0]!.vendorId })))).toEqual(
      s.sim.data.contacts.map((c) => c.id).sort(),
    );
    expect(peopleOf(contacts.pages).find((p) => p.identities[0]!.vendorId === s.sim.data.contacts[0]!.id)?.email).toBe(
      s.sim.data.contacts[0]!.email,
    );

    const campaigns = campaignsOf((await run(s.session, "campaigns")).pages);
    expect(ids(campaigns)).toEqual(s.sim.data.campaigns.map((c) => `leadlex:${c.id}`).sort());
    const withStats = campaigns.find((c) => (c.vendorReported?.sent ?? 0) > 0)!;
    const counts = s.sim.data.campaignCounts.get(withStats.vendorId)!;
    expect(withStats.vendorReported).toMatchObject({
      sent: counts.sent,
      opened: counts.opened,
      replied: counts.replied,
      bounced: counts.bounced,
    });

    const tasksRun = await run(s.session, "tasks");
    const tasks = tasksOf(tasksRun.pages);
    expect(tasks.map((t) => t.id).sort()).toEqual(s.sim.data.tasks.map((t) => `leadlex:${t.id}`).sort());
    expect(tasksRun.pages.at(-1)!.reconcileOpenTasks?.seenTaskIds.sort()).toEqual(tasks.map((t) => t.id).sort());

    const acts = await run<ActivitiesState>(s.session, "activities");
    const got = activitiesOf(acts.pages);
    expect(got.length).toBe(s.sim.data.activities.length); // no duplicates
    expect(ids(got)).toEqual(dataActivityIds(s)); // no gaps
    // Every contact's history read to its end, and the run says so.
    expect(Object.keys(acts.state!.c).sort()).toEqual(s.sim.data.contacts.map((c) => c.id).sort());
    for (const p of Object.values(acts.state!.c)) expect(p.e).toBe(1);
    expect(acts.pages.at(-1)!.progress).toMatchObject({ historyComplete: true });
    // Activities carry their contact's identity, which the contacts stream resolved to the person.
    const sample = got[0]!;
    expect(s.sim.data.contactIndex.has(sample.person!.identities[0]!.vendorId)).toBe(true);
    expect(s.warnings).toEqual([]);
  });

  it("report the daily quota from the documented headers after each answer", async () => {
    const s = await setup({ perDay: 5000 });
    await run(s.session, "campaigns");
    const quotas = quotaMetas(s.metas);
    const last = quotas.at(-1)!;
    expect(last.limit).toBe(5000);
    expect(last.remaining).toBe(5000 - quotas.length);
    expect(last.resetAt).toBe("2026-11-25T00:00:00.000Z");
    expect(last).toMatchObject({ source: "headers", reserve: 1500, used: quotas.length });
  });

  it("a second run with nothing new reads no activity; a new email brings its contact back, with its flags", async () => {
    const s = await setup();
    const contacts = await run(s.session, "contacts");
    const first = await run<ActivitiesState>(s.session, "activities");
    const before = s.sim.requests();
    const idle = await run<ActivitiesState>(s.session, "activities", first.state);
    expect(s.sim.requests() - before).toBe(0);
    expect(activitiesOf(idle.pages)).toEqual([]);

    const contact = s.sim.data.contacts[3]!;
    const email = addLeadlexEmail(s.sim.data, contact.id, new Date(clock()), { opened: true, replied: true });
    const next = s.open();
    await run(next, "contacts", contacts.state);
    const again = await run<ActivitiesState>(next, "activities", idle.state);
    const rows = again.pages.flatMap((p) => p.batch.activities ?? []) as MappedActivity[];
    // Only that contact, read since its last read minus the overlap.
    expect(new Set(rows.map((a) => a.person!.identities[0]!.vendorId))).toEqual(new Set([contact.id]));
    expect(rows.map((a) => a.id)).toEqual(
      expect.arrayContaining([`leadlex:${email.id}`, `leadlex:${email.id}:opened`, `leadlex:${email.id}:replied`]),
    );
    const overlapFrom = Date.parse(first.state!.c[contact.id]!.f!) - OVERLAP;
    for (const a of activitiesOf(again.pages)) expect(Date.parse(a.occurredAt)).toBeGreaterThanOrEqual(overlapFrom);
  });

  it("page drift during the run loses nothing created before it; the next run picks up the rest", async () => {
    const s = await setup({ faults: { driftPerRequest: 2 } });
    const before = {
      activities: dataActivityIds(s),
      tasks: s.sim.data.tasks.map((t) => `leadlex:${t.id}`),
      contacts: s.sim.data.contacts.map((c) => c.id),
    };
    const contactsRun = await run(s.session, "contacts");
    const contacts = peopleOf(contactsRun.pages).map((p) => p.identities[0]!.vendorId);
    for (const id of before.contacts) expect(contacts).toContain(id);
    const tasks = tasksOf((await run(s.session, "tasks")).pages).map((t) => t.id);
    for (const id of before.tasks) expect(tasks).toContain(id);
    expect(new Set(tasks).size).toBe(tasks.length);

    const first = await run<ActivitiesState>(s.session, "activities");
    const got = new Set(activitiesOf(first.pages).map((a) => a.id));
    for (const id of before.activities) expect(got.has(id), id).toBe(true);
    expect(s.sim.data.activities.length).toBeGreaterThan(before.activities.length);

    // Items created during the first run come with the next one (their contacts moved).
    s.sim.faults.clear();
    const next = s.open();
    await run(next, "contacts", contactsRun.state);
    const second = await run<ActivitiesState>(next, "activities", first.state);
    const all = new Set([...got, ...activitiesOf(second.pages).map((a) => a.id)]);
    expect([...all].sort()).toEqual(dataActivityIds(s));
  });
});

describe("transport faults are survived", () => {
  const cases: [string, LeadlexSimulatorOptions["faults"]][] = [
    ["a 429 storm (Retry-After honoured)", { status429: 6, retryAfterSeconds: 0 }],
    ["a 5xx burst", { status5xx: 3, errorStatus: 502 }],
    ["hangs (client timeout)", { hang: 2 }],
    ["malformed JSON", { malformedJson: 2 }],
    ["truncated bodies", { truncate: 2 }],
  ];
  for (const [label, faults] of cases) {
    it(label, async () => {
      const s = await setup({ faults });
      const got = activitiesOf((await run(s.session, "activities")).pages);
      expect(ids(got)).toEqual(dataActivityIds(s));
      expect(s.sim.faults.current).toMatchObject(
        Object.fromEntries(
          Object.entries(faults!)
            .filter(([k]) => k !== "retryAfterSeconds" && k !== "errorStatus")
            .map(([k]) => [k, 0]),
        ),
      );
    });
  }
});

describe("persistent failures end in typed errors without the key", () => {
  it("5xx every time → VendorUnavailableError", async () => {
    const s = await setup({ faults: { status5xx: 1000 } });
    const err = await rejectionOf(run(s.session, "tasks"));
    expect(err).toBeInstanceOf(VendorUnavailableError);
    expect(err.message).not.toContain(s.sim.apiKey);
  });

  it("hanging every time → VendorUnavailableError (timed out)", async () => {
    const s = await setup({ faults: { hang: 1000 } }, { maxRetries: 2 });
    const err = await rejectionOf(run(s.session, "campaigns"));
    expect(err).toBeInstanceOf(VendorUnavailableError);
    expect(err.message).toMatch(/timed out/);
    expect(err.message).not.toContain(s.sim.apiKey);
  });

  it("a revoked key mid-sync → VendorAuthError", async () => {
    const s = await setup({ faults: { revokeKey: true } });
    const err = await rejectionOf(run(s.session, "activities"));
    expect(err).toBeInstanceOf(VendorAuthError);
    expect(err.message).not.toContain(s.sim.apiKey);
  });

  it("a key without activities:read fails the activities stream with VendorAuthError (403)", async () => {
    const s = await setup({ scopes: ["contacts:read"] });
    const err = await rejectionOf(run(s.session, "activities"));
    expect(err).toBeInstanceOf(VendorAuthError);
    expect((err as VendorAuthError).status).toBe(403);
  });
});

describe("odd rows", () => {
  it("are skipped, counted and reported, and the sync goes on", async () => {
    const s = await setup();
    const victim = s.sim.data.activities[0]!;
    const odd = victim as Partial<LeadlexActivity>;
    delete odd.created_date;
    delete odd.created_at;
    const task = s.sim.data.tasks[0]! as unknown as Record<string, unknown>;
    task.id = null;
    const garbled = s.sim.data.tasks[1]! as unknown as Record<string, unknown>;
    garbled.title = { en: "not a string" };
    const acts = await run(s.session, "activities");
    expect(acts.pages.reduce((n, p) => n + (p.skipped ?? 0), 0)).toBe(1);
    expect(activitiesOf(acts.pages).length).toBe(s.sim.data.activities.length - 1);
    const tasks = await run(s.session, "tasks");
    expect(tasks.pages.reduce((n, p) => n + (p.skipped ?? 0), 0)).toBe(2);
    // An unreadable task still exists: the reconciliation must not close it.
    expect(tasks.pages.at(-1)!.reconcileOpenTasks!.seenTaskIds).toContain(`leadlex:${garbled.id as string}`);
    expect(tasksOf(tasks.pages).map((t) => t.id)).not.toContain(`leadlex:${garbled.id as string}`);
    expect(s.warnings.map((w) => w.fields?.id)).toContain(victim.id);
    expect(JSON.stringify(s.warnings)).not.toContain(s.sim.apiKey);
  });
});
