"use client";

// A shadcn-style chart container for recharts: a ChartConfig names each series and gives
// its colour as a CSS variable (the design tokens --chart-sent, --chart-opened, …), so
// both themes and every chart share one palette. This file is recharts-free (types
// aside): the frame, its summary and the tooltip card render on the server, and the
// recharts drawing inside (chart-container.tsx) can load as its own chunk.
import { createContext, useContext, type ComponentProps, type CSSProperties, type ReactNode } from "react";
import type { TooltipContentProps } from "recharts";
import { cn } from "@/lib/utils";

export type ChartConfig = Record<string, { label: string; color: string }>;

const ChartContext = createContext<ChartConfig | null>(null);

export function useChartConfig(): ChartConfig {
  const config = useContext(ChartContext);
  if (!config) throw new Error("useChartConfig must be used inside a <ChartContainer />");
  return config;
}

/**
 * The chart's frame: `role="img"` with a summary in words for screen readers (the data
 * behind it stays reachable as a table or CSV next to it), series colours as
 * `--color-<key>` variables, and axis/grid/tooltip styling from the theme tokens. Its
 * height comes from `className`, so the frame holds its place while the drawing loads.
 */
export function ChartFrame({
  config,
  summary,
  className,
  children,
  style,
  ...props
}: { config: ChartConfig; summary: string; children?: ReactNode } & Omit<ComponentProps<"div">, "children">) {
  const vars = Object.fromEntries(
    Object.entries(config).map(([key, v]) => [`--color-${key}`, v.color]),
  ) as CSSProperties;
  return (
    <ChartContext.Provider value={config}>
      <div
        data-slot="chart"
        role="img"
        aria-label={summary}
        style={{ ...vars, ...style }}
        className={cn(
          "relative h-64 w-full text-xs",
          "[&_.recharts-cartesian-axis-tick_text]:fill-muted-foreground [&_.recharts-cartesian-grid_line]:stroke-border [&_.recharts-curve.recharts-tooltip-cursor]:stroke-border",
          "[&_.recharts-rectangle.recharts-tooltip-cursor]:fill-muted [&_.recharts-reference-line_line]:stroke-border [&_.recharts-surface]:outline-none [&_.recharts-wrapper]:outline-none",
          className,
        )}
        {...props}
      >
        {children}
      </div>
    </ChartContext.Provider>
  );
}

/** The tooltip card: the bucket's label, then one line per series with its colour and value. */
export function ChartTooltipContent({
  active,
  payload,
  label,
  labelFormatter,
  valueFormatter = (v) => v.toLocaleString("en"),
  footer,
}: Partial<Pick<TooltipContentProps<number, string>, "active" | "payload" | "label">> & {
  labelFormatter?: (label: string | number | undefined, payload: readonly unknown[]) => ReactNode;
  valueFormatter?: (value: number, key: string) => ReactNode;
  footer?: (payload: readonly unknown[]) => ReactNode;
}) {
  const config = useChartConfig();
  if (!active || !payload?.length) return null;
  const rows = payload.map((p) => p.payload as unknown);
  return (
    <div
      data-testid="chart-tooltip"
      className="grid min-w-40 gap-1.5 rounded-lg border bg-card px-3 py-2 text-xs text-card-foreground shadow-md"
    >
      <div className="font-medium">{labelFormatter ? labelFormatter(label, rows) : label}</div>
      <ul className="grid gap-1">
        {payload.map((item) => {
          const key = String(item.dataKey ?? item.name ?? "");
          const entry = config[key];
          return (
            <li key={key} className="flex items-center gap-2">
              <span
                aria-hidden
                className="size-2.5 shrink-0 rounded-[2px]"
                style={{ background: entry?.color ?? item.color }}
              />
              <span className="text-muted-foreground">{entry?.label ?? key}</span>
              <span className="ml-auto font-mono font-medium tabular-nums">
                {typeof item.value === "number" ? valueFormatter(item.value, key) : String(item.value ?? "")}
              </span>
            </li>
          );
        })}
      </ul>
      {footer ? <div className="border-t pt-1.5 text-muted-foreground">{footer(rows)}</div> : null}
    </div>
  );
}

/**
 * A legend that is also the series switch: one toggle button per series (aria-pressed),
 * so a person can hide the big "sent" line to read the small "replied" one.
 */
export function ChartSeriesToggle({
  config,
  visible,
  onToggle,
  className,
}: {
  config: ChartConfig;
  visible: Record<string, boolean>;
  onToggle: (key: string) => void;
  className?: string;
}) {
  return (
    <div role="group" aria-label="Series shown" className={cn("flex flex-wrap gap-1.5", className)}>
      {Object.entries(config).map(([key, { label, color }]) => {
        const on = visible[key] !== false;
        return (
          <button
            key={key}
            type="button"
            aria-pressed={on}
            onClick={() => onToggle(key)}
            className={cn(
              "inline-flex h-7 items-center gap-1.5 rounded-md border px-2 text-xs font-medium transition-colors outline-none focus-visible:ring-2 focus-visible:ring-ring/50",
              on
                ? "bg-card text-foreground"
                : "bg-transparent text-muted-foreground line-through decoration-muted-foreground/60",
            )}
          >
            <span
              aria-hidden
              className={cn("size-2.5 rounded-[2px]", !on && "opacity-30")}
              style={{ background: color }}
            />
            {label}
          </button>
        );
      })}
    </div>
  );
}
