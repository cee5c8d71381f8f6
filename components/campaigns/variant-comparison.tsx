"use client";

import { ChartFrame } from "@/components/ui/chart";
import type { Engagement, VariantRow } from "@/lib/model/engagement";
import { ChartCard } from "./chart-card";
import { countColumns, csvFileName, rateColumns, toCsv } from "./csv";
import { fmtInt, fmtPts, fmtRate } from "./format";
import { VariantPlot } from "./lazy-plots";
import { FigureCell, FigureRow, RateCell } from "./figure-cells";
import { Hint } from "./rate";
import { rateSeries } from "./series";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { FigureTableHead } from "@/components/ui/table-head";

const BARS = rateSeries("open", "reply");

/**
 * Two-proportion z-test on reply rates (replied / delivered): is the gap between two
 * variants larger than chance would make it? |z| ≥ 1.96 ⇔ 95 % confidence.
 */
export function replyRateTest(a: VariantRow, b: VariantRow): { diff: number; z: number; significant: boolean } | null {
  if (a.delivered === 0 || b.delivered === 0) return null;
  const pa = a.replied / a.delivered;
  const pb = b.replied / b.delivered;
  const p = (a.replied + b.replied) / (a.delivered + b.delivered);
  const se = Math.sqrt(p * (1 - p) * (1 / a.delivered + 1 / b.delivered));
  const z = se > 0 ? (pb - pa) / se : 0;
  return { diff: pb - pa, z, significant: Math.abs(z) >= 1.96 };
}

export function VariantComparison({ data }: { data: Engagement }) {
  const rows = data.byVariant;
  const base = rows[0];
  const ranked = [...rows].sort((x, y) => (y.rates.reply ?? -1) - (x.rates.reply ?? -1));
  const leader = ranked[0];
  const runnerUp = ranked[1];
  const test = leader && runnerUp ? replyRateTest(runnerUp, leader) : null;
  const summary = `Bar chart of open and reply rates by A/B variant: ${rows.map((r) => `variant ${r.variant}: open ${fmtRate(r.rates.open)}, reply ${fmtRate(r.rates.reply)}`).join("; ")}.`;
  return (
    <ChartCard
      title="A/B variants"
      description={
        test && leader && runnerUp ? (
          <>
            Variant {leader.variant}&apos;s reply rate is {fmtPts(test.diff).replace(/^\+/, "")} above{" "}
            {runnerUp.variant}&apos;s
            {test.significant
              ? " — a real difference (95 % confidence)."
              : " — not yet a clear difference: it could still be chance."}
          </>
        ) : (
          "Reply rate of each variant, and how far apart they are."
        )
      }
      csv={
        rows.length
          ? {
              name: csvFileName(data.campaign.name, "variants", data.from, data.to, data.tz),
              build: () =>
                toCsv(rows, [
                  { header: "variant", value: (r) => r.variant },
                  ...countColumns(
                    (r: VariantRow, k) => r[k],
                    ["sent", "delivered", "opened", "clicked", "replied", "bounced", "interested"],
                  ),
                  ...rateColumns(["open", "click", "reply", "bounce"], (r: VariantRow, k) => r.rates[k]),
                  {
                    header: `reply_rate_difference_vs_${base?.variant ?? ""}`,
                    value: (r) =>
                      base && r.rates.reply !== null && base.rates.reply !== null
                        ? (r.rates.reply - base.rates.reply).toFixed(4)
                        : "",
                  },
                ]),
            }
          : null
      }
    >
      {rows.length === 0 ? (
        <p className="flex h-40 items-center justify-center rounded-lg border border-dashed px-4 text-center text-sm text-muted-foreground">
          This campaign has no A/B test in this range. Variants appear here when the vendor tests two versions of a
          step.
        </p>
      ) : (
        <div className="grid grid-cols-1 gap-4 [&>*]:min-w-0">
          <ChartFrame config={BARS} summary={summary} className="h-48">
            <VariantPlot rows={rows} />
          </ChartFrame>
          <ScrollRegion label="Engagement by A/B variant">
            <table className="w-full text-sm">
              <caption className="sr-only">Engagement by A/B variant</caption>
              <FigureTableHead
                rowLabel="Variant"
                cells={["Delivered", "Open rate", "Replied", "Reply rate", { label: <>vs {base?.variant}</> }]}
              />
              <tbody>
                {rows.map((r) => {
                  const t = base && r !== base ? replyRateTest(base, r) : null;
                  return (
                    <FigureRow key={r.variant} name={r.variant}>
                      <FigureCell>{fmtInt(r.delivered)}</FigureCell>
                      <RateCell rate="open" value={r.rates.open} counts={r} />
                      <FigureCell>{fmtInt(r.replied)}</FigureCell>
                      <RateCell rate="reply" value={r.rates.reply} counts={r} />
                      <FigureCell>
                        {t ? (
                          <Hint
                            content={`Difference in reply rate, ${r.variant} − ${base!.variant}; z = ${t.z.toFixed(2)} (${t.significant ? "significant at 95 %" : "not significant yet"}).`}
                          >
                            {fmtPts(t.diff)}
                          </Hint>
                        ) : (
                          <span className="font-sans text-muted-foreground">baseline</span>
                        )}
                      </FigureCell>
                    </FigureRow>
                  );
                })}
              </tbody>
            </table>
          </ScrollRegion>
        </div>
      )}
    </ChartCard>
  );
}
