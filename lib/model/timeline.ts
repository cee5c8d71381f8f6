import { z } from "zod";
import { ACTIVITY_KINDS, KIND_GROUPS, activitySchema, type ActivityKind } from "./activity";
import { commaList, cursorSchema, limitSchema, optionalText, timeZoneSchema, zonedToUtc } from "./query-params";
import { taskSchema } from "./task";
import { VENDORS, vendorSchema } from "./vendor";

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

export const TIMELINE_KINDS = [...ACTIVITY_KINDS, "task"] as const;
export const timelineKindSchema = z.enum(TIMELINE_KINDS);
export type TimelineKind = z.infer<typeof timelineKindSchema>;

/** The groups of the kind filter, in display order ("tasks" is the one non-activity group). */
export const TIMELINE_KIND_GROUPS = [
  { key: "email", label: "Email", kinds: KIND_GROUPS.email },
  { key: "linkedin", label: "LinkedIn", kinds: KIND_GROUPS.linkedin },
  { key: "calls", label: "Calls & meetings", kinds: KIND_GROUPS.calls },
  { key: "notes", label: "Notes", kinds: KIND_GROUPS.notes },
  { key: "outcomes", label: "Outcomes", kinds: KIND_GROUPS.outcomes },
  { key: "tasks", label: "Tasks", kinds: ["task"] },
  { key: "system", label: "System", kinds: KIND_GROUPS.system },
] as const satisfies readonly { key: string; label: string; kinds: readonly TimelineKind[] }[];

/** "Replies only": the quick filter a sales-ops person reaches for first. */
export const REPLY_KINDS = ["email_replied", "linkedin_replied"] as const satisfies readonly ActivityKind[];

export const KIND_LABELS: Record<TimelineKind, string> = {
  email_sent: "Email sent",
  email_opened: "Email opened",
  email_clicked: "Link clicked",
  email_replied: "Email reply",
  email_bounced: "Email bounced",
  email_failed: "Email failed",
  unsubscribed: "Unsubscribed",
  interested: "Interested",
  not_interested: "Not interested",
  linkedin_visit: "LinkedIn visit",
  linkedin_invite_sent: "LinkedIn invite",
  linkedin_invite_accepted: "Invite accepted",
  linkedin_message_sent: "LinkedIn message",
  linkedin_replied: "LinkedIn reply",
  call: "Call",
  sms: "SMS",
  whatsapp: "WhatsApp",
  meeting: "Meeting",
  note: "Note",
  task_completed: "Task completed",
  status_change: "Status change",
  sequence_event: "Sequence event",
  system: "System",
  other: "Other",
  task: "Task",
};

// ---------------------------------------------------------------------------
// Date bounds: `YYYY-MM-DD` (a calendar day in `tz`, inclusive) or an ISO datetime
// (with Z/offset: that instant; without: a wall-clock time in `tz`).

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;

export type DateBound =
  | { kind: "date"; year: number; month: number; day: number; text: string }
  | { kind: "local"; year: number; month: number; day: number; hour: number; minute: number; second: number; ms: number; text: string }
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
      ctx.addIssue({ code: "custom", message: `not a date: give YYYY-MM-DD or an ISO 8601 datetime (got ${JSON.stringify(raw.slice(0, 40))})` });
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
};

function withRange<T extends { from?: DateBound; to?: DateBound; tz: string }>(v: T, ctx: z.RefinementCtx) {
  const from = v.from ? boundStart(v.from, v.tz) : null;
  const before = v.to ? boundEndExclusive(v.to, v.tz) : null;
  if (from !== null && before !== null && from >= before) {
    ctx.addIssue({ code: "custom", path: ["from"], message: `is after to (${v.from?.text} > ${v.to?.text})` });
    return z.NEVER;
  }
  const range: TimeRange = { from: from === null ? null : new Date(from).toISOString(), before: before === null ? null : new Date(before).toISOString() };
  return { ...v, range };
}

export const timelineFiltersSchema = z.object(filterShape).transform(withRange);
export const timelineQuerySchema = z
  .object({ ...filterShape, limit: limitSchema, cursor: cursorSchema({ nullableAt: false }) })
  .transform(withRange);

export type TimelineFilters = z.output<typeof timelineFiltersSchema>;
export type TimelineQuery = z.output<typeof timelineQuerySchema>;

/** What a client asks for, in the URL's own words (the schema's input). */
export interface TimelineRequest {
  kinds?: readonly TimelineKind[] | null;
  vendors?: readonly string[] | null;
  campaignId?: string | null;
  from?: string | null;
  to?: string | null;
  tz?: string | null;
  q?: string | null;
  bots?: "include" | "exclude" | null;
  limit?: number | null;
  cursor?: string | null;
}

/** The query string for GET /contacts/{id}/timeline (and …/facets), in a stable order. */
export function timelineSearchParams(r: TimelineRequest): URLSearchParams {
  const sp = new URLSearchParams();
  if (r.kinds?.length) sp.set("kinds", [...r.kinds].sort().join(","));
  if (r.vendors?.length) sp.set("vendors", [...r.vendors].sort().join(","));
  if (r.campaignId) sp.set("campaignId", r.campaignId);
  if (r.from) sp.set("from", r.from);
  if (r.to) sp.set("to", r.to);
  if (r.tz) sp.set("tz", r.tz);
  if (r.q?.trim()) sp.set("q", r.q.trim());
  if (r.bots === "exclude") sp.set("bots", "exclude");
  if (r.limit) sp.set("limit", String(r.limit));
  if (r.cursor) sp.set("cursor", r.cursor);
  return sp;
}

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
  campaigns: z.array(z.object({ id: z.string(), name: z.string().nullable(), vendor: vendorSchema, count: z.number().int() })),
  /** Machine-generated opens and clicks among the items matching the other filters. */
  bots: z.number().int(),
});
export type TimelineFacets = z.infer<typeof timelineFacetsSchema>;
