import { describe, expect, it } from "vitest";
import { withServer } from "@/tests/helpers/with-server";
import type { Faults } from "@/lib/sandbox/shared/faults";
import { VendorAuthError, VendorUnavailableError } from "@/lib/vendors/shared/errors";
import {
  activityIds,
  ctxFor,
  drain,
  expectKeyless,
  FAST,
  h,
  KEY,
  openTaskIds,
  shareHarness,
  simActivityIds,
  sorted,
  startHarness,
  streamsOf,
} from "./connector-harness";
import { lemlistActivityId } from "./calls";
import { createLemlistConnector, type ActivitiesState, type LemlistConnectorOptions } from "./index";
import type { LemlistActivityRow } from "./schemas";

// The connector's syncs against one simulator, in order: the key check, a full sync, a second
// run from its state, a task done at lemlist, what it survives and what it gives up on (with
// no key in the error), an unreadable row, refreshPerson. Page drift and a bare-array
// campaigns listing each get a simulator of their own.

describe("lemlist connector", () => {
  shareHarness();

  it("verifyKey: the key is accepted; a wrong key → VendorAuthError without the key in the message", async () => {
    await createLemlistConnector(FAST).open(ctxFor(h)).verifyKey();
    const wrong = "ffffffffffffffffffffffffffffffff";
    const err = await expectKeyless(
      createLemlistConnector(FAST)
        .open({ ...ctxFor(h), apiKey: wrong })
        .verifyKey(),
      VendorAuthError,
    );
    expect(err.message).not.toContain(wrong);
  });

  it("full sync: campaigns with stats, every activity once, every open task, and the reconciliation list", async () => {
    const s = streamsOf(h);
    const runStart = h.clock.t;

    const cPages = await drain(s.campaigns, null);
    const campaigns = cPages.flatMap((p) => p.batch.campaigns ?? []);
    expect(sorted(campaigns.map((c) => c.vendorId))).toEqual(sorted(h.sim.data.campaigns.map((c) => c._id)));
    const first = campaigns.find((c) => c.vendorId === h.sim.data.campaigns[0]!._id)!;
    const sent = h.sim.data.byCampaign.get(first.vendorId)!.filter((a) => a.type === "emailsSent").length;
    expect(first.vendorReported!.sent).toBe(sent);
    expect(first.vendorReported!.replyRate).toBeCloseTo(
      first.vendorReported!.replied! / first.vendorReported!.opened!,
      3,
    );
    expect(first.url).toBe(`https://app.lemlist.com/teams/${h.sim.data.team._id}/campaigns/${first.vendorId}`);
    expect(cPages.at(-1)!.state).toEqual({
      listedAt: new Date(runStart).toISOString(),
      figuresReadAt: Object.fromEntries(h.sim.data.campaigns.map((c) => [c._id, new Date(runStart).toISOString()])),
    });

    const aPages = await drain(s.activities, null);
    const ids = activityIds(aPages);
    expect(new Set(ids).size).toBe(ids.length);
    expect(sorted(ids)).toEqual(sorted(simActivityIds(h.sim)));
    // Only the last page of a window moves the mark; it never goes back and ends at the run's start.
    let prev = "";
    for (const p of aPages) {
      const hwm = (p.state as ActivitiesState).hwm ?? "";
      expect(hwm >= prev).toBe(true);
      prev = hwm;
    }
    const end = aPages.at(-1)!.state as ActivitiesState;
    expect(end.hwm).toBe(new Date(runStart).toISOString());
    // Full history: read back until lemlist had nothing older, newest window first.
    expect(end.exhausted).toBe(true);
    expect(aPages.at(-1)!.progress!.historyComplete).toBe(true);
    expect(aPages.at(-1)!.progress!.historyBackTo).toBe(end.oldest);
    const backTos = aPages.map((p) => (p.state as ActivitiesState).backTo!);
    expect([...backTos].sort().reverse()).toEqual(backTos);
    expect(Date.parse(backTos[0]!)).toBeGreaterThan(runStart - 8 * 86_400_000);
    // A full page is never the last of its window: it carries the state of the page before it.
    let fullPages = 0;
    aPages.forEach((p, i) => {
      // Rows read on this page (an Aircall call's rows become one item, so count rows read).
      if (p.progress!.done - (i > 0 ? aPages[i - 1]!.progress!.done : 0) < 100) return;
      fullPages++;
      if (i > 0) expect(p.state).toEqual(aPages[i - 1]!.state);
    });
    expect(fullPages).toBeGreaterThan(0);
    expect(aPages[0]!.progress!.window).toMatch(/^\d{4}-\d{2}-\d{2}.* → \d{4}-\d{2}-\d{2}/);

    const tPages = await drain(s.tasks, null);
    const tasks = tPages.flatMap((p) => p.batch.tasks ?? []);
    expect(sorted(tasks.map((t) => t.id))).toEqual(sorted(openTaskIds(h.sim)));
    expect(tPages.slice(0, -1).every((p) => !p.reconcileOpenTasks)).toBe(true);
    expect(sorted(tPages.at(-1)!.reconcileOpenTasks!.seenTaskIds)).toEqual(sorted(openTaskIds(h.sim)));
    // DESIGN.md: a lemlist day task (midnight UTC) stays a calendar day.
    const day = tasks.find((t) => (t.raw as { dueDate?: string }).dueDate?.endsWith("T00:00:00.000Z"))!;
    expect(day.dueIsDateOnly).toBe(true);
    expect(day.dueDate).toBe((day.raw as { dueDate: string }).dueDate.slice(0, 10));
    expect(s.ctx.warnings).toEqual([]);
    expect(h.statuses.filter((x) => x === 429)).toEqual([]);
  });

  it("a second run from the stored state only re-reads the overlap, and adds nothing new", async () => {
    const overlapMs = 10 * 86_400_000;
    const s = streamsOf(h, { ...FAST, overlapMs });
    const firstPages = await drain(s.activities, null);
    const firstIds = new Set(activityIds(firstPages));
    const state = firstPages.at(-1)!.state as ActivitiesState;
    h.clock.t += 60_000;
    const again = await drain(streamsOf(h, { ...FAST, overlapMs }).activities, state);
    const againActs = again.flatMap((p) => p.batch.activities ?? []);
    expect(againActs.length).toBeGreaterThan(0);
    for (const a of againActs) {
      expect(firstIds.has(a.id)).toBe(true);
      expect(Date.parse(a.occurredAt)).toBeGreaterThanOrEqual(Date.parse(state.hwm!) - overlapMs);
    }
    expect(again.at(-1)!.state.hwm).toBe(new Date(h.clock.t).toISOString());
    // The first run read the whole history: the second only reads what is new.
    expect(again.at(-1)!.progress!.historyComplete).toBe(true);
  });

  it("page drift during a run loses nothing created before it; the next run picks up the new items", async () => {
    await withServer(startHarness({ faults: { driftPerRequest: 2, pathIncludes: "/activities" } }), async (d) => {
      const s = streamsOf(d);
      const before = new Set(simActivityIds(d.sim));
      const pages = await drain(s.activities, null);
      const ids = activityIds(pages);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of before) expect(ids).toContain(id);
      const added = d.sim.data.activities.length - before.size;
      expect(added).toBeGreaterThan(10);
      d.sim.faults.clear();
      d.clock.t += 60_000;
      const next = await drain(streamsOf(d).activities, pages.at(-1)!.state as ActivitiesState);
      expect(sorted([...new Set([...ids, ...activityIds(next)])])).toEqual(sorted(simActivityIds(d.sim)));
    });
  });

  it("a task done at lemlist disappears from the listing and from the reconciliation ids", async () => {
    const victim = openTaskIds(h.sim)[0]!;
    h.sim.data.completeTask(victim.slice("lemlist:".length));
    const pages = await drain(streamsOf(h).tasks, null);
    expect(pages.flatMap((p) => p.batch.tasks ?? []).map((t) => t.id)).not.toContain(victim);
    expect(pages.at(-1)!.reconcileOpenTasks!.seenTaskIds).not.toContain(victim);
    expect(sorted(pages.at(-1)!.reconcileOpenTasks!.seenTaskIds)).toEqual(sorted(openTaskIds(h.sim)));
  });

  it.each<[string, Faults]>([
    ["a 429 storm", { status429: 6, retryAfterSeconds: 0 }],
    ["a 5xx burst", { status5xx: 3, errorStatus: 502 }],
    ["malformed JSON", { malformedJson: 3 }],
    ["truncated bodies", { truncate: 3 }],
  ])("survives %s (retried) and still gets every item", async (_name, faults) => {
    h.sim.faults.set(faults);
    const ids = activityIds(await drain(streamsOf(h).activities, null));
    expect(sorted(ids)).toEqual(sorted(simActivityIds(h.sim)));
    expect(h.sim.faults.current).not.toMatchObject(faults);
  });

  it("survives a hang (request timeout, then retry)", async () => {
    h.sim.faults.set({ hang: 1 });
    const ids = activityIds(await drain(streamsOf(h, { ...FAST, timeoutMs: 300 }).activities, null));
    expect(sorted(ids)).toEqual(sorted(simActivityIds(h.sim)));
    expect(h.sim.faults.current.hang).toBe(0);
  });

  it.each<[string, Faults, LemlistConnectorOptions]>([
    ["persistent 5xx", { status5xx: 1000 }, FAST],
    ["a persistent 429", { status429: 1000, retryAfterSeconds: 0 }, FAST],
    ["persistent hangs", { hang: 1000 }, { ...FAST, timeoutMs: 150, maxRetries: 2 }],
    ["persistent garbage", { malformedJson: 1000 }, FAST],
  ])("%s → a typed VendorUnavailableError without the key", async (_name, faults, options) => {
    h.sim.faults.set(faults);
    await expectKeyless(drain(streamsOf(h, options).activities, null), VendorUnavailableError);
  });

  it("a key revoked mid-sync → VendorAuthError", async () => {
    const s = streamsOf(h);
    const it = s.activities.pages(null)[Symbol.asyncIterator]();
    await it.next();
    h.sim.faults.set({ revokeKey: true });
    await expectKeyless(
      (async () => {
        for (;;) if ((await it.next()).done) return;
      })(),
      VendorAuthError,
    );
  });

  it("an unreadable row is skipped, counted and logged with its id and issue paths — the rest syncs", async () => {
    const victim = h.sim.data.activities[100]!;
    const type = victim.type;
    (victim as { type: unknown }).type = 42;
    try {
      const s = streamsOf(h);
      const pages = await drain(s.activities, null);
      expect(pages.reduce((n, p) => n + (p.skipped ?? 0), 0)).toBe(1);
      const ids = activityIds(pages);
      expect(ids).not.toContain(`lemlist:${victim._id}`);
      expect(ids).toHaveLength(simActivityIds(h.sim).length - 1);
      expect(s.ctx.warnings).toHaveLength(1);
      expect(s.ctx.warnings[0]!.fields).toEqual({ id: victim._id, issues: ["type"] });
      expect(JSON.stringify(s.ctx.warnings)).not.toContain(KEY);
    } finally {
      victim.type = type;
    }
  });

  it("refreshPerson: every lead of the email (one per campaign), their activities and open tasks", async () => {
    const entries = [...h.sim.data.leadsByEmail.values()].find(
      (l) => l.length > 1 && h.sim.data.tasks.some((t) => l.some((e) => e.lead._id === t.leadId)),
    )!;
    const email = entries[0]!.lead.variables.email;
    const session = createLemlistConnector(FAST).open(ctxFor(h));
    const batch = await session.refreshPerson({ email: ` ${email.toUpperCase()} `, identities: [] });
    const leadIds = entries.map((e) => e.lead._id);
    const expected = [
      ...new Set(
        h.sim.data.activities
          .filter((a) => a.leadId && leadIds.includes(a.leadId))
          .map((a) => lemlistActivityId(a as unknown as LemlistActivityRow)),
      ),
    ];
    expect(sorted(batch.activities!.map((a) => a.id))).toEqual(sorted(expected));
    const expectedTasks = h.sim.data.tasks.filter(
      (t) =>
        !h.sim.data.doneTaskIds.has(t._id) &&
        t.leadId &&
        h.sim.data.leadById.get(t.leadId)!.lead.variables.email === email,
    );
    expect(sorted(batch.tasks!.map((t) => t.id))).toEqual(sorted(expectedTasks.map((t) => `lemlist:${t._id}`)));
    expect(batch.people).toHaveLength(entries.length);
    expect(
      batch.people!.every((p) =>
        p.identities.some((i) => i.kind === "contact" && i.vendorId === entries[0]!.lead.contactId),
      ),
    ).toBe(true);

    // By lead identity alone (no email), and an unknown email (lemlist's 404) gives nothing.
    const byLead = await session.refreshPerson({ email: null, identities: [{ vendorId: leadIds[0]!, kind: "lead" }] });
    expect(byLead.activities!.length).toBe(
      new Set(h.sim.data.byLead.get(leadIds[0]!)!.map((a) => lemlistActivityId(a as unknown as LemlistActivityRow)))
        .size,
    );
    expect(await session.refreshPerson({ email: "nobody@nowhere.example", identities: [] })).toEqual({
      people: [],
      activities: [],
      tasks: [],
    });
  });

  it("the campaigns listing is also read when it comes as a bare array (shape unverified)", async () => {
    await withServer(startHarness({ campaignsAsArray: true }), async (a) => {
      const campaigns = (await drain(streamsOf(a).campaigns, null)).flatMap((p) => p.batch.campaigns ?? []);
      expect(campaigns).toHaveLength(a.sim.data.campaigns.length);
    });
  });
});
