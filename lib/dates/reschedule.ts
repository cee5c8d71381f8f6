import { addDays, type CalendarDate, isoWeekday } from "./calendar";
import { calendarDateIn, startOfDayIn } from "./zone";

/**
 * The reschedule choices (issue 15), computed in the viewer's zone. A date-only task stays
 * date-only: it gets a day (`YYYY-MM-DD`), never an instant. A timed task keeps a time: the
 * chosen day at 9:00 in the viewer's zone ("tomorrow 9:00"), or at its current time of day.
 */
export const RESCHEDULE_PRESETS = ["tomorrow", "nextMonday", "inAWeek"] as const;
export type ReschedulePreset = (typeof RESCHEDULE_PRESETS)[number];

export const RESCHEDULE_LABELS: Record<ReschedulePreset, string> = {
  tomorrow: "Tomorrow 9:00",
  nextMonday: "Next Monday",
  inAWeek: "In a week",
};

export function presetDay(preset: ReschedulePreset, nowMs: number, tz: string): CalendarDate {
  const today = calendarDateIn(nowMs, tz);
  if (preset === "tomorrow") return addDays(today, 1);
  if (preset === "inAWeek") return addDays(today, 7);
  // Next Monday: the Monday after today (a Monday's next Monday is a week away).
  return addDays(today, 8 - isoWeekday(today));
}

/** The change for a day: the day itself for a date-only task, else 9:00 that day in `tz`. */
export function dueChange(
  day: CalendarDate,
  task: { dueIsDateOnly: boolean; dueAt: string | null },
  tz: string,
): { dueAt: string; dueIsDateOnly: boolean } {
  if (task.dueIsDateOnly) return { dueAt: day, dueIsDateOnly: true };
  return { dueAt: new Date(startOfDayIn(day, tz) + 9 * 3_600_000).toISOString(), dueIsDateOnly: false };
}
