import { describe, expect, it } from "vitest";
import { DEFAULT_BUDGET_SETTINGS, nextSyncAt, planDay, reserveOf, RunBudget } from "./budget";
import type { Quota } from "./quota";

// VENDORS.md Leadlex: "A sync must budget the daily quota (…, keep a reserve for interactive
// 'refresh now')" — issue 13: scheduled syncs use at most 70 % of the day by default.

const T = (iso: string) => Date.parse(iso);
const MIDNIGHT = T("2026-11-25T00:00:00Z");
const s = DEFAULT_BUDGET_SETTINGS;
const q = (limit: number, remaining: number): Quota => ({ limit, remaining, resetAt: MIDNIGHT, source: "headers" });

describe("planDay", () => {
  it("Starter (100/day): 30 kept in reserve, a sync about every 2 h 11 min", () => {
    const p = planDay(q(100, 100), T("2026-11-24T00:00:00Z"), 10, s);
    expect(p.reserve).toBe(30);
    expect(p.allowance).toBe(70);
    expect(p.intervalMs).toBe(131 * 60_000);
    expect(p.slotsLeft).toBe(11);
    // Front-loaded (70 − 10 later probes × 3 = 40), capped at two minutes of the 10/min pace.
    expect(p.runCap).toBe(20);
  });

  it("Pro (1 000/day): 300 in reserve, the scheduler's own 15 minutes", () => {
    const p = planDay(q(1000, 1000), T("2026-11-24T12:00:00Z"), 50, s);
    expect(p.reserve).toBe(300);
    expect(p.intervalMs).toBe(15 * 60_000);
    expect(p.slotsLeft).toBe(48);
    expect(p.runCap).toBe(100);
  });

  it("late in the day a run may spend what is left of the scheduled share, never the reserve", () => {
    const p = planDay(q(100, 41), T("2026-11-24T23:00:00Z"), 10, s);
    expect(p.slotsLeft).toBe(1);
    expect(p.available).toBe(11);
    expect(p.runCap).toBe(11);
    expect(planDay(q(100, 30), T("2026-11-24T23:00:00Z"), 10, s).runCap).toBe(0);
    expect(planDay(q(100, 12), T("2026-11-24T23:00:00Z"), 10, s).runCap).toBe(0);
  });

  it("keeps a probe for every later slot once the backfill has taken its share", () => {
    // 10:00, 60 left: 30 available, 7 slots left → 30 − 6 × 3 = 12.
    const p = planDay(q(100, 60), T("2026-11-24T10:00:00Z"), 10, s);
    expect(p.slotsLeft).toBe(7);
    expect(p.runCap).toBe(12);
  });

  it("another share moves the reserve", () => {
    expect(reserveOf(100, 0.5)).toBe(50);
    expect(reserveOf(1000, 0.9)).toBe(100);
    // Out-of-range shares are clamped (10–95 %).
    expect(reserveOf(100, 2)).toBe(5);
  });
});

describe("nextSyncAt", () => {
  it("a slot later, or just after the reset once today's share cannot pay for a probe", () => {
    const now = T("2026-11-24T12:00:00Z");
    const full = planDay(q(100, 60), now, 10, s);
    expect(nextSyncAt(full, q(100, 60), now)).toBe(now + full.intervalMs);
    const spent = planDay(q(100, 32), now, 10, s);
    expect(nextSyncAt(spent, q(100, 32), now)).toBe(MIDNIGHT + 60_000);
    const late = T("2026-11-24T23:30:00Z");
    expect(nextSyncAt(planDay(q(100, 60), late, 10, s), q(100, 60), late)).toBe(MIDNIGHT + 60_000);
  });
});

describe("RunBudget", () => {
  it("stops at the run's cap and never below the reserve, whatever the vendor says", () => {
    const quota = q(100, 45);
    const b = new RunBudget(
      () => quota,
      () => T("2026-11-24T20:00:00Z"),
      () => 10,
      s,
    );
    expect(b.plan().runCap).toBe(12); // 15 available, 2 slots left: 15 − 3
    let n = 0;
    while (b.canSpend()) {
      b.count();
      quota.remaining--;
      n++;
    }
    expect(n).toBe(12);
    expect(quota.remaining).toBe(33);
    // A refresh elsewhere spends 5 more: the run may not follow.
    quota.remaining = 31;
    expect(b.left()).toBe(0);
  });

  it("re-plans once the headers state another daily limit (Pro after a Starter guess)", () => {
    const quota = q(100, 100);
    const b = new RunBudget(
      () => quota,
      () => T("2026-11-24T12:00:00Z"),
      () => (quota.limit === 1000 ? 50 : 10),
      s,
    );
    expect(b.plan().reserve).toBe(30);
    b.count();
    Object.assign(quota, { limit: 1000, remaining: 950 });
    expect(b.plan().reserve).toBe(300);
    expect(b.left()).toBe(99);
  });
});
