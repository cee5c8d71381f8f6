import "server-only";
import { PageGuard } from "@/lib/vendors/shared/page-guard";
import type { ConnectorContext, MappedActivity } from "@/lib/vendors/types";
import type { SmartleadClient } from "./client";
import { idOf, mapLeadRows } from "./rows";
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

/** What identifies a lead's record in one window: a lead is one person in one campaign. */
function leadKey(raw: unknown): string {
  const map = idOf(raw, "email_lead_map_id");
  if (map) return `map:${map}`;
  const lead = idOf(raw, "lead_id");
  if (lead) return `lead:${idOf(raw, "campaign_id") ?? ""}:${lead}`;
  return `row:${JSON.stringify(raw).slice(0, 500)}`;
}

/**
 * Every page of `event_time_from..to`, by offset until Smartlead says `hasMore: false`
 * (or, without `hasMore`, a short page). A page that brings no lead not already read in
 * this window means Smartlead ignored the offset: reading stops there with the guard's
 * warning instead of looping (lib/vendors/shared/page-guard.ts).
 */
export async function* readWindow(
  client: SmartleadClient,
  ctx: ConnectorContext,
  window: { from: number; to: number; pageLimit: number },
): AsyncGenerator<WindowPage> {
  const guard = new PageGuard("smartlead", "activities");
  let offset = 0;
  for (;;) {
    const { rows, hasMore } = await client.leadActivities({
      offset,
      limit: window.pageLimit,
      event_time_from: iso(window.from),
      event_time_to: iso(window.to),
    });
    if (rows.length > 0 && !guard.fresh(rows.map(leadKey))) {
      yield { activities: [], skipped: 0, leads: offset, last: true, warning: guard.warning() };
      return;
    }
    offset += rows.length;
    const { activities, skipped } = mapLeadRows(rows, ctx.warn);
    const more = rows.length > 0 && (hasMore ?? rows.length >= window.pageLimit);
    yield { activities, skipped, leads: offset, last: !more };
    if (!more) return;
  }
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
