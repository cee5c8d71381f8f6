import "server-only";
import { PageGuard } from "@/lib/vendors/shared/page-guard";
import type { Page } from "./client";

export interface GuardedPage extends Page {
  /** No page follows: a short page, the page that reaches `total`, or a repeated page. */
  last: boolean;
  /** The listing stopped because this page brought no new id (the vendor ignored `page`?). */
  repeated: boolean;
}

export const rowId = (row: unknown): string | null => {
  const id = (row as { id?: unknown } | null)?.id;
  return typeof id === "string" || typeof id === "number" ? String(id) : null;
};

/**
 * Every page of a `page`/`per_page` listing, from `first`, until a short page, the page that
 * reaches `total`, or a page that brings no id the guard has not seen (then `repeated`: the
 * caller stops and records `guard.warning()`). No page cap: a listing that keeps bringing
 * new ids is a listing that keeps having rows.
 */
export async function* guardedPages(
  fetchPage: (page: number) => Promise<Page>,
  guard: PageGuard,
  first = 1,
): AsyncGenerator<GuardedPage> {
  for (let page = first; ; page++) {
    const p = await guardedPage(fetchPage, guard, page);
    yield p;
    if (p.last) return;
  }
}

/** One page of a guarded listing (for callers that choose the next page themselves). */
export async function guardedPage(
  fetchPage: (page: number) => Promise<Page>,
  guard: PageGuard,
  page: number,
): Promise<GuardedPage> {
  const p = await fetchPage(page);
  const ids = p.rows.map(rowId).filter((x): x is string => x !== null);
  if (p.rows.length > 0 && !guard.fresh(ids)) return { ...p, last: true, repeated: true };
  const last = p.rows.length < p.perPage || (p.total !== null && page * p.perPage >= p.total);
  return { ...p, last, repeated: false };
}

export { PageGuard };
