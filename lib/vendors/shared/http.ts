import "server-only";
import type { Vendor } from "@/lib/model/vendor";
import { VendorAuthError, VendorRequestError, VendorUnavailableError } from "./errors";
import type { PacerSlot, SlidingWindowPacer } from "./pacer";
import { noteRequest } from "./request-count";

export interface VendorHttpOptions {
  vendor: Vendor;
  baseUrl: string;
  /** Adds the vendor's auth to the request (a header, or an `api_key` query parameter). */
  authorize(url: URL, headers: Headers): void;
  /** Every pacer must grant a slot before a request starts (a vendor may have a minute and a day budget). */
  pacers: SlidingWindowPacer[];
  /** The key and anything else that must never appear in an error message. */
  secrets: string[];
  timeoutMs?: number;
  maxRetries?: number;
  maxRateLimitRetries?: number;
  maxBackoffMs?: number;
  /** Vendor hook to learn from headers (a `RateLimit` header, quota headers). */
  onResponse?(res: Response): void;
  /**
   * Called when a request got no answer (timed out, connection dropped). The vendor may still
   * have counted it: a client that budgets a scarce quota counts it as spent.
   */
  onNoAnswer?(): void;
  /** Vendor hook for how long a 429 asks to wait, in ms (default: `Retry-After`). */
  retryAfterMs?(res: Response, bodyText: string): number | null;
  /** Called with the time spent waiting for the vendor's rate limit. */
  onRateLimitWait?(ms: number): void;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** The clock the pacers run on (tests with a simulated clock); default Date.now. */
  now?: () => number;
}

export interface VendorResponse {
  status: number;
  headers: Headers;
  data: unknown;
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined | null>;
  signal?: AbortSignal;
  method?: "GET" | "POST" | "PATCH" | "PUT";
  body?: unknown;
  /**
   * Answer the body as text, unparsed (`data` is the string): a caller that parses it
   * elsewhere (off the main thread, lib/vendors/smartlead/map-pool.ts) and asks again
   * through the parsing path when it is unreadable.
   */
  text?: boolean;
}

/** `Retry-After` as seconds or an HTTP date, in ms from now. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const secs = Number(value);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}

export function scrubSecrets(text: string, secrets: string[]): string {
  let out = text;
  for (const s of secrets)
    if (s && s.length >= 4) out = out.split(s).join("[redacted]").split(encodeURIComponent(s)).join("[redacted]");
  return out.replace(/([?&]api_key=)[^&\s"']+/gi, "$1[redacted]");
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The one HTTP path to a vendor: pacing, timeouts, `redirect: "error"`, retries of
 * 5xx / network errors / unreadable bodies with capped exponential backoff and full
 * jitter, 429 honoured through Retry-After, and 400/401/403/404 never retried.
 */
