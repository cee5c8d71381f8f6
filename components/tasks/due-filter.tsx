"use client";

import { useRef, useState } from "react";
import { DateRangePopover } from "@/components/filters/date-range-popover";
import type { CalendarDate } from "@/lib/dates/calendar";
import type { DuePreset } from "@/lib/dates/due";
import { cn } from "@/lib/utils";
import { usePressedInView } from "@/components/ui/use-pressed-in-view";

export const PRESET_LABELS: Record<DuePreset, string> = {
  all: "All",
  overdue: "Overdue",
  today: "Today",
  tomorrow: "Tomorrow",
  // API.md: Monday to Sunday of the viewer's week, its past days included — said on the button.
  week: "This week (Mon–Sun, incl. past days)",
  next7: "Next 7 days",
  none: "No due date",
};

/** What each preset holds, on hover/focus: overdue and today never share a task. */
export const PRESET_HINTS: Record<DuePreset, string> = {
  all: "Every task, with or without a due date",
  overdue: "Due before now (a date-only task: before today)",
  today: "Due later today — tasks whose time has passed are under Overdue",
  tomorrow: "Due tomorrow",
  week: "Open tasks due Monday to Sunday of this week, including days already past (and so overdue ones)",
  next7: "Due from now to the end of the sixth day after today",
  none: "Tasks without a due date",
};
export const PRESET_ORDER: DuePreset[] = ["all", "overdue", "today", "tomorrow", "week", "next7", "none"];

/**
 * Due-date presets as a row of toggle buttons with counts, and a custom range with a calendar.
 * On a phone the row keeps one line and scrolls sideways (the chosen preset scrolled into
 * it), with 44-px targets.
 */
export function DueFilter({
  due,
  dueFrom,
  dueTo,
  counts,
  today,
  onPreset,
  onRange,
}: {
  due: DuePreset;
  dueFrom: CalendarDate | undefined;
  dueTo: CalendarDate | undefined;
  counts: Record<DuePreset, number> | undefined;
  today: CalendarDate;
  onPreset: (preset: DuePreset) => void;
  onRange: (range: { from: CalendarDate | null; to: CalendarDate | null }) => void;
}) {
  const custom = !!(dueFrom || dueTo);
  const [rangeOpen, setRangeOpen] = useState(false);
  const row = useRef<HTMLDivElement>(null);
  // The chosen preset in view on a phone, again when the counts arrive (they widen the buttons).
  usePressedInView(row, `${custom ? "custom" : due}|${counts ? Object.values(counts).join(",") : ""}`);
  return (
    <div className="flex flex-wrap items-center gap-2 max-sm:w-full max-sm:min-w-0">
      <div
        ref={row}
        role="group"
        aria-label="Due date"
        className="flex flex-wrap items-center gap-1 rounded-lg border bg-card p-1 shadow-xs max-sm:w-full max-sm:max-w-full max-sm:min-w-0 max-sm:flex-nowrap max-sm:overflow-x-auto max-sm:overscroll-x-contain"
      >
        {PRESET_ORDER.map((p) => {
          const active = !custom && due === p;
          const n = counts?.[p];
          return (
            <button
              key={p}
              type="button"
              aria-pressed={active}
              title={PRESET_HINTS[p]}
              onClick={() => onPreset(p)}
              className={cn(
                "inline-flex h-7 shrink-0 items-center gap-1.5 rounded-md px-2.5 text-sm font-medium whitespace-nowrap text-muted-foreground transition-colors hover:bg-muted hover:text-foreground max-sm:h-11",
                active && "bg-primary/10 text-primary hover:bg-primary/15 hover:text-primary",
                p === "overdue" && n && !active ? "text-destructive hover:text-destructive" : null,
              )}
            >
              {PRESET_LABELS[p]}
              <span
                aria-hidden={n === undefined}
                className={cn(
                  "min-w-5 rounded px-1 text-center font-mono text-xs tabular-nums",
                  active ? "bg-primary/10" : "bg-muted",
                  n === undefined && "invisible",
                )}
              >
                {n === undefined ? "0" : n.toLocaleString("en-GB")}
              </span>
            </button>
          );
        })}
      </div>
      <DateRangePopover
        label="Custom due date range"
        from={dueFrom ?? null}
        to={dueTo ?? null}
        today={today}
        active={custom}
        open={rangeOpen}
        onOpenChange={setRangeOpen}
        onRange={onRange}
      />
    </div>
  );
}
