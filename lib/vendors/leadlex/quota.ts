import "server-only";
import { leadlexMeta } from "./meta";
/**
 * Leadlex's daily quota (VENDORS.md "Leadlex"): per plan (Starter 10/min and 100/day, Pro
 * 50/min and 1 000/day), reset at midnight UTC, stated by `X-RateLimit-Limit`,
 * `X-RateLimit-Remaining` and `X-RateLimit-Reset` (epoch). Which budget the trio describes
 * is not documented: Touchline reads it as the day's when its reset is a midnight UTC or
 * more than a few minutes away, and as the minute's otherwise — then the day comes from the
 * connection's plan setting and Touchline's own count (docs/vendor-assumptions.md).
 */

export const DAY_MS = 86_400_000;

/** Requests a day per plan, as the meta lists them for the budget card: written once, there. */
function perDayOf(id: string): number {
  const plan = leadlexMeta.dailyQuota.plans.find((p) => p.id === id);
  if (!plan) throw new Error(`Leadlex meta lists no plan "${id}"`);
  return plan.perDay;
}

/** The per-minute limits are the client's business (the browser never needs them); the day's come from the meta. */
export const PLANS = {
  starter: { perMinute: 10, perDay: perDayOf("starter") },
  pro: { perMinute: 50, perDay: perDayOf("pro") },
} as const;
export type Plan = keyof typeof PLANS;
/** The plan setting on a connection: "auto" reads it from the headers (Starter until they say otherwise). */
export type PlanSetting = Plan | "auto";

/** Where the day's numbers come from. */
export type QuotaSource = "headers" | "plan";

export interface Quota {
  /** The day's request limit. */
  limit: number;
  /** Requests left today. */
  remaining: number;
  /** Epoch ms of the next reset (midnight UTC). */
  resetAt: number;
  source: QuotaSource;
}

export function nextMidnightUtc(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
}

/** The plan a daily limit belongs to, or null for a limit no documented plan has. */
export function planOfLimit(limit: number): Plan | null {
  for (const [name, p] of Object.entries(PLANS)) if (p.perDay === limit) return name as Plan;
  return null;
}

/** The per-minute pace for a daily limit: the plan's, or the Pro ratio (1/20 of the day) for an unknown one. */
export function perMinuteFor(limit: number): number {
  const plan = planOfLimit(limit);
  if (plan) return PLANS[plan].perMinute;
  if (limit <= PLANS.starter.perDay) return PLANS.starter.perMinute;
  return Math.max(PLANS.pro.perMinute, Math.floor(limit / 20));
}

export interface RateHeaders {
  /** "daily": the trio describes the day; "minute": a short window; "none": nothing usable. */
  kind: "daily" | "minute" | "none";
  limit: number | null;
  remaining: number | null;
  resetAt: number | null;
}

const num = (h: Headers, name: string): number | null => {
  const v = h.get(name);
  const n = v === null || v.trim() === "" ? NaN : Number(v);
  return Number.isFinite(n) ? n : null;
};

/** A reset further away than this is not a minute window. */
const SHORT_WINDOW_MS = 5 * 60_000;

export function readRateHeaders(h: Headers, now: number): RateHeaders {
  const limit = num(h, "x-ratelimit-limit");
  const remaining = num(h, "x-ratelimit-remaining");
  const reset = num(h, "x-ratelimit-reset");
  if (limit === null || remaining === null) return { kind: "none", limit: null, remaining: null, resetAt: null };
  // Epoch seconds as documented; a small number is read as seconds from now, a huge one as ms.
  const resetAt = reset === null ? null : reset > 1e12 ? reset : reset > 1e9 ? reset * 1000 : now + reset * 1000;
  const daily =
    resetAt === null
      ? limit > 60
      : resetAt % DAY_MS === 0 || resetAt - now > SHORT_WINDOW_MS || planOfLimit(limit) !== null;
  return { kind: daily ? "daily" : "minute", limit, remaining, resetAt };
}

/** "00:00 UTC" — the time of day a reset falls on. */
export function utcTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 16)} UTC`;
}

/** The words a paused connection shows. */
export const quotaMessage = (resetAt: number) => `Leadlex daily quota used up; resumes at ${utcTime(resetAt)}`;
