import "server-only";
import { VendorQuotaError, VendorUnavailableError } from "@/lib/vendors/shared/errors";
import { createVendorHttp, parseRetryAfter } from "@/lib/vendors/shared/http";
import { sharedPacer, SlidingWindowPacer } from "@/lib/vendors/shared/pacer";
import { z } from "zod";
import {
  nextMidnightUtc,
  perMinuteFor,
  PLANS,
  quotaMessage,
  readRateHeaders,
  type PlanSetting,
  type Quota,
} from "./quota";
import { listEnvelope, statsOf, type CampaignStats, type Warn } from "./schemas";

/** Page size cap (seed 003: "max: 100"). */
export const MAX_PER_PAGE = 100;
/** A 429 asking to wait this long is the day's quota, not the minute's. */
const QUOTA_WAIT_MS = 10 * 60_000;
/** 429s without any word on how long to wait, for longer than a minute window: the day is spent. */
const SILENT_429_MS = 65_000;

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = { now: Date.now, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

export interface LeadlexClientOptions {
  baseUrl: string;
  apiKey: string;
  signal?: AbortSignal;
  onRateLimitWait?(ms: number): void;
  /** Called with the day's quota after every answer. */
  onQuota?(quota: Quota): void;
  /** Called once when the day's quota is found spent, before the error is thrown. */
  onPaused?(resetAt: number): void;
  /** Called for every request the vendor counted (retries included, and those that got no answer). */
  onRequest?(): void;
  warn?: Warn;
  timeoutMs?: number;
  maxRetries?: number;
  maxBackoffMs?: number;
  /** The plan when the headers say nothing ("auto": Starter until an answer says otherwise). */
  plan?: PlanSetting;
  /** What an earlier session knew of today (the connection's stored quota), if still today. */
  known?: Quota | null;
  /** A pause an earlier session found (the day spent): no request before it. */
  pausedUntil?: number | null;
  clock?: Clock;
}

export interface Page<T = unknown> {
  rows: T[];
  page: number;
  perPage: number;
  total: number | null;
}

/**
 * The Leadlex HTTP client: Bearer auth, pacing at the plan's per-minute rate, and the day's
 * quota — read from the documented headers on every answer, or counted from the plan when
 * they say nothing — reported through `onQuota`. A spent day raises VendorQuotaError at
 * once (no retries, no sleeping until midnight), and so does every later request until the
 * reset.
 */
export function createLeadlexClient(o: LeadlexClientOptions) {
  const clock = o.clock ?? realClock;
  const now = clock.now;
  const planned = PLANS[o.plan === "pro" ? "pro" : "starter"];
  const fresh = (): Quota => ({
    limit: planned.perDay,
    remaining: planned.perDay,
    resetAt: nextMidnightUtc(now()),
    source: "plan",
  });
  const quota: Quota = o.known && o.known.resetAt > now() ? { ...o.known } : fresh();
  // A plan chosen on the connection outranks an earlier guess from the plan; headers outrank both.
  if (o.plan && o.plan !== "auto" && quota.source === "plan") quota.limit = planned.perDay;
  let pausedUntil = o.pausedUntil && o.pausedUntil > now() ? o.pausedUntil : null;
  let silentSince: number | null = null;

  // The per-minute limit is per key: every session of it shares one pacer (a sync that starts
  // right after another would otherwise spend the minute the last one used, and draw a 429).
  // A simulated clock (tests) keeps a pacer of its own.
  const pace = { limit: perMinuteFor(quota.limit), windowMs: 60_000 };
  const minute =
    clock === realClock
      ? sharedPacer({ vendor: "leadlex", baseUrl: o.baseUrl, apiKey: o.apiKey }, pace)
      : new SlidingWindowPacer(pace.limit, pace.windowMs, now, clock.sleep);
  // A limit an earlier session stored, or a plan the user chose, is known, not guessed: the
  // shared pacer takes its pace. A guess leaves the pace the pacer has.
  const knownLimit = o.known?.limit ?? (o.plan && o.plan !== "auto" ? planned.perDay : null);
  if (knownLimit !== null) minute.setLimit(perMinuteFor(knownLimit));

  const pause = (resetAt: number): VendorQuotaError => {
    if (pausedUntil !== resetAt) {
      pausedUntil = resetAt;
      o.onPaused?.(resetAt);
    }
    return new VendorQuotaError("leadlex", quotaMessage(resetAt), new Date(resetAt));
  };

  function rollOver(): void {
    if (now() >= quota.resetAt) Object.assign(quota, { ...fresh(), limit: quota.limit, remaining: quota.limit });
  }

  function learn(res: Response): void {
    o.onRequest?.();
    rollOver();
    const h = readRateHeaders(res.headers, now());
    if (h.kind === "daily") {
      const limitChanged = h.limit !== quota.limit;
      quota.limit = h.limit!;
      quota.remaining = Math.max(0, h.remaining!);
      quota.resetAt = h.resetAt ?? nextMidnightUtc(now());
      quota.source = "headers";
      if (limitChanged) minute.setLimit(perMinuteFor(quota.limit));
    } else {
      // Nothing about the day: count it ourselves against the plan.
      quota.remaining = Math.max(0, quota.remaining - 1);
      if (h.kind === "minute") minute.setLimit(h.limit!);
    }
    o.onQuota?.({ ...quota });

    if (res.status !== 429) {
      silentSince = null;
      return;
    }
    const wait = parseRetryAfter(res.headers.get("retry-after"), now());
    if (h.kind === "daily" && h.remaining === 0) throw pause(quota.resetAt);
    if (wait !== null && wait >= QUOTA_WAIT_MS) throw pause(h.kind === "daily" ? quota.resetAt : now() + wait);
    if (h.kind !== "daily" && quota.remaining === 0) throw pause(quota.resetAt);
    if (wait === null && h.kind === "none") {
      silentSince ??= now();
      if (now() - silentSince > SILENT_429_MS) throw pause(quota.resetAt);
    }
  }

  // A request that got no answer (a timeout under load) may still have been counted by
  // Leadlex: spend it, so a run never goes over its share. The next answer's headers correct
  // the day's figure if Leadlex did not count it.
  function unanswered(): void {
    o.onRequest?.();
    rollOver();
    quota.remaining = Math.max(0, quota.remaining - 1);
    o.onQuota?.({ ...quota });
  }

  const http = createVendorHttp({
    vendor: "leadlex",
    baseUrl: o.baseUrl,
    authorize: (_url, headers) => headers.set("authorization", `Bearer ${o.apiKey}`),
    pacers: [minute],
    secrets: [o.apiKey],
    timeoutMs: o.timeoutMs,
    maxRetries: o.maxRetries,
    maxBackoffMs: o.maxBackoffMs,
    onResponse: learn,
    onNoAnswer: unanswered,
    // A minute refusal without Retry-After: wait a quarter of the window and ask again.
    retryAfterMs: (res) => (res.headers.get("retry-after") === null ? 15_000 : null),
    onRateLimitWait: o.onRateLimitWait,
    sleep: clock.sleep,
    now,
  });

  /** Throws the quota error while the day is known to be spent: nothing may be asked before the reset. */
  function assertOpen(): void {
    rollOver();
    if (pausedUntil !== null && now() < pausedUntil) throw pause(pausedUntil);
    if (quota.remaining <= 0 && now() < quota.resetAt) throw pause(quota.resetAt);
  }

  async function get(path: string, query: Record<string, string | number | undefined | null> = {}): Promise<unknown> {
    assertOpen();
    return (await http.request(path, { query, signal: o.signal })).data;
  }

  async function list(
    path: string,
    key: string,
    query: Record<string, string | number | undefined | null>,
  ): Promise<Page> {
    const body = await get(path, query);
    const parsed = listEnvelope(key).safeParse(body);
    if (!parsed.success)
      throw new VendorUnavailableError(
        "leadlex",
        `GET ${path}: unexpected response shape (${issuePaths(parsed.error)})`,
      );
    const rows = (parsed.data.data as Record<string, unknown[]>)[key] ?? [];
    const meta = parsed.data.meta;
    return {
      rows,
      page: meta?.page ?? Number(query.page ?? 1),
      perPage: meta?.per_page ?? Number(query.per_page ?? 50),
      total: meta?.total ?? null,
    };
  }

  return {
    quota: (): Quota => {
      rollOver();
      return { ...quota };
    },
    perMinute: () => perMinuteFor(quota.limit),
    assertOpen,
    now,

    /** `GET /v1/contacts` in the API's own order (no `sort`: VENDORS.md documents no value for it). */
    listContacts: (q: { page: number; perPage?: number; search?: string; createdAfter?: string }) =>
      list("/v1/contacts", "contacts", {
        page: q.page,
        per_page: q.perPage ?? MAX_PER_PAGE,
        search: q.search,
        created_after: q.createdAfter,
      }),

    /** `GET /v1/contacts/{id}/activities` (seed 003), newest first, dates inclusive. */
    listActivities: (
      contactId: string,
      q: { page: number; perPage?: number; type?: string; fromDate?: string; toDate?: string },
    ) =>
      list(`/v1/contacts/${encodeURIComponent(contactId)}/activities`, "activities", {
        page: q.page,
        per_page: q.perPage ?? MAX_PER_PAGE,
        type: q.type,
        from_date: q.fromDate,
        to_date: q.toDate,
      }),

    /** `GET /v1/tasks`: every status unless `status` is given. */
    listTasks: (q: { page: number; perPage?: number; status?: string; contactId?: string; assigneeId?: string }) =>
      list("/v1/tasks", "tasks", {
        page: q.page,
        per_page: q.perPage ?? MAX_PER_PAGE,
        status: q.status,
        contact_id: q.contactId,
        assignee_id: q.assigneeId,
      }),

    listCampaigns: (q: { page: number; perPage?: number }) =>
      list("/v1/campaigns", "campaigns", { page: q.page, per_page: q.perPage ?? MAX_PER_PAGE }),

    /** `GET /v1/campaigns/{id}/stats`: all-time counts and 0–1 rates, or null when the body is not understood. */
    campaignStats: async (campaignId: string): Promise<CampaignStats | null> =>
      statsOf(await get(`/v1/campaigns/${encodeURIComponent(campaignId)}/stats`)),
  };
}

export type LeadlexClient = ReturnType<typeof createLeadlexClient>;

function issuePaths(err: z.ZodError): string {
  return err.issues.map((i) => i.path.join(".") || "(body)").join(", ");
}
