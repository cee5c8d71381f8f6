import "server-only";
import type { Stream, StreamPage, SyncBatch } from "@/lib/vendors/types";
import { readEventLog, type EventsMode } from "./event-feed";
import type { CloseSession } from "./session";
import { DAY, describeWindow, newestCreatedBefore, readWindow, WindowSize } from "./windows";

/**
 * Close activities, three ways, in this order each sync:
 * 1. The event log since the last sync (re-scanning its last 5 minutes, as Close advises):
 *    edits, deletions, merges, sends of scheduled emails — and contact and task changes.
 *    When the last read is older than the log's 30 days, the log cannot say what changed:
 *    every activity is read again, and what the re-read did not see is removed (a sweep).
 * 2. The top: `date_created` windows from the high-water mark to this sync's start.
 * 3. The backfill: the first sync reads newest first, window by window back in time (the
 *    recent weeks are usable at once), down to the connection's history horizon or until
 *    Close has nothing older; each window commits, so a restart resumes where it stopped.
 */

export interface CloseActivitiesState {
  /** Everything created in [backTo, hwm) has been read. */
  hwm: string | null;
  backTo?: string | null;
  /** Close has nothing created before `backTo`. */
  exhausted?: boolean;
  /** The event log has been applied up to here (the next read starts 5 minutes before). */
  eventsAt?: string | null;
  eventsMode?: EventsMode;
  /** A complete re-read is under way; it ends by removing what it did not see. */
  reread?: boolean;
}

const MIN = 60_000;
/** Close keeps 30 days of events; an hour of margin for clocks that disagree. */
const EVENT_LOG_MS = 30 * DAY - 60 * MIN;
/** Close was founded in 2013: a backfill never looks before 2000, whatever a probe says. */
const OLDEST = Date.parse("2000-01-01T00:00:00Z");

const iso = (ms: number) => new Date(ms).toISOString();
const ms = (v: string | null | undefined) => (v ? Date.parse(v) : NaN);

export function activitiesStream(s: CloseSession): Stream<CloseActivitiesState> {
  return {
    name: "activities",
    async *pages(saved) {
      // Windows end as this stream starts: rows created meanwhile belong to the next sync.
      const runEnd = s.now();
      const floor = Math.max(OLDEST, s.horizon ?? OLDEST);
      let st: CloseActivitiesState;
      let readLog = true;
      if (!saved?.hwm) {
        // First sync: nothing to catch up on; the backfill reads everything up to now.
        st = { hwm: iso(runEnd), backTo: iso(runEnd), exhausted: false, eventsAt: iso(runEnd), reread: false };
        readLog = false;
      } else if (saved.backTo === undefined || !saved.eventsAt) {
        // A cursor from before the event log was followed: read everything again, then sweep.
        st = { ...saved, reread: true, eventsAt: iso(runEnd) };
        readLog = false;
      } else st = { ...saved };
      let done = 0;
      const progress = (window?: string) => ({
        done,
        window,
        historyBackTo: st.backTo ?? null,
        historyComplete: st.exhausted === true || ms(st.backTo) <= floor,
      });
      const page = (
        batch: SyncBatch,
        window: string | undefined,
        more: Partial<StreamPage<CloseActivitiesState>> = {},
      ) =>
        ({ batch, state: { ...st }, progress: progress(window), ...more }) satisfies StreamPage<CloseActivitiesState>;

      // 1. The event log.
      if (readLog && runEnd - (ms(st.eventsAt) - s.o.rescanMs) > EVENT_LOG_MS) {
        s.ctx.warn?.("close: the last event log read is older than the log's 30 days; reading every activity again", {
          eventsAt: st.eventsAt,
        });
        // Changes from here on are in the log for the next sync; the re-read covers everything before.
        st = { ...st, reread: true, eventsAt: iso(runEnd) };
        readLog = false;
      }
      if (readLog) {
        const readAt = s.now();
        const since = ms(st.eventsAt) - s.o.rescanMs;
        let mode: EventsMode = st.eventsMode ?? "all";
        const window = `event log since ${describeWindow(since, readAt).split(" → ")[0]}`;
        const saved = { ...st };
        for await (const p of readEventLog(s, since, mode, (m) => (mode = m))) {
          done += p.events;
          yield page(p.batch, window, {
            state: saved,
            skipped: p.skipped,
            ...(p.deleted.activities.length || p.deleted.tasks.length ? { deleted: p.deleted } : {}),
            ...(p.warnings.length ? { warnings: p.warnings } : {}),
          });
        }
        // Committed only once every page of the read is stored: a restart reads it again.
        st = { ...st, eventsAt: iso(readAt), eventsMode: mode };
        yield page({}, window);
      }
      if (st.reread) {
        // A re-read (re)starts from the top in every sync until one finishes it: its sweep
        // removes what this stream run did not write, so every row must be written in one run.
        st = { ...st, hwm: iso(runEnd), backTo: iso(runEnd), exhausted: false };
        yield page({}, "reading every activity again");
      }

      // 2. The top: what was created since the last sync.
      const size = new WindowSize(s.o);
      let from = Math.min(ms(st.hwm), runEnd) - s.o.overlapMs;
      if (ms(st.hwm) < runEnd) {
        while (from < runEnd) {
          const to = Math.min(runEnd, from + size.value);
          const window = describeWindow(from, to);
          let pages = 0;
          for await (const p of readWindow(s, from, to)) {
            pages++;
            done += p.rows.length;
            const { activities, skipped } = await s.mapActivities(p.rows);
            if (p.last) st.hwm = iso(to);
            yield page({ activities }, window, { skipped, ...(p.warning ? { warnings: [p.warning] } : {}) });
          }
          size.after(pages);
          from = to;
        }
      }

      // 3. The backfill, newest first.
      size.value = s.o.initialWindowMs;
      while (!st.exhausted && ms(st.backTo) > floor) {
        const upper = ms(st.backTo);
        const lower = Math.max(floor, upper - size.value);
        const window = describeWindow(lower, upper);
        let pages = 0;
        let rows = 0;
        for await (const p of readWindow(s, lower, upper)) {
          pages++;
          rows += p.rows.length;
          done += p.rows.length;
          const { activities, skipped } = await s.mapActivities(p.rows);
          if (p.last) st.backTo = iso(lower);
          yield page({ activities }, window, { skipped, ...(p.warning ? { warnings: [p.warning] } : {}) });
        }
        size.after(pages);
        if (rows === 0 && lower > floor) {
          // An empty window: ask whether anything older exists, and jump over the gap to it.
          const older = await newestCreatedBefore(s, lower);
          if (older === null) st.exhausted = true;
          else if (older + 1 < lower) st.backTo = iso(Math.max(floor, older + 1));
          yield page({}, window);
        }
      }

      // The end of a complete re-read: what it did not write is gone at Close.
      if (st.reread) {
        st.reread = false;
        yield page({}, undefined, { sweepActivities: { occurredFrom: s.horizon === null ? null : iso(s.horizon) } });
      } else yield page({}, undefined);
    },
  };
}
