import "server-only";
import type { z } from "zod";
import { VendorRequestError } from "@/lib/vendors/shared/errors";
import type { ConnectorContext } from "@/lib/vendors/types";
import type { LemlistClient, LemlistClientOptions } from "./client";
import { issuePaths, lemlistTeamSchema } from "./schemas";

export interface LemlistSyncOptions {
  /** Re-syncs start this long before the stored high-water mark (late rows upsert, never duplicate). */
  overlapMs?: number;
  /** First window of a run; later windows adapt to how many pages the previous one took. */
  initialWindowMs?: number;
  minWindowMs?: number;
  maxWindowMs?: number;
  /** Windows are resized to stay between these page counts. */
  minPagesPerWindow?: number;
  maxPagesPerWindow?: number;
}

export type LemlistConnectorOptions = LemlistClientOptions & LemlistSyncOptions;

const DAY = 86_400_000;
export const LEMLIST_SYNC_DEFAULTS: Required<LemlistSyncOptions> = {
  overlapMs: 60 * 60_000,
  initialWindowMs: 7 * DAY,
  minWindowMs: 60_000,
  maxWindowMs: 90 * DAY,
  minPagesPerWindow: 10,
  maxPagesPerWindow: 60,
};

/** lemlist's `limit` maximum (seed 000: "Default: 100. Maximum: 100"). */
export const PAGE_LIMIT = 100;

/** What the streams of one session share: the client, the options and the team id for deep links. */
export interface LemlistEnv {
  client: LemlistClient;
  ctx: ConnectorContext;
  opts: Required<LemlistSyncOptions>;
  now(): Date;
  teamId: string | null;
  /** The team id stored, or from rows already seen, or one `GET /team` (best effort: links only). */
  resolveTeamId(): Promise<string | null>;
  learnTeamId(id: string | null | undefined): void;
}

export function createEnv(client: LemlistClient, ctx: ConnectorContext, options: LemlistConnectorOptions): LemlistEnv {
  const opts = { ...LEMLIST_SYNC_DEFAULTS, ...stripUndefined(options) } as Required<LemlistSyncOptions>;
  let asked = false;
  // The team id an earlier session learnt (connections.meta): a sync with nothing new then
  // costs no `GET /team`.
  const stored = typeof ctx.meta?.teamId === "string" && ctx.meta.teamId ? ctx.meta.teamId : null;
  const env: LemlistEnv = {
    client,
    ctx,
    opts,
    now: () => ctx.now?.() ?? new Date(),
    teamId: stored,
    learnTeamId(id) {
      if (env.teamId || !id) return;
      env.teamId = id;
      ctx.onMeta?.({ teamId: id });
    },
    async resolveTeamId() {
      if (env.teamId || asked) return env.teamId;
      asked = true;
      try {
        const team = lemlistTeamSchema.safeParse(await client.team());
        if (team.success) env.learnTeamId(team.data._id);
      } catch (err) {
        // Only deep links depend on it; a refused key fails the next real request anyway.
        if (!(err instanceof VendorRequestError)) throw err;
      }
      return env.teamId;
    },
  };
  return env;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Parses each row on its own: a row that fails is left out, logged with its id and the
 * issue paths, and counted — one odd row never stops a sync.
 */
export function parseRows<S extends z.ZodType>(
  env: LemlistEnv,
  rows: unknown[],
  schema: S,
  what: string,
): { ok: { row: z.infer<S>; raw: unknown }[]; skipped: number; skippedIds: string[] } {
  const ok: { row: z.infer<S>; raw: unknown }[] = [];
  const skippedIds: string[] = [];
  let skipped = 0;
  for (const raw of rows) {
    const parsed = schema.safeParse(raw);
    if (parsed.success) {
      ok.push({ row: parsed.data, raw });
      continue;
    }
    skipped++;
    const id =
      raw && typeof raw === "object" && typeof (raw as { _id?: unknown })._id === "string"
        ? (raw as { _id: string })._id
        : null;
    if (id) skippedIds.push(id);
    env.ctx.warn?.(`lemlist ${what} skipped: unreadable row`, { id, issues: issuePaths(parsed.error) });
  }
  return { ok, skipped, skippedIds };
}
