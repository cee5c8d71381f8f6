import "server-only";
import type { MappedActivity, PersonRef } from "@/lib/vendors/types";
import type { LeadlexClient, Page } from "./client";
import { mapActivityRows } from "./map";
import { guardedPages, PageGuard } from "./paging";
import { activityRowSchema, parseRows, type Warn } from "./schemas";
import { parseInstant } from "./time";

/** One contact's activities, read newest first (seed 003: `from_date` / `to_date` inclusive). */

type Ask = <T>(request: () => Promise<T>) => Promise<T>;
const free: Ask = (request) => request();

export interface WindowRead {
  activities: MappedActivity[];
  skipped: number;
  warnings: string[];
}

function mapPage(p: Page, person: PersonRef | null, warn: Warn | undefined, into: Map<string, MappedActivity>) {
  const parsed = parseRows(p.rows, activityRowSchema, "activity", warn);
  let oldest: number | null = null;
  for (const r of parsed.rows) {
    for (const a of mapActivityRows(r.value, r.raw, person)) into.set(a.id, a);
    const at = parseInstant(r.value.created_date) ?? parseInstant(r.value.created_at);
    if (at !== null && (oldest === null || at < oldest)) oldest = at;
  }
  return { skipped: parsed.skipped, oldest };
}

/** Every activity created in [fromDate, toDate], all pages (the live path, and re-reads of a contact's news). */
export async function readWindow(
  d: { client: LeadlexClient; warn?: Warn },
  contactId: string,
  person: PersonRef | null,
  window: { fromDate?: string; toDate?: string },
  ask: Ask = free,
  maxPages = Infinity,
): Promise<WindowRead> {
  const byId = new Map<string, MappedActivity>();
  const guard = new PageGuard("leadlex", "activities");
  let skipped = 0;
  let pages = 0;
  const warnings: string[] = [];
  for await (const p of guardedPages(
    (page) => ask(() => d.client.listActivities(contactId, { page, ...window })),
    guard,
  )) {
    skipped += mapPage(p, person, d.warn, byId).skipped;
    if (p.repeated) warnings.push(guard.warning());
    if (++pages >= maxPages) break;
  }
  return { activities: [...byId.values()], skipped, warnings };
}

export interface BackRead extends WindowRead {
  /** The oldest creation time on the page (ms), or null for an empty page. */
  oldest: number | null;
  /** Nothing older is left in the window. */
  end: boolean;
}

/** One page of history going back: the newest `per_page` activities created in [fromDate, toDate]. */
export async function readBack(
  d: { client: LeadlexClient; warn?: Warn },
  contactId: string,
  person: PersonRef | null,
  window: { fromDate?: string; toDate: string; page: number },
  ask: Ask = free,
): Promise<BackRead> {
  const p = await ask(() => d.client.listActivities(contactId, window));
  const byId = new Map<string, MappedActivity>();
  const { skipped, oldest } = mapPage(p, person, d.warn, byId);
  const end = p.rows.length < p.perPage || (p.total !== null && window.page * p.perPage >= p.total);
  return { activities: [...byId.values()], skipped, warnings: [], oldest, end };
}
