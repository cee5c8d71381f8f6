// What "overdue", "today", "this week"… mean for a task, in the viewer's zone.
//
// A task is due either on a calendar day (date-only) or at an
// instant. A calendar day is the same day in every zone and is compared as a day; an
// instant is placed on the viewer's calendar by the zone. These functions are the single
// definition: the SQL in lib/server/queries/tasks.ts implements the same windows from the
// boundaries computed here, and the tests check one against the other.
import { addDays, type CalendarDate, endOfIsoWeek, startOfIsoWeek } from "./calendar";
import { calendarDateIn, dayRangeIn } from "./zone";

export const DUE_PRESETS = ["overdue", "today", "tomorrow", "week", "next7", "none", "all"] as const;
export type DuePreset = (typeof DUE_PRESETS)[number];

/** The grouped view's buckets: exclusive, in this order, together covering every task. */
export const DUE_GROUPS = ["overdue", "today", "tomorrow", "week", "later", "none"] as const;
export type DueGroup = (typeof DUE_GROUPS)[number];

export interface TaskDue {
  /** ISO instant; for date-only tasks midnight UTC of `dueDate` (a label, not an instant). */
  dueAt: string | null;
  dueDate: CalendarDate | null;
  dueIsDateOnly: boolean;
  /** Only the `week` preset looks at it (open tasks only); absent counts as open. */
  status?: string;
}

/** "Now" seen from one zone: the day boundaries every window is built from. */
export interface DueClock {
  tz: string;
  nowMs: number;
  today: CalendarDate;
  tomorrow: CalendarDate;
  /** The Monday starting this ISO week (today on a Monday). */
  weekStart: CalendarDate;
  /** The Sunday ending this ISO week (today on a Sunday). */
  weekEnd: CalendarDate;
  /** Today + 6: the last day of "next 7 days". */
  next7End: CalendarDate;
}

export function dueClock(tz: string, now: Date | number = Date.now()): DueClock {
  const nowMs = typeof now === "number" ? now : now.getTime();
  const today = calendarDateIn(nowMs, tz);
  return {
    tz,
    nowMs,
    today,
    tomorrow: addDays(today, 1),
    weekStart: startOfIsoWeek(today),
    weekEnd: endOfIsoWeek(today),
    next7End: addDays(today, 6),
  };
}

/** A set of due dates: everything, no due date, overdue, or a range of calendar days (open ends allowed). */
export type DueWindow =
  | { kind: "all" }
  | { kind: "none" }
  | { kind: "overdue" }
  /**
   * Due on a day in `from`…`to` (inclusive, null = unbounded); `notOverdue` drops tasks already
   * past due; `openOnly` keeps open tasks only (the `week` preset, API.md).
   */
  | { kind: "range"; from: CalendarDate | null; to: CalendarDate | null; notOverdue?: boolean; openOnly?: boolean };

/** Overdue, today and tomorrow: the same windows as a preset and as a group of the grouped view. */
function nearWindow(near: "overdue" | "today" | "tomorrow", clock: DueClock): DueWindow {
  switch (near) {
    case "overdue":
      return { kind: "overdue" };
    // API.md: "overdue" and "today" never share a task — a task due at 9:00 is overdue at 10:00.
    case "today":
      return { kind: "range", from: clock.today, to: clock.today, notOverdue: true };
    case "tomorrow":
      return { kind: "range", from: clock.tomorrow, to: clock.tomorrow };
  }
}

export function presetWindow(preset: DuePreset, clock: DueClock): DueWindow {
  switch (preset) {
    case "all":
      return { kind: "all" };
    case "none":
      return { kind: "none" };
    case "overdue":
    case "today":
    case "tomorrow":
      return nearWindow(preset, clock);
    // Monday to Sunday of the viewer's week, its past days (and so overdue tasks) included.
    case "week":
      return { kind: "range", from: clock.weekStart, to: clock.weekEnd, openOnly: true };
    // "Today" as above and the six days after.
    case "next7":
      return { kind: "range", from: clock.today, to: clock.next7End, notOverdue: true };
  }
}

/** The window of one bucket of the grouped view. */
export function groupWindow(group: DueGroup, clock: DueClock): DueWindow {
  switch (group) {
    case "overdue":
    case "today":
    case "tomorrow":
      return nearWindow(group, clock);
    case "week": // after tomorrow, up to Sunday (empty on Saturdays and Sundays)
      return { kind: "range", from: addDays(clock.tomorrow, 1), to: clock.weekEnd };
    case "later": // after this week, and after tomorrow when today is a Sunday
      return {
        kind: "range",
        from: addDays(clock.weekEnd > clock.tomorrow ? clock.weekEnd : clock.tomorrow, 1),
        to: null,
      };
    case "none":
      return { kind: "none" };
  }
}

/** Every task with a due date has `dueAt` (date-only ones: midnight UTC of the day, as a label). */
export function hasDue(task: TaskDue): boolean {
  return task.dueAt !== null;
}

/** The calendar day a task is due on, as seen from `tz`. A date-only due date is that day everywhere. */
export function dueDateIn(task: TaskDue, tz: string): CalendarDate | null {
  if (task.dueIsDateOnly) return task.dueDate ?? (task.dueAt ? task.dueAt.slice(0, 10) : null);
  return task.dueAt ? calendarDateIn(Date.parse(task.dueAt), tz) : null;
}

/** Overdue: an instant before now; a calendar day before today. */
export function isOverdue(task: TaskDue, clock: DueClock): boolean {
  if (!hasDue(task)) return false;
  if (task.dueIsDateOnly) return dueDateIn(task, clock.tz)! < clock.today;
  return Date.parse(task.dueAt!) < clock.nowMs;
}

export function matchesWindow(task: TaskDue, window: DueWindow, clock: DueClock): boolean {
  switch (window.kind) {
    case "all":
      return true;
    case "none":
      return !hasDue(task);
    case "overdue":
      return isOverdue(task, clock);
    case "range": {
      if (!hasDue(task)) return false;
      if (window.notOverdue && isOverdue(task, clock)) return false;
      if (window.openOnly && task.status !== undefined && task.status !== "open") return false;
      const day = dueDateIn(task, clock.tz)!;
      return (window.from === null || day >= window.from) && (window.to === null || day <= window.to);
    }
  }
}

export function dueGroup(task: TaskDue, clock: DueClock): DueGroup {
  if (!hasDue(task)) return "none";
  if (isOverdue(task, clock)) return "overdue";
  const day = dueDateIn(task, clock.tz)!;
  if (day <= clock.today) return "today";
  if (day === clock.tomorrow) return "tomorrow";
  if (day <= clock.weekEnd) return "week";
  return "later";
}

/**
 * The boundaries SQL needs for a range of days: the days themselves (for date-only tasks,
 * compared as dates) and the instants `[start, end)` those days span in the zone (for
 * timed tasks). Null ends stay open.
 */
export function rangeBounds(from: CalendarDate | null, to: CalendarDate | null, tz: string) {
  return {
    fromDate: from,
    toDate: to,
    startMs: from === null ? null : dayRangeIn(from, from, tz).start,
    endMs: to === null ? null : dayRangeIn(to, to, tz).end,
  };
}
