"use client";

import { ChartFrame } from "@/components/ui/chart";
import type { Engagement, StepRow } from "@/lib/model/engagement";
import { ChartCard } from "./chart-card";
import { countColumns, csvFileName, rateColumns, toCsv } from "./csv";
import { fmtInt, fmtRate } from "./format";
import { StepPlot } from "./lazy-plots";
import { FigureCell, FigureRow, RateCell } from "./figure-cells";
import { countSeries } from "./series";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { FigureTableHead } from "@/components/ui/table-head";

const BARS = countSeries("sent", "opened", "clicked", "replied");

const RATED = ["open", "click", "reply", "bounce"] as const;
type Rated = (typeof RATED)[number];
type Cell = Rated | "sent" | "delivered" | "opened" | "clicked" | "replied" | "bounced" | "interested";
/** A row's cells left to right, as the header names them: counts, each rate after its count. */
const CELLS: readonly Cell[] = [
  "sent",
  "delivered",
  "opened",
  "open",
  "clicked",
  "click",
  "replied",
  "reply",
  "bounced",
  "bounce",
  "interested",
];
const isRate = (c: Cell): c is Rated => (RATED as readonly string[]).includes(c);

export function stepsCsv(rows: StepRow[]): string {
  return toCsv(rows, [
    { header: "step", value: (r) => r.step },
    ...countColumns((r: StepRow, k) => r[k]),
    ...rateColumns(RATED, (r: StepRow, k) => r.rates[k]),
  ]);
}

export function StepBreakdown({ data }: { data: Engagement }) {
  const rows = data.byStep;
  const best = rows.reduce<StepRow | null>(
    (b, r) => (r.rates.reply !== null && (!b || (b.rates.reply ?? -1) < r.rates.reply) ? r : b),
    null,
  );
  const summary = `Bar chart by sequence step: ${rows.map((r) => `step ${r.step}: ${fmtInt(r.sent)} sent, ${fmtInt(r.opened)} opened, ${fmtInt(r.replied)} replied`).join("; ")}.`;
  return (
    <ChartCard
      title="By step"
      description={
        best
          ? `Step ${best.step} has the best reply rate (${fmtRate(best.rates.reply)}).`
          : "Each step of the sequence, numbered from 1."
      }
      csv={
        rows.length
          ? {
              name: csvFileName(data.campaign.name, "by-step", data.from, data.to, data.tz),
              build: () => stepsCsv(rows),
            }
          : null
      }
    >
      {rows.length === 0 ? (
        <p className="flex h-40 items-center justify-center rounded-lg border border-dashed px-4 text-center text-sm text-muted-foreground">
          No step information in this range: the vendor did not say which step these emails belong to.
        </p>
      ) : (
        <div className="grid grid-cols-1 gap-4 [&>*]:min-w-0">
          <ChartFrame config={BARS} summary={summary} className="h-56">
            <StepPlot rows={rows} series={Object.keys(BARS)} />
          </ChartFrame>
          <ScrollRegion label="Engagement by sequence step">
            <table className="w-full text-sm">
              <caption className="sr-only">Engagement by sequence step</caption>
              <FigureTableHead
                rowLabel="Step"
                cells={[
                  "Sent",
                  "Delivered",
                  "Opened",
                  "Open rate",
                  "Clicked",
                  "Click rate",
                  "Replied",
                  "Reply rate",
                  "Bounced",
                  "Bounce rate",
                  "Interested",
                ].map((label) => ({ label, className: "whitespace-nowrap" }))}
              />
              <tbody>
                {rows.map((r) => (
                  <FigureRow key={r.step} name={`Step ${r.step}`}>
                    {CELLS.map((c) =>
                      isRate(c) ? (
                        <RateCell key={c} rate={c} value={r.rates[c]} counts={r} />
                      ) : (
                        <FigureCell key={c}>{fmtInt(r[c])}</FigureCell>
                      ),
                    )}
                  </FigureRow>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </div>
      )}
    </ChartCard>
  );
}
