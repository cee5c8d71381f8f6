import { createHarness, type Simulator } from "@/lib/sandbox/shared/harness";
import type { Faults } from "@/lib/sandbox/shared/faults";
import { DailyQuota, SlidingLog } from "@/lib/sandbox/shared/rate-limit";
import type { World } from "@/lib/sandbox/shared/world";
import { generateLeadlexData, type LeadlexData } from "./data";
import { InvalidParameter } from "./params";
import { campaignStats, contactActivities, listCampaigns, listContacts, listTasks, NotFound } from "./routes";

/** Path part of `https://data.leadlex.com/functions/v1/api-gateway` (VENDORS.md "Leadlex"). */
export const BASE_PATH = "/functions/v1/api-gateway";
export const DEMO_API_KEY = "wbk_live_7c1f0e9a4b2d46e8a3f5c6d7e8f9a0b1";

/** VENDORS.md: "Starter 10/min and 100/day; Pro 50/min and 1 000/day", daily reset at midnight UTC. */
export const PLANS = {
  starter: { perMinute: 10, perDay: 100 },
  pro: { perMinute: 50, perDay: 1000 },
} as const;
export type LeadlexPlan = keyof typeof PLANS;

export const SCOPES = ["contacts:read", "activities:read", "tasks:read", "campaigns:read"] as const;
export type LeadlexScope = (typeof SCOPES)[number];

export interface LeadlexSimulatorOptions {
  faults?: Faults;
  apiKey?: string;
  /** Clock for the rate limits and for drift items (tests advance it). */
  now?: () => number;
  /** Default "pro", as the demo account. */
  plan?: LeadlexPlan;
  /** Overrides of the plan's limits, for tests that must not wait a minute. */
  perMinute?: number;
  perDay?: number;
  /** What the key may read; default all. A key without `activities:read` gets 403 on activities. */
  scopes?: readonly LeadlexScope[];
  /** A prebuilt data set (otherwise generated from `world`). */
  data?: LeadlexData;
}

export type LeadlexSimulator = Simulator & {
  data: LeadlexData;
  apiKey: string;
  limits: { perMinute: number; perDay: number };
};

interface LimitHeaders {
  limit: number;
  remaining: number;
  resetSec: number;
  dailyLimit: number;
  dailyRemaining: number;
  dailyResetSec: number;
}

/**
 * The Leadlex API gateway over a generated account. Rate-limit headers (on every answer):
 * - `X-RateLimit-Limit` / `-Remaining` / `-Reset` (epoch seconds) describe the budget that
 *   binds now — the per-minute one, or the daily one once no more requests are left in the
 *   day than in the minute — so `Remaining: 0` always means the next request is refused;
 * - `X-RateLimit-Daily-Limit` / `-Daily-Remaining` / `-Daily-Reset` always describe the day
 *   (reset at the next midnight UTC).
 * The limits count per key, across all endpoints, including requests answered 4xx.
 */
