import "server-only";
import type { MappedActivity } from "@/lib/vendors/types";
import { idOf, mapLeadRows } from "./rows";
import { activitiesPageSchema } from "./schemas";

// One all-leads-activities page, from its body text to mapped events, as plain functions:
// the worker (./map-worker.ts) and the in-thread fallback (./map-pool.ts) run the same code,
// so which one mapped a page never changes what is stored.

/** What the reader needs before the mapping is done: enough to ask for the next page. */
export interface PageHead {
  /** Lead rows on the page. */
  count: number;
  hasMore: boolean | null;
  /** The page's lead keys, for the repeated-page guard (lib/vendors/shared/page-guard.ts). */
  keys: string[];
}

/** A page's events, with the warnings for the rows it skipped (logged by the caller). */
export interface MappedPage {
  activities: MappedActivity[];
  skipped: number;
  warnings: [message: string, fields: Record<string, unknown> | undefined][];
}

/**
 * `unreadable`: not JSON (a truncated body: the caller asks again, as the HTTP path would);
 * `shape`: JSON, but not a page (the caller fails the request like the parsing path does).
 */
export type ParsedPage = { ok: true; head: PageHead; rows: unknown[] } | { ok: false; problem: "unreadable" | "shape" };

/** What identifies a lead's record in one window: a lead is one person in one campaign. */
export function leadKey(raw: unknown): string {
  const map = idOf(raw, "email_lead_map_id");
  if (map) return `map:${map}`;
  const lead = idOf(raw, "lead_id");
  if (lead) return `lead:${idOf(raw, "campaign_id") ?? ""}:${lead}`;
  return `row:${JSON.stringify(raw).slice(0, 500)}`;
}

export function parseActivitiesPage(text: string): ParsedPage {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: "unreadable" };
  }
  const page = activitiesPageSchema.safeParse(json);
  if (!page.success) return { ok: false, problem: "shape" };
  const rows = page.data.data;
  return { ok: true, rows, head: { count: rows.length, hasMore: page.data.hasMore ?? null, keys: rows.map(leadKey) } };
}

/** Lead rows → events; odd rows are skipped and their warnings collected, never thrown. */
export function mapPageRows(rows: unknown[]): MappedPage {
  const warnings: MappedPage["warnings"] = [];
  const { activities, skipped } = mapLeadRows(rows, (message, fields) => warnings.push([message, fields]));
  return { activities, skipped, warnings };
}
