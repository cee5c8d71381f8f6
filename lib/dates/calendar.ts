// Calendar days as `YYYY-MM-DD` strings: no time, no zone. Arithmetic runs on the
// proleptic Gregorian calendar through Date.UTC, which has no DST, so adding a day is
// always exactly one calendar day whatever zone the host runs in.

/** A calendar day, `YYYY-MM-DD`. Lexicographic order is chronological order. */
export type CalendarDate = string;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export function isCalendarDate(value: string): value is CalendarDate {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

export function parseCalendarDate(date: CalendarDate): { year: number; month: number; day: number } {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`not a calendar date: ${date}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

export function formatCalendarDate(year: number, month: number, day: number): CalendarDate {
  // Normalise overflow (month 13, day 0, …) through Date.UTC.
  const t = new Date(Date.UTC(year, month - 1, day));
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** Milliseconds of midnight UTC of the day: a label for the day, not "when it starts" anywhere but UTC. */
export function utcMidnightMs(date: CalendarDate): number {
  const { year, month, day } = parseCalendarDate(date);
  return Date.UTC(year, month - 1, day);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const { year, month, day } = parseCalendarDate(date);
  return formatCalendarDate(year, month, day + days);
}

export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const { year, month, day } = parseCalendarDate(date);
  // Clamp to the last day of the target month (31 Jan + 1 month = 28/29 Feb).
  const last = new Date(Date.UTC(year, month - 1 + months + 1, 0)).getUTCDate();
  return formatCalendarDate(year, month + months, Math.min(day, last));
}

/** Whole calendar days from `a` to `b` (positive when b is later). */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return Math.round((utcMidnightMs(b) - utcMidnightMs(a)) / DAY_MS);
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** ISO weekday: Monday 1 … Sunday 7. */
export function isoWeekday(date: CalendarDate): number {
  const wd = new Date(utcMidnightMs(date)).getUTCDay();
  return wd === 0 ? 7 : wd;
}

/** The Monday of the ISO week holding `date`. */
export function startOfIsoWeek(date: CalendarDate): CalendarDate {
  return addDays(date, 1 - isoWeekday(date));
}

/** The Sunday that ends the ISO week holding `date` (the day itself on a Sunday). */
export function endOfIsoWeek(date: CalendarDate): CalendarDate {
  return addDays(date, 7 - isoWeekday(date));
}

export function startOfMonth(date: CalendarDate): CalendarDate {
  const { year, month } = parseCalendarDate(date);
  return formatCalendarDate(year, month, 1);
}

/**
 * The weeks (Monday first) covering the month of `date`, as rows of 7 days, for a
 * month grid. Days outside the month are included so every row is full.
 */
export function monthGrid(date: CalendarDate): CalendarDate[][] {
  const first = startOfMonth(date);
  const { year, month } = parseCalendarDate(first);
  const last = formatCalendarDate(year, month + 1, 0);
  const weeks: CalendarDate[][] = [];
  for (let d = startOfIsoWeek(first); d <= last; d = addDays(d, 7)) {
    weeks.push(Array.from({ length: 7 }, (_, i) => addDays(d, i)));
  }
  return weeks;
}