export function createLeadlexSimulator(world: World, opts: LeadlexSimulatorOptions = {}): LeadlexSimulator {
  const data = opts.data ?? generateLeadlexData(world);
  const apiKey = opts.apiKey ?? DEMO_API_KEY;
  const now = opts.now ?? Date.now;
  const plan = PLANS[opts.plan ?? "pro"];
  const perMinute = opts.perMinute ?? plan.perMinute;
  const perDay = opts.perDay ?? plan.perDay;
  const scopes = new Set<string>(opts.scopes ?? SCOPES);
  const minute = new SlidingLog(perMinute, 60_000, now);
  const day = new DailyQuota(perDay, now);
  // DailyQuota cannot be read without spending, so remember what each key had left.
  const dailyLeft = new Map<string, { remaining: number; resetAt: number }>();
  let last: LimitHeaders | null = null;

  const nextMidnight = () => {
    const t = new Date(now());
    return Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() + 1);
  };
  const dailyOf = (key: string) => {
    const d = dailyLeft.get(key);
    return d && d.resetAt > now() ? d : { remaining: perDay, resetAt: nextMidnight() };
  };

  function headersOf(h: LimitHeaders, extra: Record<string, string> = {}): Headers {
    return new Headers({
      "content-type": "application/json; charset=utf-8",
      "x-ratelimit-limit": String(h.limit),
      "x-ratelimit-remaining": String(h.remaining),
      "x-ratelimit-reset": String(h.resetSec),
      "x-ratelimit-daily-limit": String(h.dailyLimit),
      "x-ratelimit-daily-remaining": String(h.dailyRemaining),
      "x-ratelimit-daily-reset": String(h.dailyResetSec),
      ...extra,
    });
  }
  const fallbackHeaders = (): LimitHeaders =>
    last ?? {
      limit: perMinute,
      remaining: perMinute,
      resetSec: Math.ceil((now() + 60_000) / 1000),
      dailyLimit: perDay,
      dailyRemaining: perDay,
      dailyResetSec: Math.ceil(nextMidnight() / 1000),
    };

  const errorBody = (code: string, message: string) => JSON.stringify({ error: { code, message } });
  const answer = (status: number, body: string, h: LimitHeaders, extra?: Record<string, string>) =>
    new Response(body, { status, headers: headersOf(h, extra) });

  /** Spends one request of `key`'s budgets; a refusal names the budget that ran out. */
  function spend(
    key: string,
  ): { ok: true; h: LimitHeaders } | { ok: false; h: LimitHeaders; retryAfterSec: number; daily: boolean } {
    const m = minute.take(key);
    const before = dailyOf(key);
    if (!m.ok) {
      const h = {
        limit: perMinute,
        remaining: 0,
        resetSec: Math.ceil(m.resetAt / 1000),
        dailyLimit: perDay,
        dailyRemaining: before.remaining,
        dailyResetSec: Math.ceil(before.resetAt / 1000),
      };
      return { ok: false, h, retryAfterSec: Math.max(1, Math.ceil(m.retryAfterMs / 1000)), daily: false };
    }
    const d = day.take(key);
    dailyLeft.set(key, { remaining: d.remaining, resetAt: d.resetAt });
    const dailyResetSec = Math.ceil(d.resetAt / 1000);
    if (!d.ok) {
      const h = {
        limit: perDay,
        remaining: 0,
        resetSec: dailyResetSec,
        dailyLimit: perDay,
        dailyRemaining: 0,
        dailyResetSec,
      };
      return { ok: false, h, retryAfterSec: Math.max(1, Math.ceil((d.resetAt - now()) / 1000)), daily: true };
    }
    // On a tie the day binds: its reset is the later one, the honest "when can I go on".
    const minuteBinds = m.remaining < d.remaining;
    const h: LimitHeaders = {
      limit: minuteBinds ? perMinute : perDay,
      remaining: minuteBinds ? m.remaining : d.remaining,
      resetSec: minuteBinds ? Math.ceil(m.resetAt / 1000) : dailyResetSec,
      dailyLimit: perDay,
      dailyRemaining: d.remaining,
      dailyResetSec,
    };
    return { ok: true, h };
  }

  const harness = createHarness({
    faults: opts.faults,
    tooManyRequests: (retryAfterSeconds) => {
      const h = { ...fallbackHeaders(), remaining: 0 };
      return answer(429, errorBody("rate_limited", "Rate limit exceeded"), h, {
        "retry-after": String(Math.ceil(retryAfterSeconds)),
      });
    },
    unauthorized: () => answer(401, errorBody("invalid_key", "Invalid or expired API key"), fallbackHeaders()),
    serverError: (status) => answer(status, errorBody("internal_error", "Internal server error"), fallbackHeaders()),
    serve: async (req, { url, drift }) => {
      const presented = /^Bearer\s+(.+)$/i.exec(req.headers.get("authorization") ?? "")?.[1]?.trim() ?? "";
      const spent = spend(presented || "anonymous");
      if (presented === apiKey) last = spent.h;
      if (!spent.ok) {
        const message = spent.daily
          ? `Daily quota of ${perDay} requests exceeded; it resets at midnight UTC`
          : `Rate limit exceeded: ${perMinute} requests per minute`;
        return answer(429, errorBody("rate_limited", message), spent.h, { "retry-after": String(spent.retryAfterSec) });
      }
      const h = spent.h;
      if (presented !== apiKey) return answer(401, errorBody("invalid_key", "Invalid or expired API key"), h);

      const path = url.pathname.startsWith(BASE_PATH) ? url.pathname.slice(BASE_PATH.length).replace(/\/+$/, "") : null;
      const route = path === null ? null : matchRoute(path);
      if (!route) return answer(404, errorBody("not_found", "Unknown endpoint"), h);
      if (req.method !== "GET")
        return answer(405, errorBody("method_not_allowed", "Only GET is supported"), h, { allow: "GET" });
      if (!scopes.has(route.scope))
        return answer(403, errorBody("insufficient_permissions", `Missing \`${route.scope}\` permission`), h);

      try {
        const ctx = { data, q: url.searchParams, drift, now };
        const body =
          route.name === "activities"
            ? contactActivities(ctx, route.id)
            : route.name === "contacts"
              ? listContacts(ctx)
              : route.name === "tasks"
                ? listTasks(ctx)
                : route.name === "campaigns"
                  ? listCampaigns(ctx)
                  : campaignStats(ctx, route.id);
        return answer(200, JSON.stringify(body), h);
      } catch (err) {
        if (err instanceof InvalidParameter) return answer(400, errorBody("invalid_parameter", err.message), h);
        if (err instanceof NotFound) return answer(404, errorBody(err.code, err.message), h);
        throw err;
      }
    },
  });

  return { ...harness, data, apiKey, limits: { perMinute, perDay } };
}

type Route =
  | { name: "contacts" | "tasks" | "campaigns"; id: ""; scope: string }
  | { name: "activities" | "stats"; id: string; scope: string };

const decode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

function matchRoute(path: string): Route | null {
  if (path === "/v1/contacts") return { name: "contacts", id: "", scope: "contacts:read" };
  if (path === "/v1/tasks") return { name: "tasks", id: "", scope: "tasks:read" };
  if (path === "/v1/campaigns") return { name: "campaigns", id: "", scope: "campaigns:read" };
  let m = /^\/v1\/contacts\/([^/]+)\/activities$/.exec(path);
  if (m) return { name: "activities", id: decode(m[1]!), scope: "activities:read" };
  m = /^\/v1\/campaigns\/([^/]+)\/stats$/.exec(path);
  if (m) return { name: "stats", id: decode(m[1]!), scope: "campaigns:read" };
  return null;
}
