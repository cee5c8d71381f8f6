import "server-only";
import { VendorRequestError, VendorUnavailableError } from "@/lib/vendors/shared/errors";
import type { MappedCampaign, MappedTask, Stream, StreamPage } from "@/lib/vendors/types";
import { PAGE_LIMIT, parseRows, type LemlistEnv } from "./env";
import { mapLemlistActivity, mapLemlistCampaign, mapLemlistTask } from "./map";
import {
  lemlistActivitySchema,
  lemlistCampaignSchema,
  lemlistCampaignStatsSchema,
  lemlistTaskSchema,
  type LemlistCampaignStats,
} from "./schemas";

export interface ActivitiesState {
  /** Every activity created before this instant is stored. */
  hwm: string | null;
}
export interface ListingState {
  /** When the last complete listing finished. */
  listedAt: string | null;
}

const DAY = 86_400_000;

function readHwm(state: unknown): number | null {
  const hwm = state && typeof state === "object" ? (state as { hwm?: unknown }).hwm : null;
  const t = typeof hwm === "string" ? Date.parse(hwm) : NaN;
  return Number.isFinite(t) ? t : null;
}

function describeWindow(from: number, to: number): string {
  const f = (t: number) => {
    const s = new Date(t).toISOString();
    return t % DAY === 0 ? s.slice(0, 10) : `${s.slice(0, 10)} ${s.slice(11, 16)}`;
  };
  return `${f(from)} → ${f(to)}`;
}

/**
 * Activities in date windows [from, to) up to the run's start, each paged with
 * offset/limit=100 until a short page. The last page of a window moves the high-water
 * mark to the window's end; every other page keeps the previous state. Items created
 * during the run lie after its start, so offset paging inside a past window never
 * drifts; they are picked up by the next run.
 */
export function activitiesStream(env: LemlistEnv): Stream<ActivitiesState> {
  return {
    name: "activities",
    async *pages(state) {
      const o = env.opts;
      const end = env.now().getTime();
      const hwm = readHwm(state);
      let from = hwm !== null ? hwm - o.overlapMs : end - o.initialLookbackDays * DAY;
      let current: ActivitiesState = { hwm: hwm !== null ? new Date(hwm).toISOString() : null };
      let windowMs = o.initialWindowMs;
      let done = 0;
      if (from >= end) {
        yield { batch: { activities: [] }, state: current, progress: { done } };
        return;
      }
      let requests = 0;
      while (from < end) {
        const to = Math.min(end, from + windowMs);
        // lemlist's bounds are inclusive; `maxDate = to − 1 ms` makes windows half-open so
        // neighbours never share a row. A 1 ms window must stay inclusive (maxDate > minDate).
        const maxDate = to - from >= 2 ? to - 1 : to;
        const window = describeWindow(from, to);
        let offset = 0;
        let pages = 0;
        for (;;) {
          if (++requests > o.maxPages)
            throw new VendorUnavailableError("lemlist", `GET /activities: more than ${o.maxPages} pages in one run`);
          const rows = await env.client.activities({
            minDate: new Date(from).toISOString(),
            maxDate: new Date(maxDate).toISOString(),
            offset,
            limit: PAGE_LIMIT,
          });
          pages++;
          done += rows.length;
          const { ok, skipped } = parseRows(env, rows, lemlistActivitySchema, "activity");
          for (const { row } of ok) env.learnTeamId(row.teamId);
          const activities = ok.map(({ row, raw }) => mapLemlistActivity(row, { teamId: env.teamId }, raw));
          const last = rows.length < PAGE_LIMIT;
          if (last) current = { hwm: new Date(to).toISOString() };
          const page: StreamPage<ActivitiesState> = {
            batch: { activities },
            state: current,
            progress: { done, window },
          };
          if (skipped) page.skipped = skipped;
          yield page;
          if (last) break;
          offset += rows.length;
        }
        if (pages > o.maxPagesPerWindow)
          windowMs = Math.max(
            o.minWindowMs,
            Math.floor((windowMs * ((o.minPagesPerWindow + o.maxPagesPerWindow) / 2)) / pages),
          );
        else if (pages < o.minPagesPerWindow) windowMs = Math.min(o.maxWindowMs, windowMs * 2);
        from = to;
      }
    },
  };
}