export function createVendorHttp(o: VendorHttpOptions) {
  const timeoutMs = o.timeoutMs ?? 30_000;
  const maxRetries = o.maxRetries ?? 5;
  const maxRateLimitRetries = o.maxRateLimitRetries ?? 20;
  const maxBackoffMs = o.maxBackoffMs ?? 20_000;
  const doFetch = o.fetch ?? fetch;
  const sleep = o.sleep ?? defaultSleep;
  const now = o.now ?? Date.now;
  const base = o.baseUrl.replace(/\/+$/, "");
  const clean = (s: string) => scrubSecrets(s, o.secrets).slice(0, 300);

  async function request(path: string, opts: RequestOptions = {}): Promise<VendorResponse> {
    const url = new URL(base + (path.startsWith("/") ? path : `/${path}`));
    for (const [k, v] of Object.entries(opts.query ?? {}))
      if (v !== undefined && v !== null) url.searchParams.set(k, String(v));
    const headers = new Headers({ accept: "application/json" });
    if (opts.body !== undefined) headers.set("content-type", "application/json");
    o.authorize(url, headers);
    const what = `${opts.method ?? "GET"} ${path}`;

    let failures = 0;
    let limited = 0;
    let lastProblem = "";
    for (;;) {
      opts.signal?.throwIfAborted();
      const waitStart = now();
      const slots: PacerSlot[] = [];
      for (const p of o.pacers) slots.push(await p.acquire(opts.signal));
      const waited = now() - waitStart;
      if (waited > 5) o.onRateLimitWait?.(waited);

      let res: Response;
      let text: string;
      noteRequest();
      try {
        ({ res, text } = await fetchText(
          url,
          {
            method: opts.method ?? "GET",
            headers,
            body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
          },
          opts.signal,
          () => {
            for (const slot of slots) slot.done();
          },
        ));
      } catch (err) {
        o.onNoAnswer?.();
        if (opts.signal?.aborted) throw opts.signal.reason;
        lastProblem =
          err instanceof Error && err.name === "TimeoutError"
            ? `timed out after ${timeoutMs} ms`
            : `network error (${err instanceof Error ? err.message : "unknown"})`;
        if (++failures > maxRetries) throw new VendorUnavailableError(o.vendor, clean(`${what}: ${lastProblem}`));
        await sleep(backoff(failures));
        continue;
      }
      o.onResponse?.(res);

      if (res.status === 429) {
        const ms =
          o.retryAfterMs?.(res, text) ?? parseRetryAfter(res.headers.get("retry-after"), now()) ?? backoff(limited + 1);
        o.pacers[0]?.pauseUntil(now() + ms);
        if (++limited > maxRateLimitRetries)
          throw new VendorUnavailableError(o.vendor, clean(`${what}: still rate limited after ${limited} waits`));
        continue;
      }
      if (res.status === 401 || res.status === 403)
        throw new VendorAuthError(o.vendor, res.status, clean(`${what}: ${text || res.statusText}`));
      if (res.status >= 500) {
        lastProblem = `HTTP ${res.status}`;
        if (++failures > maxRetries)
          throw new VendorUnavailableError(o.vendor, clean(`${what}: ${lastProblem} after ${failures} attempts`));
        await sleep(backoff(failures));
        continue;
      }
      if (res.status >= 400)
        throw new VendorRequestError(o.vendor, res.status, clean(`${what}: ${text || res.statusText}`));

      if (opts.text) return { status: res.status, headers: res.headers, data: text };
      if (text === "") return { status: res.status, headers: res.headers, data: null };
      try {
        return { status: res.status, headers: res.headers, data: JSON.parse(text) };
      } catch {
        // A truncated or garbled body is a transport failure: ask again.
        lastProblem = "unreadable JSON body";
        if (++failures > maxRetries) throw new VendorUnavailableError(o.vendor, clean(`${what}: ${lastProblem}`));
        await sleep(backoff(failures));
      }
    }
  }

  /**
   * The answer and its whole body within `timeoutMs`. The timer is our own, not
   * AbortSignal.timeout(): inside AbortSignal.any() Node 20 holds that signal weakly, and a
   * garbage collection while the vendor keeps quiet loses it, so the request (and the sync)
   * would hang for good (nodejs/node#57736).
   */
  async function fetchText(
    url: URL,
    init: Pick<RequestInit, "method" | "headers" | "body">,
    outer: AbortSignal | undefined,
    /** Called once the answer's headers are in (or the request failed): the pacers' "counted by now". */
    answered: () => void,
  ): Promise<{ res: Response; text: string }> {
    const timeout = new AbortController();
    const timer = setTimeout(
      () => timeout.abort(new DOMException(`timed out after ${timeoutMs} ms`, "TimeoutError")),
      timeoutMs,
    );
    try {
      const res = await doFetch(url, {
        ...init,
        redirect: "error",
        signal: outer ? AbortSignal.any([outer, timeout.signal]) : timeout.signal,
      }).finally(answered);
      return { res, text: await res.text() };
    } finally {
      clearTimeout(timer);
    }
  }

  function backoff(attempt: number): number {
    const cap = Math.min(maxBackoffMs, 250 * 2 ** attempt);
    return Math.round(cap / 2 + Math.random() * (cap / 2));
  }

  return { request };
}

export type VendorHttp = ReturnType<typeof createVendorHttp>;
