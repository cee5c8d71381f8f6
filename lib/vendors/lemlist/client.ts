import "server-only";
import { VendorRequestError, VendorUnavailableError } from "@/lib/vendors/shared/errors";
import { createVendorHttp } from "@/lib/vendors/shared/http";
import { sharedPacer } from "@/lib/vendors/shared/pacer";
import type { ConnectorContext } from "@/lib/vendors/types";

/**
 * lemlist allows 20 requests per 2 s per key on all routes (seed 000). The pacer counts a
 * request until a window after its answer arrived (see SlidingWindowPacer), so the server,
 * which counts arrivals, never sees a 21st within 2 s; 10 ms more covers clock rounding.
 */
export const LEMLIST_PACE = { limit: 20, windowMs: 2_010 } as const;

export interface LemlistClientOptions {
  /** Requests per window; tests may go faster against a simulator with a raised limit. */
  pace?: { limit: number; windowMs: number };
  timeoutMs?: number;
  maxRetries?: number;
  maxRateLimitRetries?: number;
  maxBackoffMs?: number;
}

export interface ActivityParams {
  minDate?: string;
  maxDate?: string;
  type?: string;
  campaignId?: string;
  leadId?: string;
  isFirst?: boolean;
  offset: number;
  limit: number;
}

export interface TaskFilter {
  filterId: string;
  [key: string]: unknown;
}

export function createLemlistClient(ctx: ConnectorContext, o: LemlistClientOptions = {}) {
  const basic = Buffer.from(`:${ctx.apiKey}`).toString("base64");
  const http = createVendorHttp({
    vendor: "lemlist",
    baseUrl: ctx.baseUrl,
    // Seed 000: "the login is always empty and the password is the API key".
    authorize: (_url, headers) => headers.set("authorization", `Basic ${basic}`),
    // Shared by every session of the key (sharedPacer): the limit is per key.
    pacers: [sharedPacer({ vendor: "lemlist", baseUrl: ctx.baseUrl, apiKey: ctx.apiKey }, o.pace ?? LEMLIST_PACE)],
    secrets: [ctx.apiKey, basic],
    timeoutMs: o.timeoutMs ?? ctx.http?.timeoutMs,
    maxRetries: o.maxRetries,
    maxRateLimitRetries: o.maxRateLimitRetries,
    maxBackoffMs: o.maxBackoffMs ?? ctx.http?.maxBackoffMs,
    onRateLimitWait: ctx.onRateLimitWait,
  });
  const signal = ctx.signal;

  const get = async (path: string, query?: Record<string, string | number | boolean | undefined>) =>
    (await http.request(path, { query, signal })).data;

  function shapeError(what: string): VendorUnavailableError {
    return new VendorUnavailableError("lemlist", `${what}: unexpected response shape`);
  }

  return {
    /** `GET /team` (seed 000's auth example): the cheapest call that needs a valid key. */
    team: () => get("/team"),

    /** `GET /activities?version=v2` → bare array, newest first (seed 000). */
    async activities(p: ActivityParams): Promise<unknown[]> {
      const data = await get("/activities", { version: "v2", ...p });
      if (!Array.isArray(data)) throw shapeError("GET /activities");
      return data;
    },

    /** `GET /tasks?page=N&filters=[…]` → `{results, page:"N"}` (seed 002); done tasks never listed. */
    async tasks(page: number, filters?: TaskFilter[]): Promise<unknown[]> {
      const data = await get("/tasks", { page, filters: filters?.length ? JSON.stringify(filters) : undefined });
      if (Array.isArray(data)) return data;
      if (data && typeof data === "object" && Array.isArray((data as { results?: unknown }).results))
        return (data as { results: unknown[] }).results;
      throw shapeError("GET /tasks");
    },

    /** `PATCH /tasks` with `{id, done?, dueDate?, assignedTo?, priority?}` (VENDORS.md "Task writes"); the answer is not documented. */
    updateTask: async (body: Record<string, unknown>): Promise<unknown> =>
      (await http.request("/tasks", { method: "PATCH", body, signal })).data,

    /** `GET /campaigns?version=v2`: `{campaigns:[…]}` or, on the legacy route, a bare array (shape unverified). */
    async campaigns(offset: number, limit: number): Promise<unknown[]> {
      const data = await get("/campaigns", { version: "v2", offset, limit });
      if (Array.isArray(data)) return data;
      if (data && typeof data === "object") {
        const list = (data as { campaigns?: unknown; data?: unknown }).campaigns ?? (data as { data?: unknown }).data;
        if (Array.isArray(list)) return list;
      }
      throw shapeError("GET /campaigns");
    },

    /** `GET /campaigns/{id}/stats?startDate&endDate`. */
    campaignStats: (campaignId: string, startDate: string, endDate: string) =>
      get(`/campaigns/${encodeURIComponent(campaignId)}/stats`, { startDate, endDate }),

    /** `GET /leads/{email}?version=v2` → one lead per campaign; an unknown email (404) is no lead. */
    async leadsByEmail(email: string): Promise<unknown[]> {
      try {
        const data = await get(`/leads/${encodeURIComponent(email)}`, { version: "v2" });
        if (Array.isArray(data)) return data;
        return data && typeof data === "object" ? [data] : [];
      } catch (err) {
        if (err instanceof VendorRequestError && err.status === 404) return [];
        throw err;
      }
    },
  };
}

export type LemlistClient = ReturnType<typeof createLemlistClient>;
