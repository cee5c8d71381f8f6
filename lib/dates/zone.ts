// Time-zone arithmetic with Intl only. Every function takes the zone explicitly and never
// reads the host's zone, so results are the same on a server in UTC and a laptop in Auckland.
import { type CalendarDate, formatCalendarDate, isCalendarDate, parseCalendarDate } from "./calendar";

const HOUR_MS = 3_600_000;

// Letters, digits, `_`, `+`, `-` and `/` only: IANA names such as `America/Los_Angeles` or
// `Etc/GMT+5`. This refuses offset strings like `+01:00` that newer engines accept as zones
// but PostgreSQL reads with the opposite (POSIX) sign.
const ZONE_NAME_RE = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True for an IANA zone name this runtime knows (`UTC` included). */
export function isValidTimeZone(tz: unknown): tz is string {
  if (typeof tz !== "string" || tz.length > 64 || !ZONE_NAME_RE.test(tz)) return false;
  try {
    partsFormatter(tz);
    return true;
  } catch {
    return false;
  }
}

/** A zone name checked and in the runtime's spelling, or null: for query strings and cookies. */
export function validTimeZone(tz: unknown): string | null {
  return isValidTimeZone(tz) ? canonicalTimeZone(tz) : null;
}

/** The runtime's spelling of a valid zone (`utc` → `UTC`, `europe/paris` → `Europe/Paris`). */
export function canonicalTimeZone(tz: string): string {
  return partsFormatter(tz).resolvedOptions().timeZone;
}

/** The zone this browser or process runs in, `UTC` when unknown. */
export function hostTimeZone(): string {
  try {
    const tz = new Intl.DateTimeFormat().resolvedOptions().timeZone;
    return tz && isValidTimeZone(tz) ? tz : "UTC";
  } catch {
    return "UTC";
  }
}

/** Every zone the runtime knows, for a picker (UTC first). */
export function allTimeZones(): string[] {
  const list = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return ["UTC", ...list.filter((z) => z !== "UTC")];
}

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Wall-clock fields of an instant in a zone. */
export function zonedParts(instantMs: number, tz: string): ZonedParts {
  const out: Record<string, number> = {};
  for (const p of partsFormatter(tz).formatToParts(new Date(instantMs))) {
    if (p.type !== "literal" && p.type !== "era") out[p.type] = Number(p.value);
  }
  return {
    year: out.year!,
    month: out.month!,
    day: out.day!,
    hour: out.hour!,
    minute: out.minute!,
    second: out.second!,
  };
}

/** The zone's UTC offset at an instant, in ms (Auckland in winter: +12 h; Los Angeles in summer: −7 h). */
export function zoneOffsetMs(instantMs: number, tz: string): number {
  const whole = Math.floor(instantMs / 1000) * 1000;
  const p = zonedParts(whole, tz);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - whole;
}

/** The calendar day an instant falls on in a zone. */
export function calendarDateIn(instantMs: number, tz: string): CalendarDate {
  const p = zonedParts(instantMs, tz);
  return formatCalendarDate(p.year, p.month, p.day);
}

/** The calendar day of a date or an instant in a zone; a calendar day (`YYYY-MM-DD`) is its own. */
export function calendarDayOf(value: string | number | Date, tz: string): CalendarDate {
  if (typeof value === "string" && isCalendarDate(value)) return value;
  const ms = value instanceof Date ? value.getTime() : typeof value === "number" ? value : Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`Invalid time value: ${String(value)}`);
  return calendarDateIn(ms, tz);
}

/**
 * The first instant of a calendar day in a zone. Usually local midnight; where a DST
 * change skips midnight (e.g. America/Santiago in September) the day starts at the
 * transition, and where midnight happens twice the earlier one counts.
 */
export function startOfDayIn(date: CalendarDate, tz: string): number {
  const { year, month, day } = parseCalendarDate(date);
  const wall = Date.UTC(year, month - 1, day); // local midnight read as if it were UTC
  // Offsets before and after any transition near that midnight (zones change at most once a day).
  const before = zoneOffsetMs(wall - 36 * HOUR_MS, tz);
  const after = zoneOffsetMs(wall + 36 * HOUR_MS, tz);
  const candidates = [...new Set([before, zoneOffsetMs(wall, tz), after])]
    .map((offset) => wall - offset)
    .filter((t) => zoneOffsetMs(t, tz) === wall - t);
  if (candidates.length) return Math.min(...candidates);
  // Midnight does not exist that day: the day begins at the jump, which is where local
  // midnight would have been under the offset in force before it.
  return wall - before;
}

/** The instants `[start, end)` of the calendar days `from`…`to` (inclusive) in a zone. */
export function dayRangeIn(from: CalendarDate, to: CalendarDate, tz: string): { start: number; end: number } {
  const { year, month, day } = parseCalendarDate(to);
  return { start: startOfDayIn(from, tz), end: startOfDayIn(formatCalendarDate(year, month, day + 1), tz) };
}
