"use client";

import { ChevronLeft, ChevronRight } from "@/components/ui/icons";
import { type KeyboardEvent, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import {
  addDays,
  addMonths,
  type CalendarDate,
  endOfIsoWeek,
  monthGrid,
  startOfIsoWeek,
  startOfMonth,
  utcMidnightMs,
} from "@/lib/dates/calendar";
import { cn } from "@/lib/utils";

const monthTitle = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", month: "long", year: "numeric" });
const dayName = new Intl.DateTimeFormat("en-GB", {
  timeZone: "UTC",
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
});
const WEEKDAYS = [
  ["Mo", "Monday"],
  ["Tu", "Tuesday"],
  ["We", "Wednesday"],
  ["Th", "Thursday"],
  ["Fr", "Friday"],
  ["Sa", "Saturday"],
  ["Su", "Sunday"],
] as const;

/**
 * A month grid for picking a range of calendar days (WAI-ARIA date grid): arrow keys move
 * by day and week, PageUp/PageDown by month, Home/End to the week's ends, Enter or Space
 * picks. The first pick starts the range, the second ends it.
 */
export function RangeCalendar({
  from,
  to,
  today,
  onChange,
}: {
  from: CalendarDate | null;
  to: CalendarDate | null;
  today: CalendarDate;
  onChange: (range: { from: CalendarDate | null; to: CalendarDate | null }) => void;
}) {
  const [focused, setFocused] = useState<CalendarDate>(from ?? today);
  const [hover, setHover] = useState<CalendarDate | null>(null);
  const month = startOfMonth(focused);
  const grid = monthGrid(month);
  const gridRef = useRef<HTMLTableElement>(null);
  const moved = useRef(false);

  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    gridRef.current?.querySelector<HTMLButtonElement>(`[data-day="${focused}"]`)?.focus();
  }, [focused]);

  const move = (d: CalendarDate) => {
    moved.current = true;
    setFocused(d);
  };

  const pick = (d: CalendarDate) => {
    if (!from || to) onChange({ from: d, to: null });
    else if (d < from) onChange({ from: d, to: from });
    else onChange({ from, to: d });
  };

  const onKey = (e: KeyboardEvent) => {
    const step: Record<string, () => CalendarDate> = {
      ArrowLeft: () => addDays(focused, -1),
      ArrowRight: () => addDays(focused, 1),
      ArrowUp: () => addDays(focused, -7),
      ArrowDown: () => addDays(focused, 7),
      PageUp: () => addMonths(focused, e.shiftKey ? -12 : -1),
      PageDown: () => addMonths(focused, e.shiftKey ? 12 : 1),
      Home: () => startOfIsoWeek(focused),
      End: () => endOfIsoWeek(focused),
    };
    const next = step[e.key];
    if (next) {
      e.preventDefault();
      move(next());
    }
  };

  // While choosing the end, preview the range under the pointer or focus.
  const end = to ?? (from && hover && hover >= from ? hover : null);
  const inRange = (d: CalendarDate) => !!from && !!end && d > from && d < end;

  return (
    <div className="w-full select-none">
      <div className="mb-2 flex items-center justify-between">
        <Button
          variant="ghost"
          size="icon"
          className="size-8"
          aria-label="Previous month"
          onClick={() => setFocused(addMonths(focused, -1))}
        >
          <ChevronLeft aria-hidden />
        </Button>
        <div className="text-sm font-medium" aria-live="polite">
          {monthTitle.format(utcMidnightMs(month))}
        </div>
        <Button
          variant="ghost"
          size="icon"
          className="size-8"
          aria-label="Next month"
          onClick={() => setFocused(addMonths(focused, 1))}
        >
          <ChevronRight aria-hidden />
        </Button>
      </div>
      <table
        ref={gridRef}
        role="grid"
        aria-label={monthTitle.format(utcMidnightMs(month))}
        className="w-full border-collapse"
        onKeyDown={onKey}
      >
        <thead>
          <tr>
            {WEEKDAYS.map(([short, long]) => (
              <th
                key={short}
                scope="col"
                abbr={long}
                className="pb-1 text-center text-xs font-normal text-muted-foreground"
              >
                {short}
              </th>
            ))}
          </tr>
        </thead>
        <tbody onMouseLeave={() => setHover(null)}>
          {grid.map((week) => (
            <tr key={week[0]}>
              {week.map((d) => {
                const outside = d.slice(0, 7) !== month.slice(0, 7);
                const isStart = d === from;
                const isEnd = d === end;
                const selected = isStart || isEnd || inRange(d);
                return (
                  <td key={d} role="gridcell" aria-selected={selected} className="p-0 text-center">
                    <button
                      type="button"
                      data-day={d}
                      tabIndex={d === focused ? 0 : -1}
                      aria-label={`${dayName.format(utcMidnightMs(d))}${d === today ? " (today)" : ""}`}
                      aria-current={d === today ? "date" : undefined}
                      onClick={() => {
                        setFocused(d);
                        pick(d);
                      }}
                      onMouseEnter={() => setHover(d)}
                      onFocus={() => setHover(d)}
                      className={cn(
                        "m-px inline-flex size-8 items-center justify-center rounded-md text-sm tabular-nums transition-colors hover:bg-muted",
                        outside && "text-muted-foreground/60",
                        d === today && "font-semibold underline decoration-2 underline-offset-4",
                        inRange(d) && "rounded-none bg-accent text-accent-foreground",
                        (isStart || isEnd) && "bg-primary text-primary-foreground hover:bg-primary/90",
                      )}
                    >
                      {Number(d.slice(8))}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
