import { createHarness, type Simulator, type SimulatorOptions } from "@/lib/sandbox/shared/harness";
import { DailyQuota, SlidingLog } from "@/lib/sandbox/shared/rate-limit";
import type { World } from "@/lib/sandbox/shared/world";
import { addSeedExample, generateLeadlexData, type LeadlexData } from "./data";
import { InvalidParameter } from "./params";
import {
  campaignStats,
  contactActivities,
  listCampaigns,
  listContacts,
  listTasks,
  NotFound,
  type ContactOrder,
} from "./routes";

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

export interface LeadlexSimulatorOptions extends SimulatorOptions<LeadlexData> {
  /** Default "pro", as the demo account. */
  plan?: LeadlexPlan;
  /** Overrides of the plan's limits, for tests that must not wait a minute. */
  perMinute?: number;
  perDay?: number;
  /** What the key may read; default all. A key without `activities:read` gets 403 on activities. */
  scopes?: readonly LeadlexScope[];
  /**
   * `"daily"` (default): every answer carries the documented `X-RateLimit-Limit`, `-Remaining`
   * and `-Reset` for the day's quota. `"none"`: no quota headers at all, to try a client
   * against an API that says nothing (the plan setting then stands in).
   */
  rateLimitHeaders?: "daily" | "none";
  /** Serve seed 003's example (contact, campaign and its `email` of 17 Apr 2026) beside the generated account. */
  seedExample?: boolean;
  /** Order of the contact listing (see routes.ts); default most recently updated first. */
  contactOrder?: ContactOrder;
}

export type LeadlexSimulator = Simulator & {
  data: LeadlexData;
  apiKey: string;
  limits: { perMinute: number; perDay: number };
  /** Requests answered so far (every status, injected faults included), for tests that count a sync's cost. */
  requests: () => number;
};

/** The day's quota as the documented headers state it. */
interface DayState {
  remaining: number;
  /** Epoch ms of the next midnight UTC. */
  resetAt: number;
}

/**
 * The Leadlex API gateway over a generated account. Rate limits (VENDORS.md): per key, a
 * per-minute and a per-day budget by plan, the day resetting at midnight UTC; every request
 * counts, whatever its answer. The documented headers — `X-RateLimit-Limit`, `-Remaining`,
 * `-Reset` (epoch seconds) — describe the day's quota on every answer: the plan's daily
 * limit, what is left of it, and the next midnight UTC. A refusal is a 429 `rate_limited`
 * with `Retry-After`: until a request leaves the minute's window, or until midnight once the
 * day is spent (`Remaining: 0`). How the headers divide between minute and day is not
 * documented: see docs/vendor-assumptions.md ("Leadlex").
 */
