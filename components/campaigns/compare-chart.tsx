"use client";

import { useState } from "react";
import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from "recharts";
import { Segmented } from "./segmented";
import { ChartContainer, ChartTooltip } from "@/components/ui/chart-container";
import { TableHead } from "@/components/ui/table-head";
import type { CompareRow } from "@/lib/model/engagement";
import { VENDOR_LABELS } from "@/lib/model/vendor";
import { ChartCard } from "./chart-card";
import { countColumns, csvFileName, rateColumns, toCsv } from "./csv";
import { fmtRate } from "./format";
import { categoryAxis, rateAxis, rateTooltip } from "./plot-parts";
import { RATE_BASES } from "./rate";
import { rateSeries } from "./series";

// The compare page's chart, loaded as its own chunk (recharts is large).

const RATE_BARS = rateSeries("open", "click", "reply", "bounce");

const VIEWS = [
  { value: "chart", label: "Chart" },
  { value: "table", label: "Table" },
] as const;

type BarKey = keyof typeof RATE_BARS;
const BAR_KEYS = Object.keys(RATE_BARS) as BarKey[];

export default function CompareChart({
  rows,
  from,
  to,
  replies,
  tz,
}: {
  tz: string;
  rows: CompareRow[];
  from: string | null;
  to: string | null;
  replies: "human" | "all";
}) {
  const [view, setView] = useState<"chart" | "table">("chart");
  // A rate without a figure (nothing to divide, or over its base) is left out, never drawn as 0.
  const data = rows.map((r) => ({
    name: `${r.campaign.name}${r.completeness.state === "partial" ? " (partial)" : ""}`,
    open: r.rates.open,
    click: r.rates.click,
    reply: r.rates.reply,
    bounce: r.rates.bounce,
  }));
  const summary = `Bar chart of rates by campaign: ${rows.map((r) => `${r.campaign.name} (${VENDOR_LABELS[r.campaign.vendor]}): open ${fmtRate(r.rates.open)}, click ${fmtRate(r.rates.click)}, reply ${fmtRate(r.rates.reply)}, bounce ${fmtRate(r.rates.bounce)}`).join("; ")}.`;
  return (
    <ChartCard
      title="Rates side by side"
      description={`Open, click and reply rates are of delivered emails; bounce rate of emails sent. ${replies === "human" ? "Replies: people's only." : "Replies: every reply."} Partial copies are marked.`}
      actions={<Segmented label="Show as" value={view} options={VIEWS} onChange={setView} />}
      csv={{
        name: csvFileName("compare", from ?? "all", to ?? "time", ...(from ? [tz] : [])),
        build: () =>
          toCsv(rows, [
            { header: "campaign_id", value: (r) => r.campaign.id },
            { header: "campaign", value: (r) => r.campaign.name },
            { header: "vendor", value: (r) => r.campaign.vendor },
            ...countColumns((r: CompareRow, k) => r.totals[k]),
            ...rateColumns(["open", "click", "reply", "bounce", "positive"], (r: CompareRow, k) => r.rates[k]),
          ]),
      }}
    >
      <ul aria-label="Legend" className="mb-3 flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted-foreground">
        {BAR_KEYS.map((k) => (
          <li key={k} className="flex items-center gap-1.5">
            <span aria-hidden className="size-2.5 rounded-sm" style={{ background: RATE_BARS[k].color }} />
            {RATE_BARS[k].label} <span className="text-muted-foreground">({RATE_BASES[k]})</span>
          </li>
        ))}
      </ul>
      {view === "table" ? (
        <RatesTable rows={rows} />
      ) : (
        <ChartContainer config={RATE_BARS} summary={summary} className="h-72">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid vertical={false} />
            <XAxis
              dataKey="name"
              {...categoryAxis}
              interval={0}
              tickFormatter={(v: string) => (v.length > 24 ? `${v.slice(0, 23)}…` : v)}
            />
            <YAxis {...rateAxis} />
            <ChartTooltip cursor content={rateTooltip} />
            {(Object.keys(RATE_BARS) as (keyof typeof RATE_BARS)[]).map((k) => (
              <Bar key={k} dataKey={k} fill={`var(--color-${k})`} radius={[3, 3, 0, 0]} isAnimationActive={false} />
            ))}
          </BarChart>
        </ChartContainer>
      )}
    </ChartCard>
  );
}

/** The chart's figures as a table: the accessible view of the same data. */
function RatesTable({ rows }: { rows: CompareRow[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">Rates by campaign, each with its base</caption>
        <TableHead
          rowClassName="border-b text-left text-xs text-muted-foreground"
          cellClassName="py-2 pr-4 font-medium"
          cells={[
            { label: "Campaign" },
            ...BAR_KEYS.map((k) => ({
              label: (
                <>
                  {RATE_BARS[k].label} <span className="font-normal">({RATE_BASES[k]})</span>
                </>
              ),
              className: "text-right",
            })),
          ]}
        />
        <tbody>
          {rows.map((r) => (
            <tr key={r.campaign.id} className="border-b last:border-0">
              <th scope="row" className="py-2 pr-4 text-left font-medium">
                {r.campaign.name}{" "}
                <span className="font-normal text-muted-foreground">· {VENDOR_LABELS[r.campaign.vendor]}</span>
                {r.completeness.state === "partial" ? (
                  <span className="block text-xs font-normal text-muted-foreground">
                    Partial: {r.completeness.reason}
                  </span>
                ) : null}
              </th>
              {BAR_KEYS.map((k) => (
                <td
                  key={k}
                  className={`py-2 pr-4 text-right tabular-nums ${r.completeness.state === "partial" ? "text-muted-foreground italic" : ""}`}
                >
                  {fmtRate(r.rates[k])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
