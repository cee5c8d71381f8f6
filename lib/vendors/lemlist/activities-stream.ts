import "server-only";
import { PageGuard } from "@/lib/vendors/shared/page-guard";
import type { Stream, StreamPage } from "@/lib/vendors/types";
import { CallMerger } from "./calls";
import { PAGE_LIMIT, parseRows, type LemlistEnv } from "./env";
import { lemlistActivitySchema } from "./schemas";

export interface ActivitiesState {
  /** Everything created in [backTo, hwm) is stored; each sync carries on from `hwm` (less the overlap). */
  hwm: string | null;
  /** The backfill goes on below this, newest first, down to the horizon or lemlist's oldest row. */
  backTo?: string | null;
  /** lemlist has nothing created before `backTo`. */
  exhausted?: boolean;
  /** The oldest activity the backfill has read (what "history back to" shows once complete). */
  oldest?: string | null;
}

const DAY = 86_400_000;
/** No lemlist account has activity before this (lemlist is far younger). Only ever sent as a bound. */
export const HISTORY_FLOOR = Date.parse("2000-01-01T00:00:00.000Z");
/** What states written before full history had read: their first sync went back 180 days. */
const LEGACY_LOOKBACK = 180 * DAY;

const iso = (t: number) => new Date(t).toISOString();

function describeWindow(from: number, to: number): string {
  const f = (t: number) => {
    const s = iso(t);
    return t % DAY === 0 ? s.slice(0, 10) : `${s.slice(0, 10)} ${s.slice(11, 16)}`;
  };
  return `${f(from)} → ${f(to)}`;
}

function startState(state: unknown, end: number): ActivitiesState {
  const s = (state && typeof state === "object" ? state : {}) as Record<string, unknown>;
  const hwm = typeof s.hwm === "string" && Number.isFinite(Date.parse(s.hwm)) ? s.hwm : null;
  if (!hwm) return { hwm: null, backTo: iso(end), exhausted: false, oldest: null };
  const backTo =
    typeof s.backTo === "string" && Number.isFinite(Date.parse(s.backTo))
      ? s.backTo
      : iso(Date.parse(hwm) - LEGACY_LOOKBACK);
  return { hwm, backTo, exhausted: s.exhausted === true, oldest: typeof s.oldest === "string" ? s.oldest : null };
}

/**
 * lemlist activities (seed 000: `minDate`/`maxDate` on `createdAt`, inclusive; offset/limit
 * 100; newest first), in two parts each sync:
 *
 * 1. What is new: windows from the stored high-water mark (less an hour of overlap, so late
 *    rows and the rest of an Aircall call are read again and upserted) up to the run's start.
 * 2. The backfill, newest first: windows going back from where it stopped, down to the
 *    connection's horizon (`ctx.history.from`) or until lemlist has nothing older — on the
 *    first sync the recent weeks are stored within seconds and older windows follow. After an
 *    empty window one probe (`limit=1` from the floor to the window's start; rows come newest
 *    first, so it names the newest older row) either ends the history or jumps over the gap.
 *
 * Each window's last page commits the state, so a restart resumes at the window it was in;
 * windows end at the run's start, so offsets inside a window never drift. Windows adapt to
 * how many pages the previous one took. Every window's paging stops at a page that brings no
 * id it has not seen (a vendor ignoring `offset`), with a warning, instead of looping.
 * Moving the horizon back simply leaves `backTo` above the new floor: the backfill goes on.
 */
