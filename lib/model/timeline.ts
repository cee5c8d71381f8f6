import { REPLY_CLASSES } from "./plain/reply-class";
import { z } from "zod";
import { activitySchema } from "./activity";
import { TIMELINE_KINDS } from "./plain/timeline";
import { commaList, cursorSchema, limitSchema, optionalText, timeZoneSchema, zonedToUtc } from "./query-params";
import { taskSchema } from "./task";
import type { ZonedParts } from "@/lib/dates/zone";
import { VENDORS } from "./vendor";
import { vendorSchema } from "./vendor-schema";

export {
  KIND_LABELS,
  REPLY_KINDS,
  TIMELINE_KIND_GROUPS,
  TIMELINE_KINDS,
  timelineSearchParams,
  type TimelineKind,
  type TimelineRequest,
} from "./plain/timeline";

export const timelineKindSchema = z.enum(TIMELINE_KINDS);

/**
 * The contact timeline (API.md "Contacts and timeline"): one person's activities and
 * tasks from every vendor on one line, newest first, ties broken by id (descending).
 *
 * Where a task sits on the line (its `occurredAt` in a timeline item):
 * - a task with a due time sits at that time;
 * - a date-only due date sits at noon of that day in the request's `tz` (so it falls on
 *   its own calendar day for the viewer, never shifted through UTC);
 * - a task with no due date sits at its creation time (or, when the vendor gives none,
 *   the time Touchline first stored it).
 * The cursor, the date range and the sort all use this one instant, so paging through
 * the union of activities and tasks is consistent.
 */

// ---------------------------------------------------------------------------
// Date bounds: `YYYY-MM-DD` (a calendar day in `tz`, inclusive) or an ISO datetime
// (with Z/offset: that instant; without: a wall-clock time in `tz`).

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;

export type DateBound =
  | { kind: "date"; year: number; month: number; day: number; text: string }
  | ({ kind: "local"; ms: number; text: string } & ZonedParts)
  | { kind: "instant"; ms: number; text: string };

function validDay(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return y >= 1970 && y <= 2999 && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

export function parseDateBound(raw: string): DateBound | null {
  const s = raw.trim();
  let m = DATE_ONLY.exec(s);
  if (m) {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return validDay(year, month, day) ? { kind: "date", year, month, day, text: s } : null;
  }
  m = LOCAL_DATETIME.exec(s);
  if (m) {
    const [year, month, day, hour, minute] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])];
    const second = Number(m[6] ?? 0);
    const ms = Number((m[7] ?? "0").padEnd(3, "0").slice(0, 3));
    if (!validDay(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
    return { kind: "local", year, month, day, hour, minute, second, ms, text: s };
  }
  if (!z.iso.datetime({ offset: true }).safeParse(s).success) return null;
  const ms = Date.parse(s);
  if (Number.isNaN(ms) || ms < 0 || ms > Date.UTC(2999, 11, 31)) return null;
  return { kind: "instant", ms, text: s };
}

const dateBoundSchema = z
  .string()
  .transform((raw, ctx) => {
    if (raw.trim() === "") return undefined;
    const b = parseDateBound(raw);
    if (!b) {
      ctx.addIssue({
        code: "custom",
        message: `not a date: give YYYY-MM-DD or an ISO 8601 datetime (got ${JSON.stringify(raw.slice(0, 40))})`,
      });
      return z.NEVER;
    }
    return b;
  })
  .optional();

/** The instant a bound starts at in `tz` (the start of its day for a date). */
function boundStart(b: DateBound, tz: string): number {
  if (b.kind === "instant") return b.ms;
  if (b.kind === "date") return zonedToUtc({ year: b.year, month: b.month, day: b.day }, tz);
  return zonedToUtc(b, tz);
}

/** The exclusive end of an inclusive upper bound: the next day's start for a date, the next millisecond otherwise. */
function boundEndExclusive(b: DateBound, tz: string): number {
  if (b.kind === "date") {
    const next = new Date(Date.UTC(b.year, b.month - 1, b.day + 1));
    return zonedToUtc({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() }, tz);
  }
  return boundStart(b, tz) + 1;
}

