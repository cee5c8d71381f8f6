import "server-only";
import type { ConnectorContext, Stream, StreamPage } from "@/lib/vendors/types";
import type { SmartleadClient } from "./client";
import type { PageMapper } from "./map-pool";
import { DAY, iso, newestEventBefore, nextWindowSize, readWindow } from "./window-read";

export { nextWindowSize } from "./window-read";

/**
 * Where "everything" starts: no Smartlead account has an email sent before this (the
 * product is far younger). Only ever sent as a bound, never read as data.
 */
export const HISTORY_FLOOR = Date.parse("2000-01-01T00:00:00.000Z");

/** What states written before full history had read: their first sync went back 180 days. */
const LEGACY_LOOKBACK = 180 * DAY;

export interface ActivitiesState {
  /** End of the newest span read whole: each sync carries on from here (less the look-back). */
  hwm: string | null;
  /**
   * Everything from here up to `hwm` has been read; the backfill goes on below it, newest
   * first. At or below the history's floor (the connection's horizon, or HISTORY_FLOOR) the
   * history is complete.
   */
  backTo?: string | null;
  /** The oldest activity the backfill has read (what "history back to" shows once complete). */
  oldest?: string | null;
}

export interface ActivityWindowOptions {
  /**
   * Each sync re-reads the sends of this many days back: opens, clicks and further replies
   * keep arriving on an email after it was sent, and the seed does not say whether
   * `event_time_from/to` match them at all (docs/vendor-assumptions.md).
   */
  lookbackDays: number;
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
  lookbackDays: 14,
  initialWindowDays: 14,
  maxWindowDays: 60,
  targetLeadsPerWindow: 20_000,
  pageLimit: 1000,
};

const day = (ms: number) => iso(ms).slice(0, 10);

/**
 * The activities stream: date windows over `event_time_from/to`, each paged with offsets.
 *
 * 1. Recent first: from the last sync's end, less the look-back, to now (one window when
 *    it fits) — new sends and replies, and the opens and clicks that grew on recent sends.
 * 2. Then the backfill, newest first: windows going back from where it stopped until
 *    Smartlead has nothing older or the connection's horizon (`ctx.history.from`) is
 *    reached. After an empty window one probe (`limit=1`, from the floor to the window's
 *    start — `event_time_to` needs `event_time_from`, so "anything older?" is asked as a
 *    range from the floor) either ends the history or names an older event to jump to, so
 *    a gap of years costs two requests rather than one per empty window.
 *
 * Every activity of every lead a window returns is kept, whatever its date: ids are
 * stable, so an email read again by two windows (its send in one, its reply in another)
 * or by the look-back is upserted, not duplicated, and its counts are the latest.
 * Windows end at the run's start (its second), so items created during the run fall in the
 * next run and offsets inside a window never move. The state moves only when a window is read
 * whole, so a stopped sync resumes at the window it was in.
 */
