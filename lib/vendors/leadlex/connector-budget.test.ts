import { createdOf } from "@/lib/sandbox/leadlex/data";
import { BASE_PATH, createLeadlexSimulator, type LeadlexSimulatorOptions } from "@/lib/sandbox/leadlex/simulator";
import { serveHandler } from "@/lib/sandbox/shared/serve";
import { createWorld } from "@/lib/sandbox/shared/world";
import { VendorQuotaError } from "@/lib/vendors/shared/errors";
import type { ConnectorSession } from "@/lib/vendors/types";
import { virtualClock, type VirtualClock } from "@/tests/helpers/virtual-clock";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "@/tests/helpers/rejection";
import { createLeadlexConnector, type ActivitiesState, type LeadlexConnectorOptions } from ".";
import {
  closeServersAfterEach,
  WORLD_NOW,
  running,
  setup,
  run,
  activitiesOf,
  quotaMetas,
  dataActivityIds,
} from "./connector-harness";

// The connector against the Leadlex simulator over real HTTP: how a sync spends the daily quota
// and reads a long history over several runs.

closeServersAfterEach();

describe("the daily budget — VENDORS.md: `budget the daily quota … keep a reserve for interactive refresh now`", () => {
  const DAY_START = Date.parse("2026-11-24T00:00:00Z");

  /** A Starter account (10/min, 100/day) on a simulated clock: pacing costs no real time. */
  async function starter(simOpts: LeadlexSimulatorOptions = {}, connOpts: LeadlexConnectorOptions = {}) {
    const vc: VirtualClock = virtualClock(DAY_START + 60_000);
    const s = await setup(
      { plan: "starter", perMinute: undefined, perDay: undefined, now: vc.now, ...simOpts },
      {
        clock: vc,
        ...connOpts,
      },
    );
    return { ...s, vc };
  }
  const all = async (session: ConnectorSession, states: Record<string, unknown> = {}) => {
    const out: Record<string, unknown> = {};
    for (const st of session.streams()) out[st.name] = (await run(session, st.name, states[st.name] ?? null)).state;
    return out;
  };

  it("a run spends at most its share (front-loaded, two minutes of pace) and keeps the reserve", async () => {
    const s = await starter();
    await all(s.session);
    expect(s.sim.requests()).toBeLessThanOrEqual(20);
    expect(quotaMetas(s.metas).at(-1)!.remaining).toBeGreaterThanOrEqual(30);
    // The run reports when the next may start: a slot later on this plan (2 h 11 min).
    const end = s.metas.filter((m) => m.nextSyncAt).at(-1)!;
    expect(Date.parse(end.nextSyncAt as string)).toBe(s.vc.now() + 131 * 60_000);
    expect(end.pausedUntil).toBeNull();
  });

  it("a request that got no answer counts against the share: Leadlex may have counted it", async () => {
    const s = await starter({ faults: { hang: 1 } });
    await all(s.session);
    // The hung request reached Leadlex but is not among the answered ones `requests()` counts:
    // with it, the run still stops at its share of 20.
    expect(s.sim.requests() + 1).toBeLessThanOrEqual(20);
    expect(quotaMetas(s.metas).at(-1)!.remaining).toBeGreaterThanOrEqual(30);
  });

  it("a daily-quota 429 pauses until the reset with the plain reason, and is never retried", async () => {
    const s = await starter();
    // Something else spent the day (another tool on the same key).
    for (let i = 0; i < 100; i++) {
      if (i % 10 === 0) s.vc.advance(61_000);
      await fetch(`${s.server.url}${BASE_PATH}/v1/campaigns`, { headers: { authorization: `Bearer ${s.sim.apiKey}` } });
    }
    const before = s.sim.requests();
    const err = await rejectionOf(run(s.session, "contacts"));
    expect(err).toBeInstanceOf(VendorQuotaError);
    expect(err.message).toBe("Leadlex daily quota used up; resumes at 00:00 UTC");
    expect((err as VendorQuotaError).resetAt?.toISOString()).toBe("2026-11-25T00:00:00.000Z");
    expect(s.sim.requests() - before).toBe(1);
    expect(s.metas).toContainEqual(
      expect.objectContaining({ pausedUntil: "2026-11-25T00:00:00.000Z", nextSyncAt: "2026-11-25T00:01:00.000Z" }),
    );
    // Until the reset nothing is asked: not by this session, not by one that reads the stored pause.
    expect(await rejectionOf(run(s.session, "tasks"))).toBeInstanceOf(VendorQuotaError);
    const later = s.open({ meta: { pausedUntil: "2026-11-25T00:00:00.000Z" } });
    expect(
      await rejectionOf(later.refreshPerson({ email: s.sim.data.contacts[0]!.email, identities: [] })),
    ).toBeInstanceOf(VendorQuotaError);
    expect(s.sim.requests() - before).toBe(1);
    // After midnight the connection works again.
    s.vc.set(Date.parse("2026-11-25T00:02:00Z"));
    await expect(run(s.open({ meta: { pausedUntil: "2026-11-25T00:00:00.000Z" } }), "tasks")).resolves.toBeTruthy();
  });

  it("refresh now uses the reserve once scheduled syncs have used their share", async () => {
    const s = await starter();
    let states: Record<string, unknown> = {};
    for (let i = 0; i < 12; i++) {
      states = await all(s.open({ meta: { quota: quotaMetas(s.metas).at(-1) } }), states);
      s.vc.advance(131 * 60_000);
      if (s.vc.now() >= Date.parse("2026-11-24T23:00:00Z")) break;
    }
    s.vc.set(Date.parse("2026-11-24T23:00:00Z"));
    const left = quotaMetas(s.metas).at(-1)!.remaining;
    expect(left).toBeGreaterThanOrEqual(30);
    const contact = s.sim.data.contacts[1]!;
    const batch = await s
      .open({ meta: { quota: quotaMetas(s.metas).at(-1) } })
      .refreshPerson({ email: contact.email, identities: [{ vendorId: contact.id, kind: "contact" }] });
    expect(batch.people?.[0]?.identities[0]?.vendorId).toBe(contact.id);
    expect((batch.activities ?? []).length).toBeGreaterThan(0);
  });

  it("when the headers say nothing, the plan setting stands in and Touchline counts the day itself", async () => {
    const s = await starter({ rateLimitHeaders: "none" });
    const session = s.open({ meta: { budgetSettings: { plan: "starter" } } });
    await run(session, "contacts");
    await run(session, "campaigns");
    const q = quotaMetas(s.metas).at(-1)! as { remaining: number; limit: number; source?: string };
    expect(q).toMatchObject({ limit: 100, remaining: 100 - s.sim.requests(), source: "plan" });
  });

  it("history goes back as far as the horizon; moving it back fills the gap without duplicates", async () => {
    const s = await setup();
    const horizon = new Date(WORLD_NOW.getTime() - 30 * 86_400_000).toISOString();
    await run(s.session, "contacts");
    const recent = await run<ActivitiesState>(s.open({ history: { from: horizon } }), "activities");
    const got = activitiesOf(recent.pages);
    expect(got.length).toBeGreaterThan(0);
    for (const a of got) expect(Date.parse(a.occurredAt)).toBeGreaterThanOrEqual(Date.parse(horizon));
    expect(recent.pages.at(-1)!.progress).toMatchObject({ historyComplete: true, historyBackTo: horizon });
    const older = s.sim.data.activities.filter((a) => Date.parse(createdOf(a)) < Date.parse(horizon));
    expect(older.length).toBeGreaterThan(0);

    const everything = await run<ActivitiesState>(s.open({ history: { from: null } }), "activities", recent.state);
    const more = activitiesOf(everything.pages);
    const seen = [...got, ...more].map((a) => a.id);
    expect([...new Set(seen)].sort()).toEqual(dataActivityIds(s));
    // Only the boundary instants are read twice (to_date is inclusive).
    expect(seen.length - new Set(seen).size).toBeLessThan(s.sim.data.contacts.length);
  });

  it("a busy account's history is read over several runs, most recently active contacts first, and resumes", async () => {
    const busy = createWorld({ people: 40, activities: 60_000, campaigns: 3, tasks: 10, now: WORLD_NOW });
    const vc = virtualClock(Date.parse("2026-11-24T13:00:00Z"));
    const sim = createLeadlexSimulator(busy, { plan: "starter", now: vc.now });
    const server = await serveHandler(sim.handler);
    running.push(server);
    const connector = createLeadlexConnector({ clock: vc, timeoutMs: 2000 });
    const metas: Record<string, unknown>[] = [];
    let states: Record<string, unknown> = {};
    const seen = new Set<string>();
    let runs = 0;
    let firstRunContacts: string[] = [];
    while (runs < 60) {
      const session = connector.open({
        baseUrl: server.url + BASE_PATH,
        apiKey: sim.apiKey,
        onMeta: (m) => metas.push(m),
        meta: { quota: quotaMetas(metas).at(-1) },
      });
      const out: Record<string, unknown> = {};
      for (const st of session.streams()) {
        const r = await run(session, st.name, states[st.name] ?? null);
        out[st.name] = r.state;
        for (const a of activitiesOf(r.pages)) seen.add(a.id);
        if (runs === 0 && st.name === "activities")
          firstRunContacts = [...new Set(activitiesOf(r.pages).map((a) => a.person!.identities[0]!.vendorId))];
      }
      states = out;
      runs++;
      // Never below the reserve.
      expect(quotaMetas(metas).at(-1)!.remaining).toBeGreaterThanOrEqual(30);
      const h = metas.filter((m) => m.leadlex).at(-1)!.leadlex as { historyComplete: boolean };
      if (h.historyComplete) break;
      vc.set(Date.parse(metas.filter((m) => m.nextSyncAt).at(-1)!.nextSyncAt as string));
    }
    expect(runs).toBeGreaterThan(2);
    expect([...seen].sort()).toEqual(sim.data.activities.map((a) => `leadlex:${a.id}`).sort());
    // The first run began with the most recently updated contacts.
    const byUpdated = [...sim.data.contacts].sort(
      (a, b) => Date.parse(b.updated_date ?? b.updated_at!) - Date.parse(a.updated_date ?? a.updated_at!),
    );
    expect(firstRunContacts).toContain(byUpdated[0]!.id);
  });
});
