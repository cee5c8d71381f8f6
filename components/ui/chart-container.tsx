"use client";

// The recharts half of chart.tsx: import it only from a chart's own lazily loaded chunk
// (recharts is ~125 KB gzip; the shell and the first paint of a page never need it).
import type { ComponentProps, ReactElement } from "react";
import { Legend, ResponsiveContainer, Tooltip } from "recharts";
import { ChartFrame, type ChartConfig } from "./chart";

/** Fills its parent (a ChartFrame) with a recharts chart. */
export function ChartResponsive({ children }: { children: ReactElement }) {
  return (
    <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height: 256 }}>
      {children}
    </ResponsiveContainer>
  );
}

/** A ChartFrame with the chart in it, for charts drawn in one piece. */
export function ChartContainer({
  children,
  ...props
}: { config: ChartConfig; summary: string; children: ReactElement } & Omit<ComponentProps<"div">, "children">) {
  return (
    <ChartFrame {...props}>
      <ChartResponsive>{children}</ChartResponsive>
    </ChartFrame>
  );
}

export const ChartTooltip = Tooltip;
export const ChartLegend = Legend;
