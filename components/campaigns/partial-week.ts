// Shared by the chart card and the lazily loaded plots (which must not import the card
// that loads them: that was an import cycle).
import type { Engagement } from "@/lib/model/engagement";
import { addCalendarDays, calendarDayIn } from "@/lib/model/plain/engagement";
import { fmtCalendarDay } from "./format";

/** A week the range cuts (its first or last): the days it really covers, else null. */
export function partialWeek(bucket: string, e: Pick<Engagement, "interval" | "tz" | "from" | "to">): string | null {
  if (e.interval !== "week") return null;
  const monday = calendarDayIn(bucket, e.tz);
  const sunday = addCalendarDays(monday, 6);
  if (monday >= e.from && sunday <= e.to) return null;
  const first = monday < e.from ? e.from : monday;
  const last = sunday > e.to ? e.to : sunday;
  return first === last ? `${fmtCalendarDay(first)} only` : `${fmtCalendarDay(first)} – ${fmtCalendarDay(last)} only`;
}
