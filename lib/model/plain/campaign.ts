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
