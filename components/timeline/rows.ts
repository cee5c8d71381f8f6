import { calendarDayOf } from "@/lib/dates/zone";
import type { TimelineItem } from "@/lib/model/timeline";

/**
 * The virtual list's rows: a day header before each day's first item (days in the
 * viewer's zone), then the items. Heights are fixed for headers and collapsed items, so
 * the estimate is exact and nothing shifts while rows are measured.
 */
export type TimelineRow =
  | { type: "day"; key: string; day: string; label: string }
  | { type: "item"; key: string; item: TimelineItem; position: number; dayLabel: string };

export const DAY_ROW_HEIGHT = 44;
export const ITEM_ROW_HEIGHT = 68;

export function buildRows(items: readonly TimelineItem[], tz: string, now: Date = new Date()): TimelineRow[] {
  const rows: TimelineRow[] = [];
  const today = calendarDayOf(now, tz);
  let lastDay = "";
  let label = "";
  items.forEach((item, position) => {
    const day = calendarDayOf(item.occurredAt, tz);
    if (day !== lastDay) {
      label = dayLabel(day, today);
      rows.push({ type: "day", key: `day:${day}`, day, label });
      lastDay = day;
    }
    rows.push({ type: "item", key: `${item.type}:${item.id}`, item, position, dayLabel: label });
  });
  return rows;
}

const DAY_MS = 86_400_000;
const utcOf = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** "Today", "Yesterday", "Tomorrow", else "Tue 4 Nov" (with the year when it is not this year's). */
export function dayLabel(day: string, today: string): string {
  const diff = Math.round((utcOf(day) - utcOf(today)) / DAY_MS);
  if (diff === 0) return "Today";
  if (diff === -1) return "Yesterday";
  if (diff === 1) return "Tomorrow";
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "UTC",
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
  }).formatToParts(new Date(utcOf(day)));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const year = day.slice(0, 4) === today.slice(0, 4) ? "" : ` ${part("year")}`;
  return `${part("weekday")} ${part("day")} ${part("month")}${year}`;
}

/** Clock time of an instant in the viewer's zone, e.g. "14:05". */
export function clockTime(iso: string, tz: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone: tz,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(iso));
}

/** "4 min 05 s", "1 h 02 min", "45 s". */
export function formatDuration(seconds: number | null | undefined): string | null {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return null;
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (h) return `${h} h ${String(m).padStart(2, "0")} min`;
  if (m) return `${m} min ${String(rest).padStart(2, "0")} s`;
  return `${rest} s`;
}
