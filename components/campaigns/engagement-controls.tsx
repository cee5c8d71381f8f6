"use client";

import { useMemo, useState } from "react";
import {
  addCalendarDays,
  calendarDayIn,
  REPLY_FORMULAS,
  type BotsMode,
  type EngagementInterval,
  type ReplyMode,
} from "@/lib/model/plain/engagement";
import { DateRangePopover } from "@/components/filters/date-range-popover";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/lib/utils";
import { Segmented } from "./segmented";

export type RangePreset = "all" | "7d" | "30d" | "90d" | "custom";
const PRESET_DAYS: Partial<Record<RangePreset, number>> = { "7d": 7, "30d": 30, "90d": 90 };
const INTERVALS = [
  { value: "day", label: "Day" },
  { value: "week", label: "Week" },
] as const;
const REPLY_COUNTS = [
  { value: "human", label: "People's replies" },
  { value: "all", label: "All replies" },
] as const;
const PRESETS: { value: RangePreset; label: string }[] = [
  { value: "all", label: "Whole campaign" },
  { value: "7d", label: "Last 7 days" },
  { value: "30d", label: "Last 30 days" },
  { value: "90d", label: "Last 90 days" },
  { value: "custom", label: "Custom" },
];

/** Which preset a range is (presets end today in the zone). */
export function presetOf(from: string | null, to: string | null, tz: string, now = Date.now()): RangePreset {
  if (!from && !to) return "all";
  const today = calendarDayIn(now, tz);
  for (const [preset, days] of Object.entries(PRESET_DAYS))
    if (to === today && from === addCalendarDays(today, -(days - 1))) return preset as RangePreset;
  return "custom";
}

export function presetRange(
  preset: RangePreset,
  tz: string,
  now = Date.now(),
): { from: string | null; to: string | null } {
  const days = PRESET_DAYS[preset];
  if (!days) return { from: null, to: null };
  const today = calendarDayIn(now, tz);
  return { from: addCalendarDays(today, -(days - 1)), to: today };
}

/** Every IANA zone the browser knows, UTC first. */
function useZones(current: string): string[] {
  return useMemo(() => {
    const all = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
    return [...new Set(["UTC", current, ...all])];
  }, [current]);
}

/** What the campaign and compare pages' controls set (their URL's filters). */
export interface EngagementSettings {
  from: string | null;
  to: string | null;
  /** Null until the browser's zone is known: the controls wait as a placeholder. */
  tz: string | null;
  bots: BotsMode;
  /** Issue 18: which replies the reply rate counts; the toggle shows the formula. */
  replies: ReplyMode;
}

type ControlsProps = {
  value: EngagementSettings;
  onChange: (patch: Partial<EngagementSettings>) => void;
  /** The days the answer actually covers (the defaults when no range is set). */
  shown?: { from: string | null; to: string | null } | null;
  /** Only the campaign page has buckets to choose. */
  interval?: EngagementInterval;
  onInterval?: (interval: EngagementInterval) => void;
};

/** The range, zone, interval, machine-event and reply controls, shared by the campaign and compare pages. */
export function EngagementControls({ value, ...props }: ControlsProps) {
  const tz = value.tz;
  return tz ? <Controls {...props} value={{ ...value, tz }} /> : <Skeleton className="h-14 w-full" />;
}

function Controls({
  value: { from, to, tz, bots, replies },
  onChange,
  shown,
  interval,
  onInterval,
}: ControlsProps & { value: { tz: string } }) {
  const onRange = (from: string | null, to: string | null) => onChange({ from, to });
  const shownFrom = shown?.from ?? undefined;
  const shownTo = shown?.to ?? undefined;
  const zones = useZones(tz);
  const active = presetOf(from, to, tz);
  const [customOpen, setCustomOpen] = useState(false);
  const [rangeOpen, setRangeOpen] = useState(false);
  // The calendar's "today", read once (a page left open past midnight keeps the day it opened on).
  const [today] = useState(() => calendarDayIn(Date.now(), tz));
  const custom = customOpen || active === "custom";

  return (
    <div className="flex flex-wrap items-end gap-x-4 gap-y-3 max-sm:w-full max-sm:min-w-0">
      <Segmented
        captioned
        label="Date range"
        value={custom ? "custom" : active}
        options={PRESETS}
        onChange={(p) => {
          if (p === "custom") {
            setCustomOpen(true);
            return setRangeOpen(true);
          }
          setCustomOpen(false);
          const r = presetRange(p, tz);
          onRange(r.from, r.to);
        }}
      />
      {custom ? (
        <DateRangePopover
          label="Custom date range"
          from={from ?? shownFrom ?? null}
          to={to ?? shownTo ?? null}
          today={today}
          active={active === "custom"}
          open={rangeOpen}
          onOpenChange={setRangeOpen}
          emptyLabel="Pick dates"
          onRange={(r) => {
            if (!r.from && !r.to) {
              setCustomOpen(false);
              return onRange(null, null);
            }
            onRange(r.from, r.to);
          }}
        />
      ) : null}
      {interval && onInterval ? (
        <Segmented captioned label="Interval" value={interval} options={INTERVALS} onChange={onInterval} />
      ) : null}
      <label className="grid gap-1.5 text-xs font-medium text-muted-foreground">
        Time zone
        <select
          value={tz}
          onChange={(e) => onChange({ tz: e.target.value })}
          className="h-8 max-w-56 rounded-md border bg-card px-2 text-sm text-foreground shadow-xs outline-none focus-visible:ring-2 focus-visible:ring-ring/50"
        >
          {zones.map((z) => (
            <option key={z} value={z}>
              {z.replace(/_/g, " ")}
            </option>
          ))}
        </select>
      </label>
      <label
        className={cn(
          "flex h-8 items-center gap-2 self-end rounded-md border bg-card px-2.5 text-xs font-medium shadow-xs",
          "has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring/50",
        )}
      >
        <input
          type="checkbox"
          checked={bots === "include"}
          onChange={(e) => onChange({ bots: e.target.checked ? "include" : "exclude" })}
          className="size-3.5 accent-[var(--primary)]"
        />
        Include machine opens and clicks
      </label>
      <Segmented
        captioned
        label="Replies counted"
        value={replies}
        options={REPLY_COUNTS}
        onChange={(replies) => onChange({ replies })}
      />
      <p className="basis-full text-xs text-muted-foreground">Reply rate = {REPLY_FORMULAS[replies]}</p>
    </div>
  );
}
