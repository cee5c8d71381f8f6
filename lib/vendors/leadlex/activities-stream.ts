import "server-only";
import { VendorRequestError } from "@/lib/vendors/shared/errors";
import type { Stream, StreamPage, SyncBatch } from "@/lib/vendors/types";
import { contactsStream } from "./contacts-stream";
import { readBack, readWindow } from "./contact-reads";
import { BudgetSpent, spend, type Directory, type StreamDeps } from "./deps";
import { personOfContactId } from "./map";

/**
 * `activities`: per contact, the only way Leadlex lists them (VENDORS.md). Each run spends
 * what the daily budget allows (budget.ts), in this order:
 *  1. news — contacts new or changed since their last read (a new `updated_date`): the
 *     newest page of a new contact, the span since the last read of a known one;
 *  2. history — one page further back at a time, most recently active contacts first, down
 *     to the connection's horizon (`history.from`; null: everything);
 *  3. in the day's last scheduled run only, what is left re-reads the contacts read longest
 *     ago, in case an activity arrived without moving its contact's `updated_date`.
 * One page per request, each with the cursor that covers it, so a stopped run resumes.
 */
export interface ContactProgress {
  /** The contact's `updated_date` (epoch ms) at its last read; absent in cursors of the first version. */
  u?: number | null;
  /** Everything created in [b, f] has been read. */
  f?: string;
  b?: string;
  /** The page to ask within `to_date = b` when a full page did not move `b` (many activities in one second). */
  bp?: number;
  /** Nothing older than `b` exists. */
  e?: 1;
  /** 404: the contact is gone (until its `updated_date` moves). */
  g?: 1;
}

export interface ActivitiesState {
  v: 2;
  c: Record<string, ContactProgress>;
}

const EPOCH = new Date(0).toISOString();

export function readActivitiesState(state: unknown): ActivitiesState {
  const s = state as (Partial<ActivitiesState> & { fetched?: Record<string, unknown> }) | null;
  if (s?.v === 2 && s.c && typeof s.c === "object") return { v: 2, c: { ...s.c } };
  // The first version read every contact's whole history at its first fetch.
  const c: Record<string, ContactProgress> = {};
  if (s?.fetched && typeof s.fetched === "object")
    for (const [id, at] of Object.entries(s.fetched)) if (typeof at === "string") c[id] = { f: at, b: EPOCH, e: 1 };
  return { v: 2, c };
}

export const isComplete = (p: ContactProgress | undefined, horizonMs: number | null): boolean =>
  !!p && (p.g === 1 || (p.b !== undefined && (p.e === 1 || (horizonMs !== null && Date.parse(p.b) <= horizonMs))));

function isDirty(p: ContactProgress | undefined, stamp: number | null): boolean {
  if (!p || p.f === undefined) return p?.g !== 1 || p.u !== stamp;
  if ("u" in p) return p.u !== stamp;
  return stamp !== null && stamp > Date.parse(p.f);
}

/** How far back the whole account is read, for the connection card and the run's progress. */
export function historySummary(dir: Directory, c: Record<string, ContactProgress>, horizonMs: number | null) {
  let complete = 0;
  let backTo: number | null = null;
  let unread = false;
  let oldest: number | null = null;
  for (const id of dir.keys()) {
    const p = c[id];
    if (isComplete(p, horizonMs)) {
      complete++;
      if (p?.b && p.g !== 1) oldest = Math.min(oldest ?? Infinity, Date.parse(p.b));
    } else if (!p?.b) unread = true;
    else backTo = Math.max(backTo ?? -Infinity, Date.parse(p.b));
  }
  const done = complete === dir.size;
  const at = done ? (horizonMs ?? oldest) : unread ? null : backTo;
  return {
    contactsTotal: dir.size,
    contactsComplete: complete,
    historyBackTo: at === null || !Number.isFinite(at) ? null : new Date(Math.max(0, at)).toISOString(),
    historyComplete: done,
  };
}

