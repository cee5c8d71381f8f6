import "server-only";
import { PageGuard } from "@/lib/vendors/shared/page-guard";
import type { ConnectorContext, MappedActivity } from "@/lib/vendors/types";
import { VendorUnavailableError } from "@/lib/vendors/shared/errors";
import type { ActivitiesQuery, SmartleadClient } from "./client";
import { threadMapper, type PageMapper } from "./map-pool";
import { leadKey, mapPageRows, type MappedPage, type PageHead } from "./page-map";
import { parseVendorTime } from "./schemas";

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export const iso = (ms: number) => new Date(ms).toISOString();

/** One page of a window, mapped. `leads`: lead rows read in the window so far. */
export interface WindowPage {
  activities: MappedActivity[];
  skipped: number;
  leads: number;
  /** The window is read: the vendor said so, or a page repeated (then `warning` says so). */
  last: boolean;
  warning?: string;
}

/**
 * Every page of `event_time_from..to`, by offset until Smartlead says `hasMore: false`
 * (or, without `hasMore`, a short page). A page that brings no lead not already read in
 * this window means Smartlead ignored the offset: reading stops there with the guard's
 * warning instead of looping (lib/vendors/shared/page-guard.ts).
 *
 * Pages are parsed and mapped by `mapper` (worker threads, ./map-pool.ts). The next page is
 * asked for as soon as this one's head is parsed, while its events are still being mapped:
 * at most two pages of a window are in flight, which is the reader's back-pressure.
 */
export async function* readWindow(
  client: SmartleadClient,
  ctx: ConnectorContext,
  window: { from: number; to: number; pageLimit: number },
  mapper: PageMapper = threadMapper,
): AsyncGenerator<WindowPage> {
  const guard = new PageGuard("smartlead", "activities");
  const query = (offset: number) => ({
    offset,
    limit: window.pageLimit,
    event_time_from: iso(window.from),
    event_time_to: iso(window.to),
  });
  const request = (offset: number) => {
    const p = fetchPage(client, ctx, mapper, query(offset));
    // Asked for ahead: it may fail while this reader waits at a yield; the failure is
    // thrown when it is awaited, not reported as unhandled in between.
    p.catch(() => {});
    return p;
  };
  let offset = 0;
  let next = request(offset);
  for (;;) {
    const { head, page } = await next;
    if (head.count > 0 && !guard.fresh(head.keys)) {
      yield { activities: [], skipped: 0, leads: offset, last: true, warning: guard.warning() };
      return;
    }
    offset += head.count;
    const more = head.count > 0 && (head.hasMore ?? head.count >= window.pageLimit);
    if (more) next = request(offset);
    const { activities, skipped, warnings } = await page;
    for (const [message, fields] of warnings) ctx.warn?.(message, fields);
    yield { activities, skipped, leads: offset, last: !more };
    if (!more) return;
  }
}

/**
 * One page: its body text, parsed and mapped by `mapper`. An unreadable body (truncated)
 * is asked for again through the parsing client, which retries it as every request does.
 */
async function fetchPage(
  client: SmartleadClient,
  ctx: ConnectorContext,
  mapper: PageMapper,
  q: ActivitiesQuery,
): Promise<{ head: PageHead; page: Promise<MappedPage> }> {
  const job = mapper.submit(await client.leadActivitiesText(q), (m) => ctx.warn?.(m));
  const head = await job.head;
  if (head.ok) return { head: head.head, page: job.page };
  if (head.problem === "shape")
    throw new VendorUnavailableError("smartlead", "GET /campaigns/all-leads-activities: unexpected response shape");
  const { rows, hasMore } = await client.leadActivities(q);
  const mapped = mapPageRows(rows);
  return { head: { count: rows.length, hasMore, keys: rows.map(leadKey) }, page: Promise.resolve(mapped) };
}

/**
 * The newest send or reply time before `before` in lead rows (a probe's answer), or null.
 * Whether Smartlead returns only a lead's matching emails or all of them, an event older
 * than `before` found here is a real one, so a window reaching it is never empty.
 */
export function newestEventBefore(rows: unknown[], before: number): number | null {
  let best: number | null = null;
  const consider = (v: unknown) => {
    if (typeof v !== "string") return;
    const t = parseVendorTime(v)?.getTime();
    if (t !== undefined && t < before && (best === null || t > best)) best = t;
  };
  for (const row of rows) {
    const acts = (row as { activities?: unknown } | null)?.activities;
    if (!Array.isArray(acts)) continue;
    for (const a of acts as Record<string, unknown>[]) {
      if (!a || typeof a !== "object") continue;
      consider(a.sent_time);
      consider((a.reply_details as { time?: unknown } | null)?.time);
      if (Array.isArray(a.thread_replies)) for (const t of a.thread_replies as { time?: unknown }[]) consider(t?.time);
    }
  }
  return best;
}

/** Shrinks a window that held too many leads, doubles one that held few. */
export function nextWindowSize(
  size: number,
  leads: number,
  o: { targetLeadsPerWindow: number; maxWindowDays: number },
): number {
  if (leads > o.targetLeadsPerWindow) return Math.max(HOUR, Math.floor((size * o.targetLeadsPerWindow) / leads));
  if (leads < o.targetLeadsPerWindow / 4) return Math.min(o.maxWindowDays * DAY, size * 2);
  return size;
}
