// zod-free, for client components (a module that defines zod schemas brings all of zod
// along): the engagement page's constants, its date helpers and the query string it sends
// (lib/model/engagement.ts holds the schemas that parse it).
import { RATE_DEFINITIONS } from "./campaign";

export const ENGAGEMENT_INTERVALS = ["day", "week"] as const;
export type EngagementInterval = (typeof ENGAGEMENT_INTERVALS)[number];
export const BOTS_MODES = ["exclude", "include"] as const;
export type BotsMode = (typeof BOTS_MODES)[number];

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

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isCalendarDay(s: string): boolean {
  if (!CALENDAR_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** An IANA zone in its canonical spelling, or null. Offsets like `+02:00` are refused: PostgreSQL reads POSIX offsets with the opposite sign. */
export function engagementTimeZone(tz: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(tz)) return null;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** The calendar day (`YYYY-MM-DD`) of a date or instant in `tz`. */
export function calendarDayIn(value: string | number | Date, tz: string): string {
  if (typeof value === "string" && isCalendarDay(value)) return value;
  return new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(value),
  );
}

/** `YYYY-MM-DD` + n days (calendar arithmetic; no zone involved). */
export function addCalendarDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The Monday of the ISO week holding `day`. */
export function isoWeekStart(day: string): string {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addCalendarDays(day, -((dow + 6) % 7));
}

/** Query strings the pages send, from the same fields the routes parse (absent = the server's default). */
export function engagementSearch(q: {
  from?: string | null;
  to?: string | null;
  tz?: string | null;
  interval?: EngagementInterval | null;
  bots?: BotsMode | null;
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
