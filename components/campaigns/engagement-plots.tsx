"use client";

// Every recharts drawing of the campaign page, in one chunk loaded once the page is
// interactive (lazy-plots.tsx): the cards around them, their numbers and summaries render on
// the server. Each plot fills a ChartFrame whose height is set by its card.
import { Bar, BarChart, CartesianGrid, Cell, LabelList, Line, LineChart, XAxis, YAxis } from "recharts";
import { ChartTooltipContent } from "@/components/ui/chart";
import { ChartResponsive, ChartTooltip } from "@/components/ui/chart-container";
import type { Engagement, StepRow, VariantRow } from "@/lib/model/engagement";
import { fmtBucket, fmtRate } from "./format";
import type { funnelRows } from "./funnel-chart";
import { plotSeries } from "./over-time-series";
import { partialWeek } from "./partial-week";
import { categoryAxis, countAxis, countTooltip, rateAxis, rateTooltip } from "./plot-parts";

export function OverTimePlot({ data, shown }: { data: Engagement; shown: readonly string[] }) {
  return (
    <ChartResponsive>
      <LineChart data={plotSeries(data)} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} />
        <XAxis
          dataKey="bucket"
          {...categoryAxis}
          minTickGap={24}
          tickFormatter={(v: string) => fmtBucket(v, data.interval, data.tz)}
        />
        <YAxis {...countAxis} />
        <ChartTooltip
          cursor
          content={(props) => (
            <ChartTooltipContent
              active={props.active}
              // A bucket next to a partial week is on both lines: one row per series.
              payload={props.payload?.filter(
                (p, i, all) => p.value != null && all.findIndex((q) => q.name === p.name && q.value != null) === i,
              )}
              label={props.label}
              labelFormatter={(label) => {
                const partial = partialWeek(String(label), data);
                return (
                  <>
                    {fmtBucket(String(label), data.interval, data.tz, true)}
                    {partial ? <span className="block font-normal text-muted-foreground">{partial}</span> : null}
                  </>
                );
              }}
            />
          )}
        />
        {shown.map((k) => (
          <Line
            key={k}
            dataKey={k}
            name={k}
            type="monotone"
            stroke={`var(--color-${k})`}
            strokeWidth={2}
            dot={data.series.length <= 2}
            activeDot={{ r: 4 }}
            isAnimationActive={false}
          />
        ))}
        {/* Partial first/last weeks: dashed (the tooltip says the days they cover). */}
        {data.interval === "week"
          ? shown.map((k) => (
              <Line
                key={`${k}__partial`}
                dataKey={`${k}__partial`}
                name={k}
                type="monotone"
                stroke={`var(--color-${k})`}
                strokeWidth={2}
                strokeDasharray="5 4"
                strokeOpacity={0.7}
                dot={{ r: 3, strokeDasharray: "" }}
                activeDot={false}
                legendType="none"
                isAnimationActive={false}
              />
            ))
          : null}
      </LineChart>
    </ChartResponsive>
  );
}

export function FunnelPlot({ rows }: { rows: ReturnType<typeof funnelRows> }) {
  return (
    <ChartResponsive>
      <BarChart data={rows} layout="vertical" margin={{ top: 0, right: 120, bottom: 0, left: 0 }} barCategoryGap={6}>
        <XAxis type="number" hide domain={[0, "dataMax"]} />
        <YAxis type="category" dataKey="stage" tickLine={false} axisLine={false} width={76} />
        <ChartTooltip
          cursor={false}
          content={(props) => (
            <ChartTooltipContent
              active={props.active}
              payload={props.payload?.map((p) => ({ ...p, dataKey: (p.payload as { key: string }).key }))}
              label={props.label}
              footer={(payload) => {
                const r = payload[0] as ReturnType<typeof funnelRows>[number] | undefined;
                if (!r || r.base === null) return null;
                return r.over
                  ? `More than ${r.base}: vendors can mark interest without a reply, so no share`
                  : `${fmtRate(r.share)} of ${r.base}`;
              }}
            />
          )}
        />
        <Bar dataKey="value" radius={4} isAnimationActive={false}>
          {rows.map((r) => (
            <Cell key={r.key} fill={`var(--color-${r.key})`} />
          ))}
          <LabelList dataKey="label" position="right" fill="var(--foreground)" />
        </Bar>
      </BarChart>
    </ChartResponsive>
  );
}

export function VariantPlot({ rows }: { rows: VariantRow[] }) {
  return (
    <ChartResponsive>
      <BarChart
        data={rows.map((r) => ({ name: `Variant ${r.variant}`, open: r.rates.open ?? 0, reply: r.rates.reply ?? 0 }))}
        margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
      >
        <CartesianGrid vertical={false} />
        <XAxis dataKey="name" {...categoryAxis} />
        <YAxis {...rateAxis} />
        <ChartTooltip cursor content={rateTooltip} />
        <Bar dataKey="open" fill="var(--color-open)" radius={[3, 3, 0, 0]} isAnimationActive={false} />
        <Bar dataKey="reply" fill="var(--color-reply)" radius={[3, 3, 0, 0]} isAnimationActive={false} />
      </BarChart>
    </ChartResponsive>
  );
}

export function StepPlot({ rows, series }: { rows: StepRow[]; series: readonly string[] }) {
  return (
    <ChartResponsive>
      <BarChart
        data={rows.map((r) => ({ ...r, name: `Step ${r.step}` }))}
        margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
      >
        <CartesianGrid vertical={false} />
        <XAxis dataKey="name" {...categoryAxis} />
        <YAxis {...countAxis} />
        <ChartTooltip cursor content={countTooltip} />
        {series.map((k) => (
          <Bar key={k} dataKey={k} fill={`var(--color-${k})`} radius={[3, 3, 0, 0]} isAnimationActive={false} />
        ))}
      </BarChart>
    </ChartResponsive>
  );
}
