// How a due date reads in the task list: relative ("Tomorrow", "in 3 hours") and absolute
// ("Tue 12 May, 14:30"), both in the viewer's zone; a date-only due date never gets a time.
import { type CalendarDate, daysBetween, utcMidnightMs } from "./calendar";
import { type DueClock, dueDateIn, hasDue, isOverdue, type TaskDue } from "./due";

const cache = new Map<string, Intl.DateTimeFormat | Intl.RelativeTimeFormat>();
function dtf(locale: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${JSON.stringify(opts)}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(locale, opts)));
  return f;
}
function rtf(locale: string): Intl.RelativeTimeFormat {
  const key = `r|${locale}`;
  let f = cache.get(key) as Intl.RelativeTimeFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.RelativeTimeFormat(locale, { numeric: "auto" })));
  return f;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "Today", "Tomorrow", "in 3 days", "2 weeks ago": whole calendar days from today. */
export function relativeDay(day: CalendarDate, today: CalendarDate, locale = "en"): string {
  const diff = daysBetween(today, day);
  const abs = Math.abs(diff);
  const r = rtf(locale);
  if (abs < 14) return capitalise(r.format(diff, "day"));
  if (abs < 60) return capitalise(r.format(Math.round(diff / 7), "week"));
  if (abs < 730) return capitalise(r.format(Math.round(diff / 30), "month"));
  return capitalise(r.format(Math.round(diff / 365), "year"));
}

/** A calendar day as a label, e.g. "Tue 12 May" (with the year when it is not this year's). */
export function formatDay(day: CalendarDate, today: CalendarDate, locale = "en"): string {
  const sameYear = day.slice(0, 4) === today.slice(0, 4);
  // Formatted in UTC from midnight UTC: the day is the day, whatever the zone.
  return dtf(locale, {
    timeZone: "UTC",
    weekday: "short",
    day: "numeric",
    month: "short",
    ...(sameYear ? {} : { year: "numeric" }),
  }).format(utcMidnightMs(day));
}

export interface DueLabel {
  relative: string;
  absolute: string;
  overdue: boolean;
  /** Machine-readable value for a <time dateTime>: the day, or the instant. */
  dateTime: string;
}

export function formatDue(task: TaskDue, clock: DueClock, locale = "en"): DueLabel | null {
  if (!hasDue(task)) return null;
  const day = dueDateIn(task, clock.tz)!;
  const overdue = isOverdue(task, clock);
  if (task.dueIsDateOnly) {
    return {
      relative: relativeDay(day, clock.today, locale),
      absolute: formatDay(day, clock.today, locale),
      overdue,
      dateTime: day,
    };
  }
  const at = Date.parse(task.dueAt!);
  const time = dtf(locale, { timeZone: clock.tz, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(at);
  let relative: string;
  if (day === clock.today) {
    const minutes = Math.round((at - clock.nowMs) / 60_000);
    relative =
      Math.abs(minutes) < 1
        ? "Now"
        : Math.abs(minutes) < 60
          ? capitalise(rtf(locale).format(minutes, "minute"))
          : capitalise(rtf(locale).format(Math.trunc(minutes / 60), "hour"));
  } else {
    relative = relativeDay(day, clock.today, locale);
  }
  return {
    relative,
    absolute: `${formatDay(day, clock.today, locale)}, ${time}`,
    overdue,
    dateTime: new Date(at).toISOString(),
  };
}

/** "GMT+2", "GMT-7", "UTC": the zone's short offset name right now. */
export function zoneOffsetLabel(tz: string, nowMs: number, locale = "en"): string {
  const part = dtf(locale, { timeZone: tz, timeZoneName: "shortOffset" })
    .formatToParts(nowMs)
    .find((p) => p.type === "timeZoneName");
  return part?.value === "GMT" ? "UTC" : (part?.value ?? tz);
}
