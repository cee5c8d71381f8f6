"use client";

import { ChartFrame } from "@/components/ui/chart";
import type { Engagement } from "@/lib/model/engagement";
import { ratio } from "@/lib/model/plain/campaign";
import { ChartCard } from "./chart-card";
import { csvFileName, toCsv } from "./csv";
import { fmtInt, fmtRate } from "./format";
import { FunnelPlot } from "./lazy-plots";
import { countSeries } from "./series";

const STAGES = countSeries("sent", "delivered", "opened", "clicked", "replied", "interested");
type Stage = keyof typeof STAGES;

/**
 * Each stage's share of the same base the cards use (RATE_BASES): delivered of sent;
 * opened, clicked and replied of delivered; interested of replied. A stage above its base
 * (interest marked without a reply) gets no share — its count is shown with the reason.
 */
const BASE: Record<Stage, "sent" | "delivered" | "replied" | null> = {
  sent: null,
  delivered: "sent",
  opened: "delivered",
  clicked: "delivered",
  replied: "delivered",
  interested: "replied",
};

export function funnelRows(e: Engagement) {
  const keys = Object.keys(STAGES) as Stage[];
  return keys.map((key) => {
    const value = e.totals[key];
    const base = BASE[key];
    const of = base ? e.totals[base] : null;
    const share = of === null ? null : ratio(value, of);
    const over = of !== null && of > 0 && value > of;
    return {
      key,
      stage: STAGES[key].label,
      value,
      base,
      share,
      over,
      label:
        base === null
          ? fmtInt(value)
          : over
            ? `${fmtInt(value)} · more than ${base}`
            : `${fmtInt(value)} · ${fmtRate(share)} of ${base}`,
    };
  });
}

export function FunnelChart({ data }: { data: Engagement }) {
  const rows = funnelRows(data);
  const summary = `Funnel from ${fmtInt(data.totals.sent)} sent: ${rows
    .slice(1)
    .map(
      (r) =>
        `${fmtInt(r.value)} ${r.stage.toLowerCase()} (${r.over ? `more than ${r.base}` : `${fmtRate(r.share)} of ${r.base}`})`,
    )
    .join(", ")}.`;
  return (
    <ChartCard
      title="Funnel"
      description={`Each stage as a share of its base, as on the cards: delivered of sent; opened, clicked and replied of delivered; interested of replied. Opened, clicked, replied and interested are people × steps${data.replies === "human" ? "; replied counts people's replies only" : ""}.`}
      csv={{
        name: csvFileName(data.campaign.name, "funnel", data.from, data.to, data.tz),
        build: () =>
          toCsv(rows, [
            { header: "stage", value: (r) => r.key },
            { header: "count", value: (r) => r.value },
            { header: "base", value: (r) => r.base },
            { header: "share_of_base", value: (r) => r.share?.toFixed(4) },
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
