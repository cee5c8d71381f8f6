import "server-only";
import { VendorRequestError } from "@/lib/vendors/shared/errors";
import { PageGuard } from "@/lib/vendors/shared/page-guard";
import type { CloseClient, ListQuery } from "./client";

/**
 * Pages `GET /activity/` over one `date_created` slice, newest first, by `_skip` — and
 * never past Close's `_skip` maximum (VENDORS.md: "page by date_created windows, not by
 * ever-growing skips"). When the next skip would come near the maximum, the rest of the
 * slice is everything at or before the oldest row seen so far: the slice is split there
 * and paged again from skip 0. Rows on the split instant that were already yielded are
 * not yielded twice. A page that brings no row not already read in this slice ends it with
 * a warning (a Close that ignored `_skip` would otherwise repeat the first page forever).
 */
export interface SlicePage {
  rows: unknown[];
  /** The last page of the slice. */
  last: boolean;
  /** Set when the slice stopped because a page repeated rows already read. */
  warning?: string;
}

export interface SliceOptions {
  pageSize: number;
  maxSkip: number;
}

const field = (row: unknown, name: string): string | null => {
  const v = row && typeof row === "object" ? (row as Record<string, unknown>)[name] : undefined;
  return typeof v === "string" ? v : null;
};

export async function* pageActivitySlice(
  client: CloseClient,
  base: ListQuery,
  slice: { gte?: string; lt?: string },
  o: SliceOptions,
): AsyncGenerator<SlicePage> {
  let skip = 0;
  let upper: { lt?: string; lte?: string } = slice.lt ? { lt: slice.lt } : {};
  // Ids already yielded whose date_created equals the current `lte` bound.
  let onBoundary = new Set<string>();
  // The newest-first run of rows sharing the oldest date_created seen so far (may span pages).
  let tail: { at: string | null; ids: Set<string> } = { at: null, ids: new Set() };
  const guard = new PageGuard("close", "activities");
  // Each round either advances the skip or moves the upper bound strictly older, so this ends;
  // a vendor that keeps answering has_more with the same rows is stopped by the guard.
  for (;;) {
    const { rows, hasMore } = await client.listActivities({
      ...base,
      _limit: o.pageSize,
      _skip: skip,
      date_created__gte: slice.gte,
      date_created__lt: upper.lt,
      date_created__lte: upper.lte,
    });
    if (rows.length > 0 && !guard.fresh(rows.map((r) => field(r, "id") ?? ""))) {
      yield { rows: [], last: true, warning: guard.warning() };
      return;
    }
    const fresh = onBoundary.size ? rows.filter((r) => !onBoundary.has(field(r, "id") ?? "")) : rows;
    for (const r of rows) {
      const at = field(r, "date_created");
      if (at !== tail.at) tail = { at, ids: new Set() };
      tail.ids.add(field(r, "id") ?? "");
    }
    if (!hasMore || rows.length === 0) {
      yield { rows: fresh, last: true };
      return;
    }
    const nextSkip = skip + rows.length;
    if (nextSkip + o.pageSize > o.maxSkip) {
      const oldest = field(rows[rows.length - 1], "date_created");
      if (!oldest || oldest === upper.lte) {
        throw new VendorRequestError(
          "close",
          400,
          `more than ${o.maxSkip} activities share date_created ${oldest ?? "(missing)"}; cannot page past Close's _skip maximum`,
        );
      }
      onBoundary = tail.ids;
      upper = { lte: oldest };
      skip = 0;
    } else {
      skip = nextSkip;
    }
    yield { rows: fresh, last: false };
  }
}
