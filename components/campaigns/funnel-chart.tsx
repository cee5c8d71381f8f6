"use client";

import { ChartFrame, type ChartConfig } from "@/components/ui/chart";
import type { Engagement } from "@/lib/model/engagement";
import { ChartCard } from "./chart-card";
import { csvFileName, toCsv } from "./csv";
import { fmtInt, fmtRate } from "./format";
import { FunnelPlot } from "./lazy-plots";

const STAGES = {
  sent: { label: "Sent", color: "var(--chart-sent)" },
  delivered: { label: "Delivered", color: "color-mix(in oklch, var(--chart-sent) 60%, var(--background))" },
  opened: { label: "Opened", color: "var(--chart-opened)" },
  clicked: { label: "Clicked", color: "var(--chart-clicked)" },
  replied: { label: "Replied", color: "var(--chart-replied)" },
  interested: { label: "Interested", color: "var(--chart-interested)" },
} satisfies ChartConfig;
type Stage = keyof typeof STAGES;

/** Each stage with its share of the emails sent and of the stage before. */
export function funnelRows(e: Engagement) {
  const keys = Object.keys(STAGES) as Stage[];
  return keys.map((key, i) => {
    const value = e.totals[key];
    const prev = i > 0 ? e.totals[keys[i - 1]!] : null;
    const ofSent = e.totals.sent > 0 ? value / e.totals.sent : null;
    return {
      key,
      stage: STAGES[key].label,
      value,
      ofSent,
      ofPrevious: prev ? value / prev : null,
      label: key === "sent" ? fmtInt(value) : `${fmtInt(value)} · ${fmtRate(ofSent)}`,
    };
  });
}

export function FunnelChart({ data }: { data: Engagement }) {
  const rows = funnelRows(data);
  const summary = `Funnel from ${fmtInt(data.totals.sent)} sent: ${rows
    .slice(1)
    .map((r) => `${fmtInt(r.value)} ${r.stage.toLowerCase()} (${fmtRate(r.ofSent)} of sent)`)
    .join(", ")}.`;
  return (
    <ChartCard
      title="Funnel"
      description="Sent → delivered → opened → clicked → replied → interested. Opened, clicked, replied and interested are people × steps."
      csv={{
        name: csvFileName(data.campaign.name, "funnel", data.from, data.to),
        build: () =>
          toCsv(rows, [
            { header: "stage", value: (r) => r.key },
            { header: "count", value: (r) => r.value },
            { header: "share_of_sent", value: (r) => r.ofSent?.toFixed(4) },
            { header: "share_of_previous_stage", value: (r) => r.ofPrevious?.toFixed(4) },
          ]),
      }}
    >
      {data.totals.sent === 0 ? (
        <p className="flex h-64 items-center justify-center rounded-lg border border-dashed text-sm text-muted-foreground">
          Nothing sent in this range.
        </p>
      ) : (
        <ChartFrame config={STAGES} summary={summary} className="h-64">
          <FunnelPlot rows={rows} />
        </ChartFrame>
      )}
    </ChartCard>
  );
}
