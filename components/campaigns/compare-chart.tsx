"use client";

import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from "recharts";
import { ChartTooltipContent, type ChartConfig } from "@/components/ui/chart";
import { ChartContainer, ChartTooltip } from "@/components/ui/chart-container";
import type { CompareRow } from "@/lib/model/engagement";
import { VENDOR_LABELS } from "@/lib/model/vendor";
import { ChartCard } from "./chart-card";
import { csvFileName, toCsv } from "./csv";
import { fmtRate } from "./format";

// The compare page's chart, loaded as its own chunk (recharts is large).

const RATE_BARS = {
  open: { label: "Open rate", color: "var(--chart-opened)" },
  click: { label: "Click rate", color: "var(--chart-clicked)" },
  reply: { label: "Reply rate", color: "var(--chart-replied)" },
  bounce: { label: "Bounce rate", color: "var(--chart-bounced)" },
} satisfies ChartConfig;

export default function CompareChart({
  rows,
  from,
  to,
}: {
  rows: CompareRow[];
  from: string | null;
  to: string | null;
}) {
  const data = rows.map((r) => ({
    name: r.campaign.name,
    open: r.rates.open ?? 0,
    click: r.rates.click ?? 0,
    reply: r.rates.reply ?? 0,
    bounce: r.rates.bounce ?? 0,
  }));
  const summary = `Bar chart of rates by campaign: ${rows.map((r) => `${r.campaign.name} (${VENDOR_LABELS[r.campaign.vendor]}): open ${fmtRate(r.rates.open)}, click ${fmtRate(r.rates.click)}, reply ${fmtRate(r.rates.reply)}, bounce ${fmtRate(r.rates.bounce)}`).join("; ")}.`;
  return (
    <ChartCard
      title="Rates side by side"
      description="Open, click and reply rates divide by delivered emails; bounce rate by emails sent."
      csv={{
        name: csvFileName("compare", from ?? "all", to ?? "time"),
        build: () =>
          toCsv(rows, [
            { header: "campaign_id", value: (r) => r.campaign.id },
            { header: "campaign", value: (r) => r.campaign.name },
            { header: "vendor", value: (r) => r.campaign.vendor },
            ...(
              ["sent", "delivered", "opened", "clicked", "replied", "bounced", "unsubscribed", "interested"] as const
            ).map((k) => ({ header: k, value: (r: CompareRow) => r.totals[k] })),
            ...(["open", "click", "reply", "bounce", "positive"] as const).map((k) => ({
              header: `${k}_rate`,
              value: (r: CompareRow) => r.rates[k]?.toFixed(4),
            })),
          ]),
      }}
    >
      <ChartContainer config={RATE_BARS} summary={summary} className="h-72">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} />
          <XAxis
            dataKey="name"
            tickLine={false}
            axisLine={false}
            tickMargin={8}
            interval={0}
            tickFormatter={(v: string) => (v.length > 24 ? `${v.slice(0, 23)}…` : v)}
          />
          <YAxis tickLine={false} axisLine={false} width={44} tickFormatter={(v: number) => fmtRate(v, 0)} />
          <ChartTooltip
            cursor
            content={(p) => (
              <ChartTooltipContent
                active={p.active}
                payload={p.payload}
                label={p.label}
                valueFormatter={(v) => fmtRate(v)}
              />
            )}
          />
          {(Object.keys(RATE_BARS) as (keyof typeof RATE_BARS)[]).map((k) => (
            <Bar key={k} dataKey={k} fill={`var(--color-${k})`} radius={[3, 3, 0, 0]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ChartContainer>
    </ChartCard>
  );
}
