import { addDays } from "@/lib/dates/calendar";
import { calendarDayOf } from "@/lib/dates/zone";

/** Date-range presets of the timeline filter, as inclusive calendar days in the viewer's zone. */
export interface DateRange {
  from: string | null;
  to: string | null;
}

export { addDays };

export const DATE_PRESETS = [
  { key: "today", label: "Today", range: (today: string): DateRange => ({ from: today, to: today }) },
  {
    key: "yesterday",
    label: "Yesterday",
    range: (today: string): DateRange => ({ from: addDays(today, -1), to: addDays(today, -1) }),
  },
  { key: "7d", label: "Last 7 days", range: (today: string): DateRange => ({ from: addDays(today, -6), to: today }) },
  {
    key: "30d",
    label: "Last 30 days",
    range: (today: string): DateRange => ({ from: addDays(today, -29), to: today }),
  },
  {
    key: "90d",
    label: "Last 90 days",
    range: (today: string): DateRange => ({ from: addDays(today, -89), to: today }),
  },
  {
    key: "month",
    label: "This month",
    range: (today: string): DateRange => ({ from: `${today.slice(0, 7)}-01`, to: today }),
  },
  {
    key: "year",
    label: "This year",
    range: (today: string): DateRange => ({ from: `${today.slice(0, 4)}-01-01`, to: today }),
  },
] as const;

export const todayIn = (tz: string, now: Date = new Date()) => calendarDayOf(now, tz);

/** The preset a range equals today, if any. */
export function matchingPreset(r: DateRange, today: string): (typeof DATE_PRESETS)[number] | null {
  if (!r.from && !r.to) return null;
  return (
    DATE_PRESETS.find((p) => {
      const x = p.range(today);
      return x.from === r.from && x.to === r.to;
    }) ?? null
  );
}

const short = (day: string, withYear: boolean) =>
  new Intl.DateTimeFormat("en-GB", {
    timeZone: "UTC",
    day: "numeric",
    month: "short",
    ...(withYear ? { year: "numeric" } : {}),
  }).format(new Date(`${day}T00:00:00Z`));

/** "Last 7 days", "3 Oct – 31 Oct 2026", "Since 3 Oct 2026", "Until 31 Oct 2026", or "Any date". */
export function describeRange(r: DateRange, today: string): string {
  const preset = matchingPreset(r, today);
  if (preset) return preset.label;
  if (r.from && r.to)
    return r.from === r.to
      ? short(r.from, true)
      : `${short(r.from, r.from.slice(0, 4) !== r.to.slice(0, 4))} – ${short(r.to, true)}`;
  if (r.from) return `Since ${short(r.from, true)}`;
  if (r.to) return `Until ${short(r.to, true)}`;
  return "Any date";
}
