import "server-only";
import { DAY_MS, type Quota } from "./quota";

/**
 * The daily budget, planned. Leadlex has no account-wide activity list (VENDORS.md), so
 * every contact's history costs requests out of a small daily quota (Starter 100, Pro
 * 1 000). Scheduled syncs may use a share of the day (default 70 %); the rest is kept for
 * "Refresh now". The day is cut into slots: a sync that finds nothing new costs at most
 * PROBE_COST requests, an average one SLOT_COST, so a small plan gets fewer, further-apart
 * syncs (the interval stretches by itself), and each run may spend what is left of the
 * scheduled share minus a probe for every later slot of the day — the backfill of history
 * goes first, the day's later syncs still find their probes.
 */

export const DEFAULT_SCHEDULED_SHARE = 0.7;
/** What an incremental sync with nothing new costs: contacts, campaigns and tasks, one page each. */
export const PROBE_COST = 3;
/** What an average scheduled sync is planned at: the probe and a few contacts' news. */
export const SLOT_COST = 6;
/** The scheduler's own interval (TOUCHLINE_SYNC_INTERVAL_MINUTES' default): never sync more often. */
export const BASE_INTERVAL_MS = 15 * 60_000;
/** A run spends at most this many minutes of the per-minute pace, so one sync never takes long. */
const RUN_MINUTES = 2;

export interface BudgetSettings {
  /** Share of the daily quota scheduled syncs may use (0–1); the rest is the reserve. */
  scheduledShare: number;
  baseIntervalMs: number;
}

export const DEFAULT_BUDGET_SETTINGS: BudgetSettings = {
  scheduledShare: DEFAULT_SCHEDULED_SHARE,
  baseIntervalMs: BASE_INTERVAL_MS,
};

export interface DayPlan {
  /** Requests kept for "Refresh now": scheduled syncs never go below it. */
  reserve: number;
  /** What scheduled syncs may use in a whole day. */
  allowance: number;
  /** Time between scheduled syncs, stretched for small plans. */
  intervalMs: number;
  /** Scheduled syncs left before the reset, this one included. */
  slotsLeft: number;
  /** Requests scheduled syncs may still use today. */
  available: number;
  /** What a run starting now may spend. */
  runCap: number;
}

export function reserveOf(limit: number, share: number): number {
  // The scheduled part rounds down (and 0.7 × 100 must be 70, not 70.00000000000001).
  return limit - Math.floor(limit * clampShare(share) + 1e-9);
}

export const clampShare = (s: number) =>
  Number.isFinite(s) ? Math.min(0.95, Math.max(0.1, s)) : DEFAULT_SCHEDULED_SHARE;

/** The plan of the day for a run that starts at `now` with `quota` left. */
export function planDay(
  quota: Pick<Quota, "limit" | "remaining" | "resetAt">,
  now: number,
  perMinute: number,
  s: BudgetSettings,
): DayPlan {
  const reserve = reserveOf(quota.limit, s.scheduledShare);
  const allowance = Math.max(0, quota.limit - reserve);
  const maxSlots = Math.max(1, Math.floor(DAY_MS / s.baseIntervalMs));
  const slotsPerDay = Math.min(maxSlots, Math.max(1, Math.floor(allowance / SLOT_COST)));
  // Whole minutes, so the times a user sees are round.
  const intervalMs = Math.max(s.baseIntervalMs, Math.ceil(DAY_MS / slotsPerDay / 60_000) * 60_000);
  const slotsLeft = Math.max(1, Math.ceil(Math.max(0, quota.resetAt - now) / intervalMs));
  const available = Math.max(0, quota.remaining - reserve);
  const frontLoaded = available - (slotsLeft - 1) * PROBE_COST;
  const runCap = Math.min(perMinute * RUN_MINUTES, available, Math.max(frontLoaded, PROBE_COST));
  return { reserve, allowance, intervalMs, slotsLeft, available, runCap: Math.max(0, runCap) };
}

/** When the next scheduled sync should start: a slot later, or after the reset when today's share is spent. */
export function nextSyncAt(plan: DayPlan, quota: Pick<Quota, "resetAt" | "remaining">, now: number): number {
  const afterReset = quota.resetAt + 60_000;
  if (quota.remaining - plan.reserve < PROBE_COST) return afterReset;
  return Math.min(now + plan.intervalMs, afterReset);
}

/**
 * The spending of one scheduled run: what it has spent (every request the vendor counted,
 * retries included) and what it may still spend — never below the reserve, never above
 * the run's cap. The cap is planned from the quota as it stood when the run started, and
 * re-planned whenever the vendor states a different daily limit.
 */
export class RunBudget {
  spent = 0;
  private startedAt: number;
  private cached: { limit: number; plan: DayPlan } | null = null;

  constructor(
    private readonly quota: () => Quota,
    private readonly now: () => number,
    private readonly perMinute: () => number,
    readonly settings: BudgetSettings,
  ) {
    this.startedAt = now();
  }

  plan(): DayPlan {
    const q = this.quota();
    if (!this.cached || this.cached.limit !== q.limit) {
      const atStart = { ...q, remaining: q.remaining + this.spent };
      this.cached = { limit: q.limit, plan: planDay(atStart, this.startedAt, this.perMinute(), this.settings) };
    }
    return this.cached.plan;
  }

  /** Requests this run may still make. */
  left(): number {
    const plan = this.plan();
    return Math.max(0, Math.min(plan.runCap - this.spent, this.quota().remaining - plan.reserve));
  }

  canSpend(n = 1): boolean {
    return this.left() >= n;
  }

  /** Counts one request the vendor answered (called by the client for every answer). */
  count(): void {
    this.spent++;
  }

  /** Is this run the last scheduled one before the reset (where left-over budget re-checks quiet contacts)? */
  lastSlotOfDay(): boolean {
    return this.plan().slotsLeft <= 1;
  }
}

export const DAY = DAY_MS;
