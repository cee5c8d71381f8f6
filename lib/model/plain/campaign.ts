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
