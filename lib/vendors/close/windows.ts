import "server-only";
import { pageActivitySlice, type SlicePage } from "./activity-pages";
import type { ListQuery } from "./client";
import { parseCloseInstant } from "./schemas";
import type { CloseSession } from "./session";

/**
 * `date_created` windows over `GET /activity/` (VENDORS.md: "page by date_created windows, not
 * by ever-growing skips"), sized by how busy they were, and the probe that tells a backfill
 * whether Close holds anything older.
 */

export const DAY = 86_400_000;

export function describeWindow(from: number, to: number): string {
  const f = (ms: number) => {
    const s = new Date(ms).toISOString();
    return to - from >= DAY && s.endsWith("T00:00:00.000Z") ? s.slice(0, 10) : s.slice(0, 16).replace("T", " ");
  };
  return `${f(from)} → ${f(to)}`;
}

/** A window that took more pages than the target halves the next one; one under a quarter of it doubles it. */
export class WindowSize {
  value: number;
  constructor(
    private readonly o: {
      initialWindowMs: number;
      minWindowMs: number;
      maxWindowMs: number;
      targetPagesPerWindow: number;
    },
  ) {
    this.value = o.initialWindowMs;
  }
  after(pages: number): void {
    if (pages > this.o.targetPagesPerWindow) this.value = Math.max(this.o.minWindowMs, Math.floor(this.value / 2));
    else if (pages * 4 <= this.o.targetPagesPerWindow) this.value = Math.min(this.o.maxWindowMs, this.value * 2);
  }
}

/** The pages of one window [from, to), newest first. */
export function readWindow(s: CloseSession, from: number, to: number, base: ListQuery = {}): AsyncGenerator<SlicePage> {
  return pageActivitySlice(
    s.client,
    base,
    { gte: new Date(from).toISOString(), lt: new Date(to).toISOString() },
    { pageSize: s.o.pageSize, maxSkip: s.o.maxSkip },
  );
}

/**
 * When the newest activity created before `before` was created, or null when Close has none:
 * one request, newest first by `date_created` (a sort the seed documents), limited to one row.
 */
export async function newestCreatedBefore(s: CloseSession, before: number): Promise<number | null> {
  const page = await s.client.listActivities({
    _order_by: "-date_created",
    date_created__lt: new Date(before).toISOString(),
    _limit: 1,
    _fields: "id,date_created",
  });
  const row = page.rows[0] as { date_created?: unknown } | undefined;
  if (!row) return null;
  const at = parseCloseInstant(typeof row.date_created === "string" ? row.date_created : null);
  // A row without a readable date still proves there is more: step one window further back.
  return at === null ? before - 1 : Math.min(at, before - 1);
}
