// zod-free, for client components (a module that defines zod schemas brings all of zod
// along): the engagement page's constants, its date helpers and the query string it sends
// (lib/model/engagement.ts holds the schemas that parse it).
import { RATE_DEFINITIONS } from "./campaign";

export const ENGAGEMENT_INTERVALS = ["day", "week"] as const;
export type EngagementInterval = (typeof ENGAGEMENT_INTERVALS)[number];
export const BOTS_MODES = ["exclude", "include"] as const;
export type BotsMode = (typeof BOTS_MODES)[number];
/** Which replies count (issue 18): people's answers only (default), or every reply incl. auto-replies, opt-outs and bounce notices. */
export const REPLY_MODES = ["human", "all"] as const;
export type ReplyMode = (typeof REPLY_MODES)[number];

/** The reply rate's formula for each mode, said beside the figure. */
export const REPLY_FORMULAS: Record<ReplyMode, string> = {
  human: "replies written by a person (auto-replies, opt-outs and bounce notices left out) / delivered",
  all: "every reply (auto-replies, opt-outs and bounce notices included) / delivered",
};

/** What each count means (DESIGN.md "Engagement definitions"), shown beside every figure. */
export const COUNT_DEFINITIONS = {
  sent: "emails sent",
  bounced: "emails bounced",
  delivered: RATE_DEFINITIONS.delivered,
  opened: "people × steps with at least one open (machine opens excluded unless included)",
  clicked: "people × steps with at least one click (machine clicks excluded unless included)",
  replied: "people × steps with at least one reply",
  interested: "people × steps marked interested",
  unsubscribed: "people × steps that unsubscribed",
} as const;

// ---------------------------------------------------------------------------
// Dates and zones, without a library.

// Dates and zones come from lib/dates, the one place for zone and day arithmetic; these
// are the names the engagement code has always used.
export {
  addDays as addCalendarDays,
  calendarDayOf as calendarDayIn,
  isCalendarDate as isCalendarDay,
  startOfIsoWeek as isoWeekStart,
  validTimeZone as engagementTimeZone,
} from "@/lib/dates";

/** Query strings the pages send, from the same fields the routes parse (absent = the server's default). */
export function engagementSearch(q: {
  from?: string | null;
  to?: string | null;
  tz?: string | null;
  interval?: EngagementInterval | null;
  bots?: BotsMode | null;
  replies?: ReplyMode | null;
}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) p.set(k, v);
  return p.toString();
}

/** Campaign ids hold a colon (`<vendor>:<campaign id>`): a path segment may arrive encoded or not. */
export function decodeCampaignId(segment: string): string {
  try {
    return segment.includes("%") ? decodeURIComponent(segment) : segment;
  } catch {
    return segment;
  }
}
