"use client";

// Axis and tooltip settings the campaign plots share (only the lazily loaded recharts chunks
// import this). Props, not wrapper components: recharts reads its axes and tooltip from the
// chart's direct children.
import type { TooltipContentProps } from "recharts";
import { ChartTooltipContent } from "@/components/ui/chart";
import { fmtInt, fmtRate } from "./format";

/** The category axis under a bar or line chart: labels only, no ticks or line. */
export const categoryAxis = { tickLine: false, axisLine: false, tickMargin: 8 } as const;

/** The value axis of a chart of counts: whole numbers only. */
export const countAxis = {
  tickLine: false,
  axisLine: false,
  width: 44,
  allowDecimals: false,
  tickFormatter: (v: number) => fmtInt(v),
} as const;

/** The value axis of a chart of rates, as whole percentages. */
export const rateAxis = {
  tickLine: false,
  axisLine: false,
  width: 44,
  tickFormatter: (v: number) => fmtRate(v, 0),
} as const;

type TooltipProps = Pick<TooltipContentProps<number, string>, "active" | "payload" | "label">;

/** Tooltip content for a chart of rates. */
export const rateTooltip = (p: TooltipProps) => (
  <ChartTooltipContent active={p.active} payload={p.payload} label={p.label} valueFormatter={(v) => fmtRate(v)} />
);

/** Tooltip content for a chart of counts. */
export const countTooltip = (p: TooltipProps) => (
  <ChartTooltipContent active={p.active} payload={p.payload} label={p.label} />
);