/**
 * Campaigns (offset/limit listing, then one stats call each). Stats that lemlist refuses
 * for one campaign leave its numbers empty rather than failing the listing.
 */
export function campaignsStream(env: LemlistEnv): Stream<ListingState> {
  return {
    name: "campaigns",
    async *pages(state) {
      const prev: ListingState = {
        listedAt: state && typeof state === "object" && typeof state.listedAt === "string" ? state.listedAt : null,
      };
      const now = env.now();
      await env.resolveTeamId();
      let done = 0;
      for (let offset = 0, n = 0; ; n++) {
        if (n >= env.opts.maxPages)
          throw new VendorUnavailableError("lemlist", `GET /campaigns: more than ${env.opts.maxPages} pages`);
        const rows = await env.client.campaigns(offset, PAGE_LIMIT);
        done += rows.length;
        const { ok, skipped } = parseRows(env, rows, lemlistCampaignSchema, "campaign");
        const campaigns: MappedCampaign[] = [];
        for (const { row } of ok) {
          env.learnTeamId(row.teamId);
          campaigns.push(
            mapLemlistCampaign(row, await stats(env, row._id, row.createdAt, now), { teamId: env.teamId }),
          );
        }
        const last = rows.length < PAGE_LIMIT;
        const page: StreamPage<ListingState> = {
          batch: { campaigns },
          state: last ? { listedAt: now.toISOString() } : prev,
          progress: { done },
        };
        if (skipped) page.skipped = skipped;
        yield page;
        if (last) return;
        offset += rows.length;
      }
    },
  };
}

async function stats(
  env: LemlistEnv,
  campaignId: string,
  createdAt: string | null | undefined,
  now: Date,
): Promise<LemlistCampaignStats | null> {
  // All-time numbers: from the campaign's creation (or lemlist's early days) to now.
  const created = createdAt ? Date.parse(createdAt) : NaN;
  const start =
    Number.isFinite(created) && created < now.getTime() ? new Date(created) : new Date("2015-01-01T00:00:00Z");
  try {
    const parsed = lemlistCampaignStatsSchema.safeParse(
      await env.client.campaignStats(campaignId, start.toISOString(), now.toISOString()),
    );
    if (parsed.success) return parsed.data;
    env.ctx.warn?.("lemlist campaign stats unreadable", { id: campaignId });
  } catch (err) {
    if (!(err instanceof VendorRequestError)) throw err;
    env.ctx.warn?.("lemlist campaign stats refused", { id: campaignId, status: err.status });
  }
  return null;
}

/**
 * Every open task, page by page (0-indexed) until an empty page. lemlist omits done
 * tasks, so the last page hands the engine every task id seen: stored open tasks
 * missing from it are done.
 */
export function tasksStream(env: LemlistEnv): Stream<ListingState> {
  return {
    name: "tasks",
    async *pages(state) {
      const prev: ListingState = {
        listedAt: state && typeof state === "object" && typeof state.listedAt === "string" ? state.listedAt : null,
      };
      const now = env.now();
      const seen = new Set<string>();
      let done = 0;
      for (let page = 0; ; page++) {
        if (page >= env.opts.maxPages)
          throw new VendorUnavailableError("lemlist", `GET /tasks: more than ${env.opts.maxPages} pages`);
        const rows = await env.client.tasks(page);
        if (!rows.length) {
          yield {
            batch: { tasks: [] },
            state: { listedAt: now.toISOString() },
            progress: { done },
            reconcileOpenTasks: { seenTaskIds: [...seen] },
          };
          return;
        }
        done += rows.length;
        const { ok, skipped, skippedIds } = parseRows(env, rows, lemlistTaskSchema, "task");
        // An unreadable task is still open at lemlist: it must not be reconciled to done.
        for (const id of skippedIds) seen.add(`lemlist:${id}`);
        const tasks: MappedTask[] = [];
        for (const { row, raw } of ok) {
          const t = mapLemlistTask(row, { teamId: env.teamId }, raw);
          if (seen.has(t.id)) continue;
          seen.add(t.id);
          tasks.push(t);
        }
        const out: StreamPage<ListingState> = { batch: { tasks }, state: prev, progress: { done } };
        if (skipped) out.skipped = skipped;
        yield out;
      }
    },
  };
}