export function activitiesStream(
  client: SmartleadClient,
  ctx: ConnectorContext,
  o: ActivityWindowOptions,
  mapper?: PageMapper,
): Stream<ActivitiesState> {
  return {
    name: "activities",
    async *pages(state): AsyncGenerator<StreamPage<ActivitiesState>> {
      // Smartlead stamps whole seconds: an email sent in this second, even after the run
      // started, would carry a time before it and shift the offsets of the first window
      // being read. Windows end before this second; the next run's look-back reads it.
      const end = Math.floor((ctx.now?.() ?? new Date()).getTime() / 1000) * 1000 - 1;
      const horizonMs = ctx.history?.from ? Date.parse(ctx.history.from) : NaN;
      const horizon = Number.isFinite(horizonMs) ? horizonMs : null;
      const floor = horizon ?? HISTORY_FLOOR;
      let st = startState(state);
      let done = 0;
      let yielded = false;
      let warned = false;

      const complete = () => !!st.backTo && Date.parse(st.backTo) <= floor;
      const progress = (window: string) => ({
        done,
        window,
        historyBackTo: complete() ? (horizon !== null ? iso(horizon) : (st.oldest ?? null)) : (st.backTo ?? null),
        historyComplete: complete(),
      });

      /** Reads [from, to]; `commit` gives the state once it is read whole. Returns the leads it held. */
      async function* window(
        from: number,
        to: number,
        commit: (oldest: number) => ActivitiesState,
      ): AsyncGenerator<StreamPage<ActivitiesState>, number> {
        const label = `${day(from)} → ${day(to)}`;
        let oldest = Infinity;
        for await (const p of readWindow(client, ctx, { from, to, pageLimit: o.pageLimit }, mapper)) {
          const kept =
            horizon === null ? p.activities : p.activities.filter((a) => Date.parse(a.occurredAt) >= horizon);
          for (const a of kept) oldest = Math.min(oldest, Date.parse(a.occurredAt));
          done += kept.length;
          if (p.last) st = commit(oldest);
          const warnings = p.warning && !warned ? [p.warning] : null;
          if (p.warning) warned = true;
          yielded = true;
          yield {
            batch: { activities: kept },
            state: st,
            progress: progress(label),
            ...(p.skipped ? { skipped: p.skipped } : {}),
            ...(warnings ? { warnings } : {}),
          };
          if (p.last) return p.leads;
        }
        return 0;
      }

      // 1. What is new since the last sync, and the look-back, oldest first.
      if (st.hwm) {
        const hwm = Date.parse(st.hwm);
        let from = Math.max(floor, hwm - o.lookbackDays * DAY);
        let size = Math.min(o.maxWindowDays * DAY, Math.max(o.initialWindowDays * DAY, end - from));
        while (from < end) {
          const to = Math.min(end, from + size);
          const leads = yield* window(from, to, () => ({ ...st, hwm: iso(Math.max(to, Date.parse(st.hwm!))) }));
          size = nextWindowSize(size, leads, o);
          from = to;
        }
      }

      // 2. The backfill, newest first, down to the floor.
      let before = st.backTo ? Date.parse(st.backTo) : end;
      let size = o.initialWindowDays * DAY;
      while (before > floor) {
        const from = Math.max(floor, before - size);
        const leads = yield* window(from, before, (oldest) => ({
          hwm: st.hwm ?? iso(end),
          backTo: iso(from),
          oldest: Number.isFinite(oldest) ? minIso(st.oldest, iso(oldest)) : (st.oldest ?? null),
        }));
        before = from;
        if (leads > 0 || before <= floor) {
          size = nextWindowSize(size, leads, o);
          continue;
        }
        // Nothing in this window: is there anything older at all?
        const probe = await client.leadActivities({
          offset: 0,
          limit: 1,
          event_time_from: iso(floor),
          event_time_to: iso(before - 1),
        });
        if (probe.rows.length === 0) {
          st = { ...st, backTo: iso(floor) };
          yield { batch: { activities: [] }, state: st, progress: progress(`${day(floor)} → ${day(before)}`) };
          break;
        }
        const older = newestEventBefore(probe.rows, before);
        // Reach just past the event found; a probe without a readable time widens instead.
        size = older !== null ? before - older + o.initialWindowDays * DAY : size * 2;
      }

      if (!yielded || !st.hwm) {
        st = { ...st, hwm: st.hwm ?? iso(end), backTo: st.backTo ?? iso(Math.max(floor, end)) };
        yield { batch: { activities: [] }, state: st, progress: progress(day(end)) };
      }
    },
  };
}

/** A stored state, with what states written before full history had read. */
function startState(state: ActivitiesState | null): ActivitiesState {
  if (!state?.hwm) return { hwm: null, backTo: null, oldest: null };
  if (state.backTo) return state;
  return { ...state, backTo: iso(Date.parse(state.hwm) - LEGACY_LOOKBACK), oldest: null };
}

function minIso(a: string | null | undefined, b: string): string {
  return a && a < b ? a : b;
}
