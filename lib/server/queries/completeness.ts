import "server-only";
import { sql } from "drizzle-orm";
import type { Completeness, CompletenessReason } from "@/lib/model/plain/campaign";
import { VENDOR_LABELS, type Vendor } from "@/lib/model/vendor";
import { queryRows, type Db } from "../store/db";
import { budgetOf } from "./connections";
import { bucketSource } from "./engagement/sums";

// Issue 18: Touchline says when its copy of a campaign is partial, wherever the figure
// appears (list, campaign page, compare, overview). Partial when:
// - a sync of the campaign's connection is running (a backfill: the figures still grow);
// - a quota-limited vendor (a daily quota, its meta's `dailyQuota`) has contact histories left to read — with an
//   estimate of when the daily budget will have read them all;
// - the connector recorded windows not yet read (connections.meta.history.pendingWindows);
// - the vendor reports more emails sent than Touchline holds (whole-campaign figures only:
//   the vendor's figure is all-time).

const DAY_MS = 86_400_000;

interface ConnectionFacts {
  id: string;
  vendor: string;
  meta: Record<string, unknown>;
  running: boolean;
}

export interface CompletenessInput {
  id: string;
  connectionId: string;
  vendor: Vendor;
  /** Emails sent as Touchline counts them (for the range shown). */
  sent: number;
  vendorReported: Record<string, number | null> | null;
}

/** Facts about every connection the campaigns belong to: its meta and whether a sync runs now. */
async function connectionFacts(db: Db, ids: string[]): Promise<Map<string, ConnectionFacts>> {
  if (!ids.length) return new Map();
  const rows = await queryRows<ConnectionFacts>(
    db,
    sql`select c.id, c.vendor, c.meta,
        exists (select 1 from sync_runs r where r.connection_id = c.id and r.state = 'running') as running
      from connections c where c.id in (select value from json_array_elements_text(${JSON.stringify(ids)}::json))`,
  );
  return new Map(rows.map((r) => [r.id, { ...r, meta: (r.meta ?? {}) as Record<string, unknown> }]));
}

const fmtDay = (iso: string) =>
  new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" }).format(new Date(iso));

/**
 * When a daily budget will have read the histories left: each contact costs at least one
 * request, and the scheduled runs may spend `limit − reserve` a day (an optimistic bound,
 * so said as "about").
 */
function quotaEstimate(c: ConnectionFacts, now: number): { text: string; completeBy: string | null } | null {
  const b = budgetOf(c.vendor, c.meta, now);
  if (!b || b.historyComplete || !b.contacts || b.contacts.complete >= b.contacts.total) return null;
  const left = b.contacts.total - b.contacts.complete;
  const perDay = Math.max(1, b.limit - b.reserve);
  const todayLeft = Math.max(0, b.remaining - b.reserve);
  const afterToday = Math.max(0, left - todayLeft);
  const days = Math.ceil(afterToday / perDay);
  const completeBy =
    days === 0 ? null : new Date(Date.parse(b.resetAt) + (days - 1) * DAY_MS + DAY_MS - 1).toISOString();
  const text = `${VENDOR_LABELS[c.vendor as Vendor] ?? c.vendor}'s daily request quota: histories of ${b.contacts.complete.toLocaleString("en-GB")} of ${b.contacts.total.toLocaleString("en-GB")} contacts read${completeBy ? `, about complete by ${fmtDay(completeBy)}` : ", the rest today"}`;
  return { text, completeBy: completeBy ?? b.resetAt };
}

function pendingWindows(meta: Record<string, unknown>): number {
  const h = meta.history as { pendingWindows?: unknown } | undefined;
  return typeof h?.pendingWindows === "number" && h.pendingWindows > 0 ? h.pendingWindows : 0;
}

/** The partial campaigns of every vendor (the overview says which figures are not whole). */
export async function partialByVendor(
  db: Db,
): Promise<{ vendor: Vendor; campaigns: number; reason: string; completeBy: string | null }[]> {
  const rows = await queryRows<CompletenessInput>(
    db,
    sql`select c.id, c.connection_id as "connectionId", c.vendor, c.vendor_reported as "vendorReported",
        coalesce((select sum(e.sent) from ${bucketSource()} e where e.campaign_id = c.id), 0)::int as sent
      from campaigns c`,
  );
  const all = await completenessOf(db, rows, { whole: true });
  const by = new Map<Vendor, { vendor: Vendor; campaigns: number; reason: string; completeBy: string | null }>();
  for (const r of rows) {
    const c = all.get(r.id)!;
    if (c.state !== "partial") continue;
    const v = by.get(r.vendor) ?? { vendor: r.vendor, campaigns: 0, reason: c.reason ?? "", completeBy: c.completeBy };
    v.campaigns += 1;
    by.set(r.vendor, v);
  }
  return [...by.values()];
}

/** Completeness of each campaign; `whole`: the figures are the campaign's whole life (vendor totals comparable). */
export async function completenessOf(
  db: Db,
  campaigns: CompletenessInput[],
  opts: { whole: boolean; now?: number },
): Promise<Map<string, Completeness>> {
  const now = opts.now ?? Date.now();
  const facts = await connectionFacts(db, [...new Set(campaigns.map((c) => c.connectionId))]);
  const out = new Map<string, Completeness>();
  for (const c of campaigns) {
    const conn = facts.get(c.connectionId);
    const reasons: CompletenessReason[] = [];
    const texts: string[] = [];
    let completeBy: string | null = null;
    const theirs = typeof c.vendorReported?.sent === "number" ? c.vendorReported.sent : null;
    if (conn?.running) {
      reasons.push("backfill");
      texts.push("a sync is reading this connection now; the figures may still grow");
    }
    const quota = conn ? quotaEstimate(conn, now) : null;
    if (quota) {
      reasons.push("quota");
      texts.push(quota.text);
      completeBy = quota.completeBy;
    }
    const windows = conn ? pendingWindows(conn.meta) : 0;
    if (windows) {
      reasons.push("windows");
      texts.push(`${windows} ${windows === 1 ? "window" : "windows"} of history not yet read`);
    }
    if (opts.whole && theirs !== null && theirs > c.sent) {
      reasons.push("vendor_ahead");
      texts.push(
        `${VENDOR_LABELS[c.vendor]} reports ${theirs.toLocaleString("en-GB")} sent; Touchline holds ${c.sent.toLocaleString("en-GB")}`,
      );
    }
    out.set(c.id, {
      state: reasons.length ? "partial" : "complete",
      synced: c.sent,
      vendorReported: theirs,
      reasons,
      reason: texts.length ? `${texts.join("; ")}.` : null,
      completeBy: reasons.length ? completeBy : null,
    });
  }
  return out;
}
