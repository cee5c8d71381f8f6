// Numbers and dates as a sales-ops person reads them.
import type { EngagementInterval } from "@/lib/model/plain/engagement";

const int = new Intl.NumberFormat("en-GB");
export const fmtInt = (n: number) => int.format(n);

/** 0.1234 → "12.3 %"; null (no denominator) → "—". */
export function fmtRate(r: number | null | undefined, digits = 1): string {
  if (r === null || r === undefined || Number.isNaN(r)) return "—";
  return `${(r * 100).toFixed(digits)} %`;
}

/** A difference of two rates in percentage points: +1.2 pts. */
export function fmtPts(d: number | null): string {
  if (d === null || Number.isNaN(d)) return "—";
  const v = d * 100;
  return `${v > 0 ? "+" : v < 0 ? "−" : "±"}${Math.abs(v).toFixed(1)} pts`;
}

/** The calendar day an instant falls on in tz, e.g. "3 Mar" or "3 Mar 2026". */
export function fmtDay(iso: string, tz: string, withYear = false): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone: tz,
    day: "numeric",
    month: "short",
    ...(withYear ? { year: "numeric" } : {}),
  }).format(new Date(iso));
}

/** A bucket's label: its day, or "Week of" its Monday. */
export function fmtBucket(iso: string, interval: EngagementInterval, tz: string, long = false): string {
  if (interval === "week") return `Week of ${fmtDay(iso, tz, long)}`;
  if (!long) return fmtDay(iso, tz);
  return new Intl.DateTimeFormat("en-GB", {
    timeZone: tz,
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
  }).format(new Date(iso));
}

/** `YYYY-MM-DD` → "3 Mar 2026" (a calendar day, no zone). */
export function fmtCalendarDay(day: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

export function fmtDateTime(iso: string, tz: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone: tz,
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(iso));
}
