import { describe, expect, it } from "vitest";
import { withServer } from "@/tests/helpers/with-server";
import type { ConnectorContext } from "@/lib/vendors/types";
import {
  activityIds,
  ctxFor,
  drain,
  FAST,
  openTaskIds,
  simActivityIds,
  sorted,
  startHarness,
  streamsOf,
} from "./connector-harness";
import { createLemlistConnector, type LemlistConnectorOptions } from "./index";

// What the connector reads less often, each on a simulator of its own: campaign stats every
// 6 hours, the open-task listing on scheduled syncs, the team id once; and a full sync at
// the documented pace.

describe("lemlist campaign stats at most every 6 hours", () => {
  it("a listing within 6 hours of the last stats reads none; after 6 hours it reads them again", async () => {
    await withServer(startHarness(), async (h) => {
      const first = await drain(streamsOf(h).campaigns, null);
      const state = first.at(-1)!.state;
      const requests = () => h.statuses.length;

      h.clock.t += 3 * 3_600_000;
      const before = requests();
      const again = await drain(streamsOf(h).campaigns, state);
      const listed = again.flatMap((p) => p.batch.campaigns ?? []);
      expect(listed.length).toBe(h.sim.data.campaigns.length);
      // Names and statuses still come; the stored stats stay (the writer keeps them).
      expect(listed.every((c) => c.vendorReported === null)).toBe(true);
      expect(requests() - before, "the listing alone").toBeLessThanOrEqual(Math.ceil(listed.length / 100) + 1);
      expect(again.at(-1)!.state).toMatchObject({ figuresReadAt: (state as { figuresReadAt: object }).figuresReadAt });

      h.clock.t += 3 * 3_600_000;
      const later = await drain(streamsOf(h).campaigns, again.at(-1)!.state);
      const sent = later.flatMap((p) => p.batch.campaigns ?? []).filter((c) => c.vendorReported);
      expect(sent.length).toBe(h.sim.data.campaigns.length);
    });
  });
});

describe("lemlist's open-task listing on scheduled syncs", () => {
  it("a scheduled sync within 30 minutes of the last whole listing reads no task page; later, or when a person asks, it lists", async () => {
    const h = await startHarness();
    try {
      const requests = () => h.statuses.length;
      const scheduled = (extra: Partial<ConnectorContext> = {}) =>
        streamsOf(h, FAST, ctxFor(h, { scheduled: true, ...extra })).tasks;
      const first = await drain(streamsOf(h).tasks, null);
      const listed = first.at(-1)!;
      expect(listed.reconcileOpenTasks?.seenTaskIds.length).toBe(openTaskIds(h.sim).length);

      h.clock.t += 20 * 60_000;
      let before = requests();
      expect(await drain(scheduled(), listed.state)).toEqual([]);
      expect(requests() - before, "no task page read").toBe(0);

      // A person's sync (not scheduled) lists at once, and reconciles.
      before = requests();
      const asked = await drain(streamsOf(h).tasks, listed.state);
      expect(requests() - before).toBeGreaterThan(0);
      expect(asked.at(-1)!.reconcileOpenTasks?.seenTaskIds.length).toBe(openTaskIds(h.sim).length);

      // Half an hour after the last whole listing, a scheduled sync lists again.
      h.clock.t += 31 * 60_000;
      const later = await drain(scheduled(), asked.at(-1)!.state);
      expect(later.at(-1)!.reconcileOpenTasks).toBeDefined();
      // A stored listing time in the future (a clock moved back) is not trusted.
      const future = { listedAt: new Date(h.clock.t + 3_600_000).toISOString() };
      expect((await drain(scheduled(), future)).at(-1)!.reconcileOpenTasks).toBeDefined();
    } finally {
      await h.server.close();
    }
  });
});

describe("lemlist's team id is learnt once", () => {
  it("a session reports the team id it read; one opened with it stored reads no GET /team", async () => {
    const h = await startHarness();
    try {
      const reported: Record<string, unknown>[] = [];
      let before = h.statuses.length;
      const first = await drain(streamsOf(h, FAST, ctxFor(h, { onMeta: (m) => reported.push(m) })).campaigns, null);
      const withTeamRead = h.statuses.length - before;
      expect(reported).toContainEqual({ teamId: h.sim.data.team._id });

      before = h.statuses.length;
      const stored = ctxFor(h, { meta: { teamId: h.sim.data.team._id }, onMeta: (m) => reported.push(m) });
      const again = await drain(streamsOf(h, FAST, stored).campaigns, null);
      expect(h.statuses.length - before).toBe(withTeamRead - 1);
      // Deep links still carry the team.
      const url = again.flatMap((p) => p.batch.campaigns ?? [])[0]!.url;
      expect(url).toBe(first.flatMap((p) => p.batch.campaigns ?? [])[0]!.url);
      expect(url).toContain(`/teams/${h.sim.data.team._id}/`);
    } finally {
      await h.server.close();
    }
  });
});

describe("lemlist connector at the documented pace (20 requests / 2 s)", () => {
  it("a full sync against the documented limit provokes no 429", async () => {
    await withServer(startHarness({ rateLimit: { limit: 20, windowMs: 2000 } }), async (h) => {
      // Small windows force many requests, so the run crosses several 2-second windows.
      const options: LemlistConnectorOptions = {
        initialWindowMs: 2.5 * 86_400_000,
        maxWindowMs: 2.5 * 86_400_000,
      };
      let waited = 0;
      const session = createLemlistConnector(options).open({ ...ctxFor(h), onRateLimitWait: (ms) => (waited += ms) });
      const [, activities] = session.streams();
      const pages = await drain(activities!, null);
      expect(sorted(activityIds(pages))).toEqual(sorted(simActivityIds(h.sim)));
      expect(h.statuses.length).toBeGreaterThan(45);
      expect(h.statuses.filter((x) => x === 429)).toEqual([]);
      expect(waited).toBeGreaterThan(0);
    });
  }, 60_000);
});
