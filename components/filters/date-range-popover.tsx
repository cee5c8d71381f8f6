"use client";

import { CalendarRange, X } from "@/components/ui/icons";
import { Button } from "@/components/ui/button";
import { lazyContent } from "@/components/ui/lazy-content";
import type { CalendarDate } from "@/lib/dates/calendar";
import { formatDay } from "@/lib/dates/format";
import { cn } from "@/lib/utils";
import { FilterPopover } from "./popover";

// The range form and its calendar load on first intent, not with the page.
const { load: loadRangeForm, Content: RangeForm } = lazyContent(() =>
  import("./date-range-form").then((m) => m.DateRangeForm),
);

type Range = { from: CalendarDate | null; to: CalendarDate | null };

/** A range as a button label: "Tue 3 Nov – Sun 8 Nov", "From Tue 3 Nov", "Until …". */
export function rangeLabel(from: CalendarDate | null, to: CalendarDate | null, today: CalendarDate): string | null {
  const day = (d: CalendarDate) => formatDay(d, today, "en-GB");
  if (from && to) return from === to ? day(from) : `${day(from)} – ${day(to)}`;
  if (from) return `From ${day(from)}`;
  if (to) return `Until ${day(to)}`;
  return null;
}

/**
 * A custom date range in a toolbar (the tasks' due dates, a campaign's days): a button naming
 * the range that opens the form and its calendar, and — while a range applies — a button that
 * clears it. `label` names the panel for assistive technology.
 */
export function DateRangePopover({
  label,
  from,
  to,
  today,
  active,
  open,
  onOpenChange,
  onRange,
  emptyLabel = "Custom range",
}: Range & {
  label: string;
  today: CalendarDate;
  /** A range applies (the button shows it pressed, with the clear button beside it). */
  active: boolean;
  open: boolean;
  onOpenChange(open: boolean): void;
  onRange(range: Range): void;
  emptyLabel?: string;
}) {
  return (
    <div className="flex items-center">
      <FilterPopover
        label={label}
        className="w-[19rem] p-3"
        open={open}
        onOpenChange={onOpenChange}
        load={loadRangeForm}
        trigger={
          <Button
            variant="secondary"
            size="sm"
            className={cn(active && "rounded-r-none border-primary/40 bg-primary/10 text-primary hover:bg-primary/15")}
            aria-pressed={active}
          >
            <CalendarRange aria-hidden />
            {(active && rangeLabel(from, to, today)) || emptyLabel}
          </Button>
        }
      >
        <RangeForm
          from={from}
          to={to}
          today={today}
          onApply={(r) => {
            onRange(r);
            onOpenChange(false);
          }}
        />
      </FilterPopover>
      {active ? (
        <Button
          variant="secondary"
          size="sm"
          className="rounded-l-none border-l-0 border-primary/40 bg-primary/10 px-2 text-primary hover:bg-primary/15"
          aria-label={`Clear the ${label.toLowerCase()}`}
          onClick={() => onRange({ from: null, to: null })}
        >
          <X aria-hidden />
        </Button>
      ) : null}
    </div>
  );
}