export function activitiesStream(env: LemlistEnv): Stream<ActivitiesState> {
  return {
    name: "activities",
    async *pages(state): AsyncGenerator<StreamPage<ActivitiesState>> {
      const o = env.opts;
      const end = env.now().getTime();
      const horizonMs = env.ctx.history?.from ? Date.parse(env.ctx.history.from) : NaN;
      const horizon = Number.isFinite(horizonMs) ? Math.max(HISTORY_FLOOR, horizonMs) : null;
      const floor = horizon ?? HISTORY_FLOOR;
      const first = startState(state, end);
      let st: ActivitiesState = first.hwm ? first : { ...first, hwm: iso(end) };
      const calls = new CallMerger(() => ({ teamId: env.teamId }));
      let done = 0;
      let warned = false;

      const complete = () => st.exhausted === true || Date.parse(st.backTo ?? iso(end)) <= floor;
      // `reading`: the oldest row of the backfill window being read. Rows come newest first,
      // so everything after it is stored even before the window's last page commits the state
      // (what the card and the bench show; a restart still resumes from the committed state).
      const progress = (window: string, reading?: number) => ({
        done,
        window,
        historyBackTo: complete()
          ? st.exhausted
            ? (st.oldest ?? st.backTo ?? null)
            : iso(Math.max(floor, Math.min(Date.parse(st.backTo!), end)))
          : reading !== undefined && st.backTo && reading < Date.parse(st.backTo)
            ? iso(reading)
            : (st.backTo ?? null),
        historyComplete: complete(),
      });

      /** Reads [from, to) whole; `commit` gives the state once it is. Returns the pages it took and the oldest row. */
      async function* window(
        from: number,
        to: number,
        commit: (oldest: number) => ActivitiesState,
        /** A backfill window: its progress follows the rows read (newest first) before it commits. */
        backfill = false,
      ): AsyncGenerator<StreamPage<ActivitiesState>, { pages: number; rows: number }> {
        // lemlist's bounds are inclusive; `maxDate = to − 1 ms` makes windows half-open so
        // neighbours never share a row. A 1 ms window must stay inclusive (maxDate > minDate).
        const maxDate = to - from >= 2 ? to - 1 : to;
        const label = describeWindow(from, to);
        const guard = new PageGuard("lemlist", "activities");
        let oldest = Infinity;
        let rowsIn = 0;
        // Only while lemlist keeps its documented order (newest first); else progress waits for the commit.
        let ordered = backfill;
        let previous = Infinity;
        for (let offset = 0, pages = 1; ; pages++) {
          const rows = await env.client.activities({
            minDate: iso(from),
            maxDate: iso(maxDate),
            offset,
            limit: PAGE_LIMIT,
          });
          const ids = rows.map((r) => (r && typeof r === "object" ? String((r as { _id?: unknown })._id) : ""));
          const stalled = rows.length > 0 && !guard.fresh(ids);
          const last = stalled || rows.length < PAGE_LIMIT;
          const { ok, skipped } = stalled
            ? { ok: [], skipped: 0 }
            : parseRows(env, rows, lemlistActivitySchema, "activity");
          for (const { row } of ok) {
            env.learnTeamId(row.teamId);
            const at = Date.parse(row.createdAt);
            oldest = Math.min(oldest, at);
            if (!(at <= previous)) ordered = false;
            previous = at;
          }
          const activities = calls.map(ok);
          done += ok.length;
          rowsIn += ok.length;
          if (last) st = commit(oldest);
          const warnings = stalled && !warned ? [guard.warning()] : null;
          if (stalled) {
            warned = true;
            env.ctx.warn?.(guard.warning(), { window: label });
          }
          yield {
            batch: { activities },
            state: { ...st },
            progress: progress(label, !last && ordered && Number.isFinite(oldest) ? oldest : undefined),
            ...(skipped ? { skipped } : {}),
            ...(warnings ? { warnings } : {}),
          };
          if (last) return { pages, rows: rowsIn };
          offset += rows.length;
        }
      }

      const resize = (size: number, pages: number) =>
        pages > o.maxPagesPerWindow
          ? Math.max(o.minWindowMs, Math.floor((size * ((o.minPagesPerWindow + o.maxPagesPerWindow) / 2)) / pages))
          : pages < o.minPagesPerWindow
            ? Math.min(o.maxWindowMs, size * 2)
            : size;

      // 1. What is new since the last sync (with the overlap), oldest first.
      let yielded = false;
      if (first.hwm) {
        const hwm = Date.parse(first.hwm);
        let from = Math.max(floor, hwm - o.overlapMs);
        let size = o.initialWindowMs;
        while (from < end) {
          const to = Math.min(end, from + size);
          const r = yield* window(from, to, () => ({ ...st, hwm: iso(Math.max(to, Date.parse(st.hwm!))) }));
          yielded = true;
          size = resize(size, r.pages);
          from = to;
        }
      }

      // 2. The backfill, newest first, down to the floor.
      let before = Math.min(end, Date.parse(st.backTo!));
      let size = o.initialWindowMs;
      while (!st.exhausted && before > floor) {
        const from = Math.max(floor, before - size);
        const r = yield* window(
          from,
          before,
          (oldest) => ({
            ...st,
            backTo: iso(from),
            oldest: Number.isFinite(oldest) ? minIso(st.oldest, iso(oldest)) : (st.oldest ?? null),
          }),
          true,
        );
        yielded = true;
        before = from;
        if (r.rows > 0 || before <= floor) {
          size = resize(size, r.pages);
          continue;
        }
        // Nothing in this window: is there anything older at all? (newest first: the newest older row)
        const probe = parseRows(
          env,
          await env.client.activities({ minDate: iso(floor), maxDate: iso(before - 1), offset: 0, limit: 1 }),
          lemlistActivitySchema,
          "activity",
        ).ok[0];
        const older = probe ? Date.parse(probe.row.createdAt) : NaN;
        if (!probe) {
          // Nothing between the floor and here. Under a horizon that says nothing about what
          // lies before it (a later "everything" reads on from the horizon); else the end.
          st = horizon === null ? { ...st, exhausted: true } : { ...st, backTo: iso(floor) };
          yield { batch: { activities: [] }, state: { ...st }, progress: progress(describeWindow(floor, before)) };
          break;
        }
        // Reach just past the row found; a probe without a readable time widens instead.
        size = Number.isFinite(older) && older < before ? before - older + o.initialWindowMs : size * 2;
      }

      if (!yielded) yield { batch: { activities: [] }, state: { ...st }, progress: progress(describeWindow(end, end)) };
    },
  };
}

function minIso(a: string | null | undefined, b: string): string {
  return a && a < b ? a : b;
}
