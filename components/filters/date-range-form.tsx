"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { type CalendarDate, isCalendarDate } from "@/lib/dates/calendar";
import { RangeCalendar } from "./range-calendar";

type Range = { from: CalendarDate | null; to: CalendarDate | null };

/**
 * A custom date range (tasks' due dates, the timeline's days): two date inputs, a calendar,
 * Clear and Apply. Loaded with its panel; the draft starts from the applied range at each open.
 */
export function DateRangeForm({
  from,
  to,
  today,
  onApply,
}: Range & { today: CalendarDate; onApply: (range: Range) => void }) {
  const [draft, setDraft] = useState<Range>({ from, to });
  const valid = (draft.from || draft.to) && !(draft.from && draft.to && draft.from > draft.to);
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (!valid) return;
        onApply(draft);
      }}
    >
      <div className="grid grid-cols-2 gap-2">
        <DateField
          label="From"
          value={draft.from}
          max={draft.to}
          onChange={(from) => setDraft((d) => ({ ...d, from }))}
        />
        <DateField label="To" value={draft.to} min={draft.from} onChange={(to) => setDraft((d) => ({ ...d, to }))} />
      </div>
      <RangeCalendar from={draft.from} to={draft.to} today={today} onChange={setDraft} />
      <p className="text-xs text-muted-foreground">Both ends are included. Leave one empty for an open-ended range.</p>
      {draft.from && draft.to && draft.from > draft.to ? (
        <p className="text-xs text-destructive">The start is after the end.</p>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button type="button" variant="ghost" size="sm" onClick={() => setDraft({ from: null, to: null })}>
          Clear
        </Button>
        <Button type="submit" size="sm" disabled={!valid}>
          Apply range
        </Button>
      </div>
    </form>
  );
}

/** One end of the range: a labelled date input, bounded by the other end; a partial date reads as none. */
function DateField({
  label,
  value,
  min,
  max,
  onChange,
}: {
  label: string;
  value: CalendarDate | null;
  min?: CalendarDate | null;
  max?: CalendarDate | null;
  onChange: (day: CalendarDate | null) => void;
}) {
  const id = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="text-xs font-medium text-muted-foreground">
        {label}
      </label>
      <input
        id={id}
        type="date"
        value={value ?? ""}
        min={min ?? undefined}
        max={max ?? undefined}
        onChange={(e) => onChange(isCalendarDate(e.target.value) ? e.target.value : null)}
        className="h-8 w-full rounded-md border border-input bg-background px-2 text-sm outline-none focus-visible:ring-2 focus-visible:ring-ring/40"
      />
    </div>
  );
}
