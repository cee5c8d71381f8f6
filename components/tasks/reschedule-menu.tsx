"use client";

import { CalendarClock } from "@/components/ui/icons";
import { type ReactNode, useState } from "react";
import { Button } from "@/components/ui/button";
import { LazyPopover } from "@/components/ui/lazy-popover";
import type { CalendarDate } from "@/lib/dates/calendar";
import { isCalendarDate } from "@/lib/dates/calendar";
import { presetDay, RESCHEDULE_LABELS, RESCHEDULE_PRESETS } from "@/lib/dates/reschedule";

/**
 * Reschedule choices — tomorrow 9:00, next Monday, in a week, or a picked day — in the
 * viewer's zone. One per task row: the panel (Radix Popover) loads on first intent or when
 * opened from the keyboard shortcut, not with the page.
 */
export function RescheduleMenu({
  tz,
  now,
  onPick,
  open,
  onOpenChange,
  trigger,
  label = "Reschedule",
}: {
  tz: string;
  /** The page's "now" (its due clock), so the choices agree with the page's "today". */
  now: number;
  onPick: (day: CalendarDate) => void;
  open?: boolean;
  onOpenChange?: (o: boolean) => void;
  trigger?: ReactNode;
  label?: string;
}) {
  const [own, setOwn] = useState(false);
  const isOpen = open ?? own;
  const setOpen = onOpenChange ?? setOwn;
  const [picked, setPicked] = useState("");
  const choose = (day: CalendarDate) => {
    setOpen(false);
    onPick(day);
  };
  return (
    <LazyPopover
      open={isOpen}
      onOpenChange={setOpen}
      role="dialog"
      aria-label={label}
      align="end"
      sideOffset={6}
      collisionPadding={8}
      className="w-60 rounded-xl p-2 shadow-lg"
      trigger={
        trigger ?? (
          <Button variant="ghost" size="icon" className="size-8" aria-label={label} title={`${label} (s)`}>
            <CalendarClock aria-hidden />
          </Button>
        )
      }
    >
      <div className="flex flex-col">
        {RESCHEDULE_PRESETS.map((p) => (
          <button
            key={p}
            type="button"
            className="rounded-md px-2 py-1.5 text-left hover:bg-muted focus-visible:bg-muted focus-visible:outline-none"
            onClick={() => choose(presetDay(p, now, tz))}
          >
            {RESCHEDULE_LABELS[p]}
            <span className="ml-2 text-xs text-muted-foreground">{presetDay(p, now, tz)}</span>
          </button>
        ))}
      </div>
      <form
        className="mt-2 flex items-center gap-2 border-t pt-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (isCalendarDate(picked)) choose(picked);
        }}
      >
        <label className="sr-only" htmlFor="reschedule-date">
          Pick a date
        </label>
        <input
          id="reschedule-date"
          type="date"
          value={picked}
          onChange={(e) => setPicked(e.target.value)}
          className="h-8 min-w-0 flex-1 rounded-md border bg-background px-2 text-sm"
        />
        <Button type="submit" size="sm" disabled={!isCalendarDate(picked)}>
          Set
        </Button>
      </form>
      <p className="mt-2 px-1 text-xs text-muted-foreground">
        Days in {tz}. A task due on a day stays a day; a timed one gets 9:00.
      </p>
    </LazyPopover>
  );
}