export function createLeadlexSimulator(world: World, opts: LeadlexSimulatorOptions = {}): LeadlexSimulator {
  const data = opts.data ?? generateLeadlexData(world);
  if (opts.seedExample) addSeedExample(data);
  const apiKey = opts.apiKey ?? DEMO_API_KEY;
  const now = opts.now ?? Date.now;
  const plan = PLANS[opts.plan ?? "pro"];
  const perMinute = opts.perMinute ?? plan.perMinute;
  const perDay = opts.perDay ?? plan.perDay;
  const scopes = new Set<string>(opts.scopes ?? SCOPES);
  const withHeaders = (opts.rateLimitHeaders ?? "daily") === "daily";
  const minute = new SlidingLog(perMinute, 60_000, now);
  const day = new DailyQuota(perDay, now);
  // DailyQuota cannot be read without spending, so remember what each key had left.
  const dailyLeft = new Map<string, DayState>();
  let answered = 0;

  const nextMidnight = () => {
    const t = new Date(now());
    return Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() + 1);
  };
  const dayOf = (key: string): DayState => {
    const d = dailyLeft.get(key);
    return d && d.resetAt > now() ? d : { remaining: perDay, resetAt: nextMidnight() };
  };

  function headersOf(d: DayState, extra: Record<string, string> = {}): Headers {
    const h = new Headers({ "content-type": "application/json; charset=utf-8", ...extra });
    if (withHeaders) {
      h.set("x-ratelimit-limit", String(perDay));
      h.set("x-ratelimit-remaining", String(d.remaining));
      h.set("x-ratelimit-reset", String(Math.ceil(d.resetAt / 1000)));
    }
    return h;
  }

  const errorBody = (code: string, message: string) => JSON.stringify({ error: { code, message } });
  const answer = (status: number, body: string, d: DayState, extra?: Record<string, string>) =>
    new Response(body, { status, headers: headersOf(d, extra) });

  /** Spends one request of `key`'s budgets; a refusal says which budget ran out. */
  function spend(
    key: string,
  ): { ok: true; d: DayState } | { ok: false; d: DayState; retryAfterSec: number; daily: boolean } {
    const m = minute.take(key);
    if (!m.ok)
      return { ok: false, d: dayOf(key), retryAfterSec: Math.max(1, Math.ceil(m.retryAfterMs / 1000)), daily: false };
    const t = day.take(key);
    const d = { remaining: t.remaining, resetAt: t.resetAt };
    dailyLeft.set(key, d);
    if (!t.ok) return { ok: false, d, retryAfterSec: Math.max(1, Math.ceil((t.resetAt - now()) / 1000)), daily: true };
    return { ok: true, d };
  }

  const harness = createHarness({
    faults: opts.faults,
    // An injected 429 is a passing minute-budget refusal: the day's headers stay as they are.
    tooManyRequests: (retryAfterSeconds) =>
      answer(429, errorBody("rate_limited", "Rate limit exceeded"), dayOf(apiKey), {
        "retry-after": String(Math.ceil(retryAfterSeconds)),
      }),
    unauthorized: () => answer(401, errorBody("invalid_key", "Invalid or expired API key"), dayOf(apiKey)),
    serverError: (status) => answer(status, errorBody("internal_error", "Internal server error"), dayOf(apiKey)),
    serve: async (req, { url, drift }) => {
      const presented = /^Bearer\s+(.+)$/i.exec(req.headers.get("authorization") ?? "")?.[1]?.trim() ?? "";
      const spent = spend(presented || "anonymous");
      if (!spent.ok) {
        const message = spent.daily
          ? `Daily quota of ${perDay} requests exceeded; it resets at midnight UTC`
          : `Rate limit exceeded: ${perMinute} requests per minute`;
        return answer(429, errorBody("rate_limited", message), spent.d, { "retry-after": String(spent.retryAfterSec) });
      }
      const d = spent.d;
      if (presented !== apiKey) return answer(401, errorBody("invalid_key", "Invalid or expired API key"), d);

      const path = url.pathname.startsWith(BASE_PATH) ? url.pathname.slice(BASE_PATH.length).replace(/\/+$/, "") : null;
      const route = path === null ? null : matchRoute(path);
      if (!route) return answer(404, errorBody("not_found", "Unknown endpoint"), d);
      if (req.method !== "GET")
        return answer(405, errorBody("method_not_allowed", "Only GET is supported"), d, { allow: "GET" });
      if (!scopes.has(route.scope))
        return answer(403, errorBody("insufficient_permissions", `Missing \`${route.scope}\` permission`), d);

      try {
        const ctx = { data, q: url.searchParams, drift, now, contactOrder: opts.contactOrder };
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
        return answer(200, JSON.stringify(body), d);
      } catch (err) {
        if (err instanceof InvalidParameter) return answer(400, errorBody("invalid_parameter", err.message), d);
        if (err instanceof NotFound) return answer(404, errorBody(err.code, err.message), d);
        throw err;
      }
    },
  });

  const handler: typeof harness.handler = async (req) => {
    const res = await harness.handler(req);
    if (!new URL(req.url).pathname.endsWith("/__sandbox/faults")) answered++;
    return res;
  };
  return { ...harness, handler, data, apiKey, limits: { perMinute, perDay }, requests: () => answered };
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
