import "server-only";
import { VendorUnavailableError } from "@/lib/vendors/shared/errors";
import { createVendorHttp, parseRetryAfter } from "@/lib/vendors/shared/http";
import { SlidingWindowPacer } from "@/lib/vendors/shared/pacer";
import { activitiesPageSchema, historySchema } from "./schemas";

/**
 * VENDORS.md: "Pace at 10 per 2 s and obey Retry-After". The pacer counts a request until a
 * window after its answer arrived, the latest the server can have counted it (see
 * SlidingWindowPacer); 10 ms more covers clock rounding.
 */
export const SMARTLEAD_PACE = { limit: 10, windowMs: 2_010 };
/** Seed 001: `limit` maximum. */
export const SMARTLEAD_MAX_PAGE = 1000;

export interface SmartleadClientOptions {
  baseUrl: string;
  apiKey: string;
  /** The documented pace unless a test or a benchmark says otherwise. */
  pace?: { limit: number; windowMs: number };
  timeoutMs?: number;
  maxRetries?: number;
  maxRateLimitRetries?: number;
  maxBackoffMs?: number;
  onRateLimitWait?(ms: number): void;
}

/**
 * How long a 429 asks to wait: `Retry-After`, else the body's
 * `{"error":{"code":"RATE_LIMIT_EXCEEDED","retry_after":30}}` (seconds).
 */
export function smartleadRetryAfterMs(res: Response, bodyText: string): number | null {
  const header = parseRetryAfter(res.headers.get("retry-after"));
  if (header !== null) return header;
  try {
    const secs = Number((JSON.parse(bodyText) as { error?: { retry_after?: unknown } })?.error?.retry_after);
    return Number.isFinite(secs) && secs >= 0 ? secs * 1000 : null;
  } catch {
    return null;
  }
}

export interface ActivitiesQuery {
  offset: number;
  limit: number;
  event_time_from?: string;
  event_time_to?: string;
}

/** The Smartlead API with the key in `?api_key=` (scrubbed from every error by the shared client). */
export function createSmartleadClient(o: SmartleadClientOptions, signal?: AbortSignal) {
  const pace = o.pace ?? SMARTLEAD_PACE;
  const http = createVendorHttp({
    vendor: "smartlead",
    baseUrl: o.baseUrl,
    authorize: (url) => url.searchParams.set("api_key", o.apiKey),
    pacers: [new SlidingWindowPacer(pace.limit, pace.windowMs)],
    secrets: [o.apiKey],
    timeoutMs: o.timeoutMs,
    maxRetries: o.maxRetries,
    maxRateLimitRetries: o.maxRateLimitRetries,
    maxBackoffMs: o.maxBackoffMs,
    onRateLimitWait: o.onRateLimitWait,
    retryAfterMs: smartleadRetryAfterMs,
  });
  const get = async (path: string, query?: Record<string, string | number | undefined>) =>
    (await http.request(path, { query, signal })).data;
  const shapeError = (what: string) =>
    new VendorUnavailableError("smartlead", `GET ${what}: unexpected response shape`);
  const seg = (id: string | number) => encodeURIComponent(String(id));

  return {
    /** `GET /campaigns/` → bare array of campaigns (rows unparsed). */
    async campaigns(): Promise<unknown[]> {
      const data = await get("/campaigns/");
      if (Array.isArray(data)) return data;
      // Tolerate a wrapped list should the API ever add an envelope.
      const inner = (data as { data?: unknown } | null)?.data;
      if (Array.isArray(inner)) return inner;
      throw shapeError("/campaigns/");
    },
    /** `GET /campaigns/{id}/analytics` (counts as strings). */
    campaignAnalytics: (campaignId: string) => get(`/campaigns/${seg(campaignId)}/analytics`),
    /** `GET /campaigns/{id}/analytics-by-date` — the span may be capped at 30 days. */
    campaignAnalyticsByDate: (campaignId: string, startDate: string, endDate: string) =>
      get(`/campaigns/${seg(campaignId)}/analytics-by-date`, { start_date: startDate, end_date: endDate }),
    /** Seed 001 `GET /campaigns/all-leads-activities` → lead rows (unparsed) and `hasMore`. */
    async leadActivities(q: ActivitiesQuery): Promise<{ rows: unknown[]; hasMore: boolean | null }> {
      const parsed = activitiesPageSchema.safeParse(await get("/campaigns/all-leads-activities", { ...q }));
      if (!parsed.success) throw shapeError("/campaigns/all-leads-activities");
      return { rows: parsed.data.data, hasMore: parsed.data.hasMore ?? null };
    },
    /**
     * The same page as its body text, unparsed: parsing and mapping happen off the main
     * thread (./map-pool.ts). An unreadable body is asked for again through leadActivities.
     */
    async leadActivitiesText(q: ActivitiesQuery): Promise<string> {
      return (await http.request("/campaigns/all-leads-activities", { query: { ...q }, signal, text: true }))
        .data as string;
    },
    /** `GET /leads/?email=` — `{}` for an unknown email. */
    leadByEmail: (email: string) => get("/leads/", { email }),
    /** `GET /campaigns/{cid}/leads/{lid}/message-history` → entries (unparsed). */
    async messageHistory(
      campaignId: string,
      leadId: string,
    ): Promise<{ entries: unknown[]; from: string | null; to: string | null }> {
      const parsed = historySchema.safeParse(
        await get(`/campaigns/${seg(campaignId)}/leads/${seg(leadId)}/message-history`),
      );
      if (!parsed.success) throw shapeError("/campaigns/{id}/leads/{id}/message-history");
      return { entries: parsed.data.history ?? [], from: parsed.data.from ?? null, to: parsed.data.to ?? null };
    },
  };
}

export type SmartleadClient = ReturnType<typeof createSmartleadClient>;
