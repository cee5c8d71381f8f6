// zod-free: client components import this (a module that defines zod schemas at its top
// level brings all of zod into the page's JavaScript).

export const CAMPAIGN_STATUSES = ["draft", "active", "paused", "completed", "archived", "other"] as const;

export const ENGAGEMENT_COUNTS = [
  "sent",
  "delivered",
  "opened",
  "clicked",
  "replied",
  "bounced",
  "unsubscribed",
  "interested",
] as const;

/** One set of definitions for every vendor (DESIGN.md "Engagement definitions"). */
export const RATE_DEFINITIONS = {
  delivered: "sent − bounced",
  open: "opened / delivered",
  click: "clicked / delivered",
  reply: "replied / delivered",
  bounce: "bounced / sent",
  positive: "interested / replied",
} as const;

/**
 * Every rate names its base, on every chart and card ("of delivered"). One base per rate:
 * the funnel and the cards use these same ones.
 */
export const RATE_BASES = {
  open: "of delivered",
  click: "of delivered",
  reply: "of delivered",
  bounce: "of sent",
  positive: "of replied",
} as const;

/**
 * A rate whose numerator exceeds its base is not a rate: vendors mark people interested
 * without a reply (a call, a manual status), so "interested / replied" can pass 100 %.
 * Such a rate is null — never capped — and the page shows the counts with this reason.
 */
export const RATE_OVER_BASE_REASON =
  "more marked than in the base (vendors can mark a person without a reply), so no rate — counts shown";

/**
 * A fraction from 0 to 1, or null when the denominator is 0 — or smaller than the
 * numerator: such a figure is not a share of its base and is never capped to 100 %
 * (RATE_OVER_BASE_REASON).
 */
export function ratio(n: number, d: number): number | null {
  return d > 0 && n <= d ? n / d : null;
}

/** Why Touchline's copy of a campaign may be partial (issue 18). */
export const COMPLETENESS_REASONS = ["backfill", "quota", "windows", "vendor_ahead"] as const;
export type CompletenessReason = (typeof COMPLETENESS_REASONS)[number];

/**
 * Whether the figures of a campaign are all there: `partial` while a backfill runs, a
 * quota-limited vendor has histories left to read, windows are not yet read, or the
 * vendor reports more sent than Touchline holds. `synced` / `vendorReported` are emails
 * sent (ours / the vendor's own all-time figure); `completeBy` an estimate, when known.
 */
export interface Completeness {
  state: "complete" | "partial";
  synced: number;
  vendorReported: number | null;
  reasons: CompletenessReason[];
  /** In words, for hover/focus and screen readers; null when complete. */
  reason: string | null;
  completeBy: string | null;
}