export function activitiesStream(d: StreamDeps): Stream<ActivitiesState> {
  return {
    name: "activities",
    async *pages(state) {
      d.client.assertOpen();
      const runStart = d.now();
      const toDate = runStart.toISOString();
      const fromDate = d.horizonMs === null ? undefined : new Date(d.horizonMs).toISOString();
      if (!d.shared.directory) for await (const _ of contactsStream(d).pages(null)) void _;
      const dir = d.shared.directory ?? new Map<string, number | null>();
      const { c } = readActivitiesState(state);
      const ids = [...dir.keys()].sort((a, b) => (dir.get(b) ?? -1) - (dir.get(a) ?? -1) || (a < b ? -1 : 1));
      const news = ids.filter((id) => isDirty(c[id], dir.get(id)!));
      let rows = 0;
      let steps = 0;
      // For the progress bar: the requests this run may make (each step is about one).
      const planned = d.budget.left();

      const page = (
        batch: SyncBatch,
        skipped: number,
        warnings: string[],
        label: string,
      ): StreamPage<ActivitiesState> => {
        const h = historySummary(dir, c, d.horizonMs);
        return {
          batch,
          state: { v: 2, c: { ...c } },
          progress: {
            done: ++steps,
            total: Math.max(planned, steps),
            window: `${label} · ${rows} activities · ${h.contactsComplete} of ${h.contactsTotal} contacts complete`,
            historyBackTo: h.historyBackTo,
            historyComplete: h.historyComplete,
          },
          skipped,
          ...(warnings.length ? { warnings } : {}),
        };
      };
      const ask = <T>(request: () => Promise<T>) => spend(d, request);

      /** One step on one contact; null when the contact is gone. */
      const step = async (id: string, kind: "news" | "history" | "recheck") => {
        const p: ContactProgress = { ...c[id] };
        const person = personOfContactId(id);
        const stamp = dir.get(id) ?? null;
        try {
          if (kind === "history" || p.f === undefined) {
            const to = p.b ?? toDate;
            const got = await readBack(d, id, person, { fromDate, toDate: to, page: p.b ? (p.bp ?? 1) : 1 }, ask);
            if (p.f === undefined) p.f = toDate;
            const moved = got.oldest !== null && got.oldest < Date.parse(to);
            p.b = moved ? new Date(got.oldest!).toISOString() : to;
            // The end of a window that stops at the horizon is the horizon, not the contact's first activity.
            if (got.end && fromDate !== undefined) p.b = fromDate;
            else if (got.end) p.e = 1;
            if (moved || got.end) delete p.bp;
            else p.bp = (p.bp ?? 1) + 1;
            if (kind !== "history") p.u = stamp;
            c[id] = p;
            return got;
          }
          const since = new Date(Date.parse(p.f) - d.overlapMs).toISOString();
          const got = await readWindow(d, id, person, { fromDate: since, toDate }, ask);
          c[id] = { ...p, f: toDate, u: stamp };
          return got;
        } catch (err) {
          // Deleted between the listing and the read: nothing to read until it changes again.
          if (!(err instanceof VendorRequestError && err.status === 404)) throw err;
          d.warn?.("leadlex: contact vanished before its activities were read", { id });
          c[id] = { g: 1, u: stamp };
          return null;
        }
      };

      try {
        for (const id of news) {
          if (!d.budget.canSpend()) break;
          const got = await step(id, "news");
          rows += got?.activities.length ?? 0;
          yield page({ activities: got?.activities ?? [] }, got?.skipped ?? 0, got?.warnings ?? [], "news");
        }
        for (const id of ids) {
          while (!isComplete(c[id], d.horizonMs) && c[id]?.b !== undefined && d.budget.canSpend()) {
            const got = await step(id, "history");
            rows += got?.activities.length ?? 0;
            yield page({ activities: got?.activities ?? [] }, got?.skipped ?? 0, [], "history");
          }
          if (!d.budget.canSpend()) break;
        }
        if (d.budget.lastSlotOfDay()) {
          const stale = ids
            .filter((id) => c[id]?.f !== undefined && c[id]?.g !== 1 && !news.includes(id))
            .sort((a, b) => Date.parse(c[a]!.f!) - Date.parse(c[b]!.f!));
          for (const id of stale) {
            if (!d.budget.canSpend()) break;
            const got = await step(id, "recheck");
            rows += got?.activities.length ?? 0;
            yield page({ activities: got?.activities ?? [] }, got?.skipped ?? 0, got?.warnings ?? [], "re-check");
          }
        }
      } catch (err) {
        if (!(err instanceof BudgetSpent)) throw err;
      }
      const h = historySummary(dir, c, d.horizonMs);
      d.report({ leadlex: h });
      // Always one page, so the run's progress and the cursor say where the history stands.
      yield page({}, 0, [], steps === 0 ? "nothing to read" : "done");
    },
  };
}
