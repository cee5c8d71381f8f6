import { VendorQuotaError, VendorUnavailableError } from "@/lib/vendors/shared/errors";
import { createVendorHttp, parseRetryAfter } from "@/lib/vendors/shared/http";
import { SlidingWindowPacer } from "@/lib/vendors/shared/pacer";
import { z } from "zod";
import { listEnvelope, statsOf, type CampaignStats, type Warn } from "./schemas";

/** Per-plan limits (VENDORS.md "Leadlex"): the client starts at Starter's and adopts what the headers say. */
export const STARTER_LIMITS = { perMinute: 10, perDay: 100 } as const;
/** Page size cap (seed 003: "max: 100"). */
export const MAX_PER_PAGE = 100;
/** A 429 asking to wait this long is the day's quota, not the minute's. */
const QUOTA_WAIT_MS = 10 * 60_000;
const DAY_MS = 86_400_000;

export interface LeadlexClientOptions {
  baseUrl: string;
  apiKey: string;
  signal?: AbortSignal;
  onRateLimitWait?(ms: number): void;
  onMeta?(meta: Record<string, unknown>): void;
  warn?: Warn;
  timeoutMs?: number;
  maxRetries?: number;
  maxBackoffMs?: number;
  /** Pacing before the first answer tells the plan; default Starter (10 / min, 100 / day). */
  perMinute?: number;
  perDay?: number;
  now?: () => number;
}

export interface Quota {
  remaining: number | null;
  limit: number | null;
  /** Epoch ms of the next reset (midnight UTC). */
  resetAt: number | null;
}

export interface Page<T = unknown> {
  rows: T[];
  page: number;
  perPage: number;
  total: number | null;
}

const header = (res: Response, name: string): number | null => {
  const v = res.headers.get(name);
  const n = v === null || v.trim() === "" ? NaN : Number(v);
  return Number.isFinite(n) ? n : null;
};

/**
 * The Leadlex HTTP client: Bearer auth, a per-minute and a per-day pacer, the
 * quota read from every answer's headers (see the simulator for the header set)
 * and reported through `onMeta({quota})`. An exhausted day raises
 * VendorQuotaError at once — it never sleeps until midnight.
 */
export function createLeadlexClient(o: LeadlexClientOptions) {
  const now = o.now ?? Date.now;
  const quota: Quota = { remaining: null, limit: null, resetAt: null };
  const quotaError = () =>
    new VendorQuotaError(
      "leadlex",
      "the Leadlex daily request quota is used up",
      quota.resetAt !== null ? new Date(quota.resetAt) : null,
    );

  const minute = new SlidingWindowPacer(o.perMinute ?? STARTER_LIMITS.perMinute, 60_000);
  // The day pacer is a backstop for answers without quota headers: it may hold a request
  // for a few seconds, but a wait measured in hours means the day is spent.
  const day = new SlidingWindowPacer(o.perDay ?? STARTER_LIMITS.perDay, DAY_MS, Date.now, (ms) =>
    ms > 60_000 ? Promise.reject(quotaError()) : new Promise((r) => setTimeout(r, ms)),
  );

  function learn(res: Response): void {
    const dailyLimit = header(res, "x-ratelimit-daily-limit");
    const dailyRemaining = header(res, "x-ratelimit-daily-remaining");
    const dailyReset = header(res, "x-ratelimit-daily-reset");
    const limit = header(res, "x-ratelimit-limit");
    if (dailyLimit !== null && dailyRemaining !== null) {
      quota.limit = dailyLimit;
      quota.remaining = dailyRemaining;
      quota.resetAt = dailyReset !== null ? dailyReset * 1000 : nextMidnight(now());
      day.setLimit(dailyLimit);
      // The standard trio describes the minute whenever it is not the day's.
      if (limit !== null && limit !== dailyLimit) minute.setLimit(limit);
    } else if (limit !== null) {
      // Only the standard trio: take it as the minute budget.
      minute.setLimit(limit);
    }
    if (quota.remaining !== null)
      o.onMeta?.({
        quota: {
          remaining: quota.remaining,
          limit: quota.limit,
          resetAt: quota.resetAt !== null ? new Date(quota.resetAt).toISOString() : null,
        },
      });
    if (res.status === 429) {
      const wait = parseRetryAfter(res.headers.get("retry-after")) ?? 0;
      if (dailyRemaining === 0 || wait >= QUOTA_WAIT_MS) {
        if (quota.resetAt === null) quota.resetAt = now() + wait;
        throw quotaError();
      }
    }
  }

  const http = createVendorHttp({
    vendor: "leadlex",
    baseUrl: o.baseUrl,
    authorize: (_url, headers) => headers.set("authorization", `Bearer ${o.apiKey}`),
    // The minute pacer first: the shared client pauses pacers[0] after a 429.
    pacers: [minute, day],
    secrets: [o.apiKey],
    timeoutMs: o.timeoutMs,
    maxRetries: o.maxRetries,
    maxBackoffMs: o.maxBackoffMs,
    onResponse: learn,
    onRateLimitWait: o.onRateLimitWait,
  });

  async function get(path: string, query: Record<string, string | number | undefined | null> = {}): Promise<unknown> {
    if (quota.remaining !== null && quota.remaining <= 0 && quota.resetAt !== null && now() < quota.resetAt)
      throw quotaError();
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
    quota: (): Quota => ({ ...quota }),

    /** `GET /v1/contacts`; `sort` e.g. `created_at` (oldest first, so new contacts never shift pages). */
    listContacts: (q: { page: number; perPage?: number; search?: string; createdAfter?: string; sort?: string }) =>
      list("/v1/contacts", "contacts", {
        page: q.page,
        per_page: q.perPage ?? MAX_PER_PAGE,
        search: q.search,
        created_after: q.createdAfter,
        sort: q.sort,
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

function nextMidnight(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
}

function issuePaths(err: z.ZodError): string {
  return err.issues.map((i) => i.path.join(".") || "(body)").join(", ");
}

/**
 * Reads every page of a listing, saying which one is the last: a short page, or the
 * page that reaches `total`. `maxPages` bounds a listing that would never end.
 */
export async function* allPages(
  fetchPage: (page: number) => Promise<Page>,
  maxPages = 10_000,
): AsyncGenerator<Page & { last: boolean }> {
  for (let page = 1; page <= maxPages; page++) {
    const p = await fetchPage(page);
    const last = p.rows.length < p.perPage || (p.total !== null && page * p.perPage >= p.total) || page === maxPages;
    yield { ...p, last };
    if (last) return;
  }
}
