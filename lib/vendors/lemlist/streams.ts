import "server-only";
import { VendorRequestError } from "@/lib/vendors/shared/errors";
import { figuresSchedule, type FiguresReadAt } from "@/lib/vendors/shared/figures-refresh";
import { PageGuard } from "@/lib/vendors/shared/page-guard";
import type { MappedCampaign, MappedTask, Stream, StreamPage } from "@/lib/vendors/types";
import { PAGE_LIMIT, parseRows, type LemlistEnv } from "./env";
import { mapLemlistCampaign } from "./map-campaign";
import { mapLemlistTask } from "./map-task";
import {
  lemlistCampaignSchema,
  lemlistCampaignStatsSchema,
  lemlistTaskSchema,
  type LemlistCampaignStats,
} from "./schemas";

export interface ListingState {
  /** When the last complete listing finished. */
  listedAt: string | null;
}

export interface CampaignsState extends ListingState {
  /** When each campaign's stats were last read (shared/figures-refresh.ts). */
  figuresReadAt?: FiguresReadAt;
}

export { activitiesStream, type ActivitiesState } from "./activities-stream";

const idsOf = (rows: unknown[]) =>
  rows.map((r) => (r && typeof r === "object" ? String((r as { _id?: unknown })._id) : ""));

/**
 * Campaigns (offset/limit listing, then a stats call for each campaign whose stats are due:
 * at most every 6 hours, shared/figures-refresh.ts). Stats that lemlist refuses for one
 * campaign leave its numbers empty rather than failing the listing. The listing stops on a
 * short page, or on a page that brings no new id (an ignored `offset`), warning.
 */
export function campaignsStream(env: LemlistEnv): Stream<CampaignsState> {
  return {
    name: "campaigns",
    async *pages(state) {
      const now = env.now();
      const figures = figuresSchedule(state, now);
      const prev: CampaignsState = {
        listedAt: state && typeof state === "object" && typeof state.listedAt === "string" ? state.listedAt : null,
        figuresReadAt: figures.before,
      };
      await env.resolveTeamId();
      let done = 0;
      const guard = new PageGuard("lemlist", "campaigns");
      for (let offset = 0; ;) {
        const rows = await env.client.campaigns(offset, PAGE_LIMIT);
        if (rows.length > 0 && !guard.fresh(idsOf(rows))) {
          env.ctx.warn?.(guard.warning());
          yield {
            batch: { campaigns: [] },
            state: { listedAt: now.toISOString(), figuresReadAt: { ...figures.before, ...figures.next } },
            progress: { done },
            warnings: [guard.warning()],
          };
          return;
        }
        done += rows.length;
        const { ok, skipped } = parseRows(env, rows, lemlistCampaignSchema, "campaign");
        const campaigns: MappedCampaign[] = [];
        for (const { row } of ok) {
          env.learnTeamId(row.teamId);
          const read = figures.take(row._id) ? await stats(env, row._id, row.createdAt, now) : null;
          campaigns.push(mapLemlistCampaign(row, read, { teamId: env.teamId }));
        }
        const last = rows.length < PAGE_LIMIT;
        const page: StreamPage<CampaignsState> = {
          batch: { campaigns },
          state: last ? { listedAt: now.toISOString(), figuresReadAt: figures.next } : prev,
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
 * Every open task, page by page (0-indexed) until an empty page — or a page that brings no
 * new id (the page size is undocumented, and a vendor ignoring `page` would repeat page 0
 * forever): then the listing stops with a warning. lemlist omits done tasks, so the last page
 * of a whole listing hands the engine every task id seen: stored open tasks missing from it
 * are done. A listing cut short by a repeated page reconciles nothing (it is not whole).
 *
 * lemlist's task listing has no "changed since" filter (seed 002: lead, campaign, type,
 * assignee and due-date filters only), so every listing costs every open task's page. A
 * scheduled sync lists again once the last whole listing is TASKS_EVERY_MS old; in between,
 * a sync with nothing new costs the activity and campaign listings alone (issue 17). A sync a
 * person starts lists at once, and Touchline's own task writes update the store directly.
 */
export const TASKS_EVERY_MS = 30 * 60_000;

export function tasksStream(env: LemlistEnv): Stream<ListingState> {
  return {
    name: "tasks",
    async *pages(state) {
      const prev: ListingState = {
        listedAt: state && typeof state === "object" && typeof state.listedAt === "string" ? state.listedAt : null,
      };
      const now = env.now();
      const listedMsAgo = prev.listedAt ? now.getTime() - Date.parse(prev.listedAt) : Infinity;
      if (env.ctx.scheduled && listedMsAgo >= 0 && listedMsAgo < TASKS_EVERY_MS) return;
      const seen = new Set<string>();
      const guard = new PageGuard("lemlist", "tasks");
      let done = 0;
      for (let page = 0; ; page++) {
        const rows = await env.client.tasks(page);
        if (rows.length > 0 && !guard.fresh(idsOf(rows))) {
          env.ctx.warn?.(guard.warning());
          yield { batch: { tasks: [] }, state: prev, progress: { done }, warnings: [guard.warning()] };
          return;
        }
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
