import "server-only";
import { VendorUnavailableError } from "@/lib/vendors/shared/errors";
import { createVendorHttp, type VendorHttp } from "@/lib/vendors/shared/http";
import { SlidingWindowPacer } from "@/lib/vendors/shared/pacer";
import { closeEventListSchema, closeListSchema, closeRateLimitBodySchema } from "./schemas";

/**
 * The Close HTTP client: Basic auth with the key as user and an empty password,
 * one pacer per endpoint group (Close limits per key AND group), and Close's
 * `RateLimit: limit=…, remaining=…, reset=…` header read on every answer: when a
 * group is about to run dry the pacer waits `reset` seconds, and a 429 waits `reset`
 * (from the header, else the body's `rate_reset`).
 */

export const CLOSE_GROUPS = ["activity", "task", "contact", "lead", "me", "event", "custom_activity"] as const;
export type CloseGroup = (typeof CLOSE_GROUPS)[number];

/**
 * Our pace per group: 90 requests per 10 s, 10 % under the 100 / 10 s the sandbox
 * uses for Close's undocumented per-group limits; the `RateLimit` header corrects it.
 */
export const CLOSE_PACE = { limit: 90, windowMs: 10_000 };

export interface CloseClientOptions {
  baseUrl: string;
  apiKey: string;
  signal?: AbortSignal;
  onRateLimitWait?(ms: number): void;
  pace?: { limit: number; windowMs: number };
  timeoutMs?: number;
  maxRetries?: number;
  maxRateLimitRetries?: number;
  maxBackoffMs?: number;
}

export interface RateLimitInfo {
  limit: number | null;
  remaining: number | null;
  /** Seconds until the window frees up. */
  reset: number | null;
}

/** `limit=100, remaining=57, reset=3.2` (any order, `,` or `;`), null when absent or unreadable. */
export function parseRateLimitHeader(value: string | null): RateLimitInfo | null {
  if (!value) return null;
  const out: RateLimitInfo = { limit: null, remaining: null, reset: null };
  for (const part of value.split(/[,;]/)) {
    const m = /^\s*(limit|remaining|reset)\s*=\s*"?([\d.]+)"?\s*$/i.exec(part);
    if (!m) continue;
    const n = Number(m[2]);
    if (Number.isFinite(n)) out[m[1]!.toLowerCase() as keyof RateLimitInfo] = n;
  }
  return out.limit === null && out.remaining === null && out.reset === null ? null : out;
}

/** How long a Close 429 asks to wait: the header's `reset`, else the body's `rate_reset`. */
export function closeRetryAfterMs(res: Response, bodyText: string): number | null {
  const header = parseRateLimitHeader(res.headers.get("ratelimit"));
  if (header?.reset != null) return Math.ceil(header.reset * 1000);
  try {
    const body = closeRateLimitBodySchema.safeParse(JSON.parse(bodyText));
    if (body.success && body.data.error.rate_reset !== undefined && Number.isFinite(body.data.error.rate_reset))
      return Math.ceil(body.data.error.rate_reset * 1000);
  } catch {
    // not JSON: fall back to Retry-After / backoff
  }
  return null;
}

/** Remaining calls at or under which we stop and wait for `reset` (keeps one spare for a retry). */
const LOW_REMAINING = 1;

export function basicAuth(apiKey: string): string {
  return `Basic ${Buffer.from(`${apiKey}:`).toString("base64")}`;
}

export type ListQuery = Record<string, string | number | boolean | undefined | null>;
export interface ListPage {
  rows: unknown[];
  hasMore: boolean;
}
export interface EventPage {
  rows: unknown[];
  /** Null on the last page. */
  cursorNext: string | null;
}

export function createCloseClient(o: CloseClientOptions) {
  const pace = o.pace ?? CLOSE_PACE;
  const auth = basicAuth(o.apiKey);
  const pacers = {} as Record<CloseGroup, SlidingWindowPacer>;
  const https = {} as Record<CloseGroup, VendorHttp>;
  for (const group of CLOSE_GROUPS) {
    const pacer = new SlidingWindowPacer(pace.limit, pace.windowMs);
    pacers[group] = pacer;
    https[group] = createVendorHttp({
      vendor: "close",
      baseUrl: o.baseUrl,
      authorize: (_url, headers) => headers.set("authorization", auth),
      pacers: [pacer],
      secrets: [o.apiKey, auth.slice("Basic ".length)],
      timeoutMs: o.timeoutMs,
      maxRetries: o.maxRetries,
      maxRateLimitRetries: o.maxRateLimitRetries,
      maxBackoffMs: o.maxBackoffMs,
      onRateLimitWait: o.onRateLimitWait,
      retryAfterMs: closeRetryAfterMs,
      onResponse(res) {
        const info = parseRateLimitHeader(res.headers.get("ratelimit"));
        if (info?.remaining != null && info.reset != null && info.remaining <= LOW_REMAINING)
          pacer.pauseUntil(Date.now() + Math.ceil(info.reset * 1000));
      },
    });
  }

  async function get(group: CloseGroup, path: string, query?: ListQuery): Promise<unknown> {
    const res = await https[group].request(path, { query, signal: o.signal });
    return res.data;
  }

  async function list(group: CloseGroup, path: string, query: ListQuery): Promise<ListPage> {
    const data = await get(group, path, query);
    const parsed = closeListSchema.safeParse(data);
    // A readable body of the wrong shape is not worth retrying the same way: say what came back.
    if (!parsed.success)
      throw new VendorUnavailableError("close", `GET ${path}: the answer is not a {data, has_more} list`);
    return { rows: parsed.data.data, hasMore: parsed.data.has_more === true };
  }

  /** `GET /event/`: `{data, cursor_next}` (VENDORS.md "Event log"). */
  async function events(query: ListQuery): Promise<EventPage> {
    const parsed = closeEventListSchema.safeParse(await get("event", "/event/", query));
    if (!parsed.success)
      throw new VendorUnavailableError("close", "GET /event/: the answer is not a {data, cursor_next} list");
    return { rows: parsed.data.data, cursorNext: parsed.data.cursor_next || null };
  }

  return {
    pacers,
    me: () => get("me", "/me/"),
    listActivities: (query: ListQuery) => list("activity", "/activity/", query),
    listTasks: (query: ListQuery) => list("task", "/task/", query),
    listContacts: (query: ListQuery) => list("contact", "/contact/", query),
    listLeads: (query: ListQuery) => list("lead", "/lead/", query),
    listEvents: events,
    listCustomActivityTypes: (query: ListQuery) => list("custom_activity", "/custom_activity/", query),
    getTask: (id: string) => get("task", `/task/${encodeURIComponent(id)}/`),
    /** `PUT /task/{id}/` with `is_complete`, `date`, `assigned_to`, `text` (VENDORS.md "Writes"). */
    updateTask: async (id: string, body: Record<string, unknown>) =>
      (await https.task.request(`/task/${encodeURIComponent(id)}/`, { method: "PUT", body, signal: o.signal })).data,
    getContact: (id: string) => get("contact", `/contact/${encodeURIComponent(id)}/`),
    getLead: (id: string) => get("lead", `/lead/${encodeURIComponent(id)}/`),
  };
}

export type CloseClient = ReturnType<typeof createCloseClient>;
