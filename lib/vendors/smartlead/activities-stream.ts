import { VendorUnavailableError } from "@/lib/vendors/shared/errors";
import type { ConnectorContext, Stream, StreamPage } from "@/lib/vendors/types";
import type { SmartleadClient } from "./client";
import { mapLeadRows } from "./rows";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A window that still needs this many pages is a vendor bug, not data. */
const MAX_PAGES_PER_WINDOW = 10_000;

export interface ActivitiesState {
  /** End of the last window stored whole. */
  hwm: string | null;
}

export interface ActivityWindowOptions {
  /** First sync reads this far back. */
  initialLookbackDays: number;
  /**
   * Each sync re-reads this much before the high-water mark: opens and clicks are counts
   * on an email that keep changing after it was sent (and leads get categorised after a
   * reply), so an email is re-read for this long after its send to pick them up.
   */
  overlapDays: number;
  initialWindowDays: number;
  maxWindowDays: number;
  /**
   * Lead rows one window should hold (20 pages of 1000, about 4 s at the pace); windows
   * shrink past it and grow well below it. Big windows repeat fewer leads whose emails
   * span two windows; a killed sync redoes at most one window.
   */
  targetLeadsPerWindow: number;
  /** Seed 001 allows up to 1000; the most rows per request under the 10 / 2 s pace. */
  pageLimit: number;
}

export const DEFAULT_WINDOWS: ActivityWindowOptions = {
  initialLookbackDays: 180,
  overlapDays: 10,
  initialWindowDays: 14,
  maxWindowDays: 60,
  targetLeadsPerWindow: 20_000,
  pageLimit: 1000,
};

const iso = (ms: number) => new Date(ms).toISOString();
const day = (ms: number) => iso(ms).slice(0, 10);

/**
 * The activities stream: date windows over `event_time_from/to`, each paged with offsets.
 *
 * The simulator (and our reading of seed 001) includes a lead when one of its emails was
 * sent, or replied to, inside the range, and returns only those emails. An email's events
 * are kept in the window holding their `occurredAt` (half-open [from, to)), so an email
 * whose send and reply fall in different windows yields each event once per run.
 * Windows end at the run's start, so items created during the run (page drift) fall in
 * the next run and offsets inside a window never move.
 */
export function activitiesStream(
  client: SmartleadClient,
  ctx: ConnectorContext,
  o: ActivityWindowOptions,
): Stream<ActivitiesState> {
  return {
    name: "activities",
    async *pages(state): AsyncGenerator<StreamPage<ActivitiesState>> {
      const end = (ctx.now?.() ?? new Date()).getTime();
      const previous = state?.hwm ? Date.parse(state.hwm) : NaN;
      let committed: ActivitiesState = { hwm: state?.hwm ?? null };
      let from = Number.isFinite(previous) ? previous - o.overlapDays * DAY : end - o.initialLookbackDays * DAY;
      let size = o.initialWindowDays * DAY;
      let done = 0;
      if (from >= end) {
        yield { batch: { activities: [] }, state: committed, progress: { done } };
        return;
      }
      while (from < end) {
        const to = Math.min(end, from + size);
        const window = `${day(from)} → ${day(to)}`;
        let offset = 0;
        for (let page = 0; ; page++) {
          if (page >= MAX_PAGES_PER_WINDOW)
            throw new VendorUnavailableError("smartlead", `all-leads-activities kept answering hasMore for ${window}`);
          const { rows, hasMore } = await client.leadActivities({
            offset,
            limit: o.pageLimit,
            event_time_from: iso(from),
            event_time_to: iso(to),
          });
          offset += rows.length;
          const { activities, skipped } = mapLeadRows(rows, ctx.warn);
          const inWindow = activities.filter((a) => {
            const t = Date.parse(a.occurredAt);
            return t >= from && t < to;
          });
          done += inWindow.length;
          const more = rows.length > 0 && (hasMore ?? rows.length >= o.pageLimit);
          if (!more) committed = { hwm: iso(Number.isFinite(previous) ? Math.max(to, previous) : to) };
          yield {
            batch: { activities: inWindow },
            state: committed,
            progress: { done, window },
            ...(skipped ? { skipped } : {}),
          };
          if (!more) break;
        }
        size = nextWindowSize(size, offset, o);
        from = to;
      }
    },
  };
}

/** Shrinks a window that held too many leads, doubles one that held few. */
export function nextWindowSize(
  size: number,
  leads: number,
  o: Pick<ActivityWindowOptions, "targetLeadsPerWindow" | "maxWindowDays">,
): number {
  if (leads > o.targetLeadsPerWindow) return Math.max(HOUR, Math.floor((size * o.targetLeadsPerWindow) / leads));
  if (leads < o.targetLeadsPerWindow / 4) return Math.min(o.maxWindowDays * DAY, size * 2);
  return size;
}