export interface TimeRange {
  /** Inclusive lower bound (ISO instant), or null. */
  from: string | null;
  /** Exclusive upper bound (ISO instant), or null. */
  before: string | null;
}

// ---------------------------------------------------------------------------
// Query schemas (the route parses with them; the client builds its request from them).

const filterShape = {
  kinds: commaList(TIMELINE_KINDS, "kind"),
  vendors: commaList(VENDORS, "vendor"),
  campaignId: optionalText(300),
  from: dateBoundSchema,
  to: dateBoundSchema,
  tz: timeZoneSchema.default("UTC"),
  q: optionalText(200),
  bots: z.enum(["include", "exclude"], { error: "must be include or exclude" }).default("include"),
  /** Issue 18: replies of these classes only (other items unaffected); absent: every reply. */
  replyClass: commaList(REPLY_CLASSES, "reply class"),
};

function withRange<T extends { from?: DateBound; to?: DateBound; tz: string }>(v: T, ctx: z.RefinementCtx) {
  const from = v.from ? boundStart(v.from, v.tz) : null;
  const before = v.to ? boundEndExclusive(v.to, v.tz) : null;
  if (from !== null && before !== null && from >= before) {
    ctx.addIssue({ code: "custom", path: ["from"], message: `is after to (${v.from?.text} > ${v.to?.text})` });
    return z.NEVER;
  }
  const range: TimeRange = {
    from: from === null ? null : new Date(from).toISOString(),
    before: before === null ? null : new Date(before).toISOString(),
  };
  return { ...v, range };
}

export const timelineFiltersSchema = z.object(filterShape).transform(withRange);
export const timelineQuerySchema = z
  .object({ ...filterShape, limit: limitSchema, cursor: cursorSchema({ nullableAt: false }) })
  .transform(withRange);

export type TimelineFilters = z.output<typeof timelineFiltersSchema>;
export type TimelineQuery = z.output<typeof timelineQuerySchema>;

// ---------------------------------------------------------------------------
// Response shapes.

export const timelineActivityItemSchema = activitySchema.extend({ type: z.literal("activity") });

/**
 * A task on the timeline. `type` is the item discriminator, so the task's own normalised
 * type (call, email, manual…) travels as `taskType`; `occurredAt` is where it sits.
 */
export const timelineTaskItemSchema = taskSchema.omit({ type: true }).extend({
  type: z.literal("task"),
  taskType: z.string(),
  occurredAt: z.iso.datetime(),
});

export const timelineItemSchema = z.discriminatedUnion("type", [timelineActivityItemSchema, timelineTaskItemSchema]);
export type TimelineItem = z.infer<typeof timelineItemSchema>;
export type TimelineActivityItem = z.infer<typeof timelineActivityItemSchema>;
export type TimelineTaskItem = z.infer<typeof timelineTaskItemSchema>;

export const timelinePageSchema = z.object({ data: z.array(timelineItemSchema), nextCursor: z.string().nullable() });
export type TimelinePage = z.infer<typeof timelinePageSchema>;

/** Counts per filter value; each facet ignores its own filter (so its other values stay pickable). */
export const timelineFacetsSchema = z.object({
  /** Items matching every filter. */
  total: z.number().int(),
  vendors: z.partialRecord(vendorSchema, z.number().int()),
  kinds: z.partialRecord(timelineKindSchema, z.number().int()),
  campaigns: z.array(
    z.object({ id: z.string(), name: z.string().nullable(), vendor: vendorSchema, count: z.number().int() }),
  ),
  /** Machine-generated opens and clicks among the items matching the other filters. */
  bots: z.number().int(),
  /** Replies per class among the items matching the other filters (issue 18). */
  replyClasses: z.partialRecord(z.enum(REPLY_CLASSES), z.number().int()).optional(),
});
export type TimelineFacets = z.infer<typeof timelineFacetsSchema>;
