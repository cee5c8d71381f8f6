"use client";

import { useState } from "react";
import { ChartFrame, ChartSeriesToggle } from "@/components/ui/chart";
import type { Engagement, SeriesPoint } from "@/lib/model/engagement";
import { ChartCard } from "./chart-card";
import { countColumns, csvFileName, toCsv } from "./csv";
import { fmtBucket, fmtCalendarDay, fmtInt } from "./format";
import { OverTimePlot } from "./lazy-plots";
import { OVER_TIME_SERIES, type SeriesKey } from "./over-time-series";
import { partialWeek } from "./partial-week";

/** "First week (2 – 8 Mar) and last week (23 – 24 Mar) cover only those days" — or null. */
export function partialWeeksNote(e: Engagement): string | null {
  const cut = e.series
    .map((p, i) => ({ i, days: partialWeek(p.bucket, e) }))
    .filter((x): x is { i: number; days: string } => x.days !== null);
  if (!cut.length) return null;
  const name = (i: number) => (i === 0 ? "first week" : i === e.series.length - 1 ? "last week" : "week");
  const parts = cut.map((c) => `${name(c.i)}: ${c.days.replace(/ only$/, "")}`);
  return `Partial weeks, dashed — counts for the days in range only (${parts.join("; ")}).`;
}

/** The chart in words, for screen readers. */
export function overTimeSummary(e: Engagement): string {
  const per = e.interval === "week" ? "week" : "day";
  const busiest = e.series.reduce<SeriesPoint | null>((best, p) => (!best || p.sent > best.sent ? p : best), null);
  const note = partialWeeksNote(e);
  const parts = [
    `Line chart of emails per ${per} from ${fmtCalendarDay(e.from)} to ${fmtCalendarDay(e.to)} (${e.tz}), ${e.series.length} ${per}s`,
    `${fmtInt(e.totals.sent)} sent, ${fmtInt(e.totals.opened)} opened, ${fmtInt(e.totals.clicked)} clicked, ${fmtInt(e.totals.replied)} replied, ${fmtInt(e.totals.bounced)} bounced`,
  ];
  if (busiest && busiest.sent > 0)
    parts.push(
      `busiest ${per}: ${fmtBucket(busiest.bucket, e.interval, e.tz, true)} with ${fmtInt(busiest.sent)} sent`,
    );
  return `${parts.join("; ")}.${note ? ` ${note}` : ""}`;
}

export function overTimeCsv(e: Engagement): string {
  return toCsv(e.series, [
    { header: "bucket_start_utc", value: (p) => p.bucket },
    { header: `${e.interval}_in_${e.tz}`, value: (p) => fmtBucket(p.bucket, e.interval, e.tz, true) },
    ...countColumns((p: SeriesPoint, k) => p[k]),
  ]);
}

export function OverTimeChart({ data }: { data: Engagement }) {
  const [visible, setVisible] = useState<Record<string, boolean>>({});
  const shown = (Object.keys(OVER_TIME_SERIES) as SeriesKey[]).filter((k) => visible[k] !== false);
  const empty = data.series.every((p) => p.sent + p.opened + p.clicked + p.replied + p.bounced === 0);
  return (
    <ChartCard
      title="Over time"
      description={`Per ${data.interval === "week" ? "ISO week (from Monday)" : "day"} in ${data.tz}. Opens, clicks and replies count each person × step once, when it first happened.`}
      csv={{
        name: csvFileName(data.campaign.name, "over-time", data.interval, data.from, data.to, data.tz),
        build: () => overTimeCsv(data),
      }}
    >
      <ChartSeriesToggle
        config={OVER_TIME_SERIES}
        visible={visible}
        onToggle={(k) => setVisible((v) => ({ ...v, [k]: v[k] === false }))}
        className="mb-3"
      />
      {empty ? (
        <p className="flex h-64 items-center justify-center rounded-lg border border-dashed text-sm text-muted-foreground">
          No emails in this range.
        </p>
      ) : (
        <>
          <ChartFrame config={OVER_TIME_SERIES} summary={overTimeSummary(data)} className="h-72">
            <OverTimePlot data={data} shown={shown} />
          </ChartFrame>
          {partialWeeksNote(data) ? (
            <p className="mt-2 flex items-center gap-2 text-xs text-muted-foreground">
              <svg aria-hidden width="24" height="6" className="shrink-0">
                <line x1="0" y1="3" x2="24" y2="3" stroke="currentColor" strokeWidth="2" strokeDasharray="4 3" />
              </svg>
              {partialWeeksNote(data)}
            </p>
          ) : null}
        </>
      )}
    </ChartCard>
  );
}
