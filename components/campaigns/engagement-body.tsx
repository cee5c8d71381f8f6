"use client";

import { ChartNoAxesCombined } from "@/components/ui/icons";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { Engagement } from "@/lib/model/engagement";
import { CompletenessNote } from "./completeness-note";
import { fmtCalendarDay } from "./format";
import { FunnelChart } from "./funnel-chart";
import { KpiCards } from "./kpi-cards";
import { OverTimeChart } from "./over-time-chart";
import { StepBreakdown } from "./step-breakdown";
import { TopReplies } from "./top-replies";
import { VariantComparison } from "./variant-comparison";
import { VendorReported } from "./vendor-reported";

// The campaign page's figures, cards and tables, rendered on the server with the first
// answer; only the recharts drawings inside the cards load later (lazy-plots.tsx).

export default function EngagementBody({
  data,
  wholeCampaign,
  onReset,
}: {
  data: Engagement;
  wholeCampaign: boolean;
  onReset: () => void;
}) {
  const t = data.totals;
  const nothing = t.sent + t.opened + t.clicked + t.replied + t.bounced + t.interested + t.unsubscribed === 0;
  // An empty or draft campaign gets one empty state saying what will appear and when —
  // not a banner over panels of zeros and steps that do not exist.
  if (nothing) {
    const draft = data.campaign.status === "draft";
    return (
      <div className="space-y-6">
        {data.completeness.state === "partial" ? <CompletenessNote completeness={data.completeness} /> : null}
        <EmptyState
          icon={ChartNoAxesCombined}
          title={
            !wholeCampaign
              ? "No email activity in this range"
              : draft
                ? "A draft: nothing sent yet"
                : "No emails synced for this campaign yet"
          }
          action={
            wholeCampaign ? null : (
              <Button variant="secondary" onClick={onReset}>
                Show the whole campaign
              </Button>
            )
          }
        >
          {!wholeCampaign
            ? `Nothing was sent, opened or replied to between ${fmtCalendarDay(data.from)} and ${fmtCalendarDay(data.to)}.`
            : draft
              ? "Once the campaign is launched at the vendor, its sends, opens, replies and steps appear here after the next sync reads them."
              : "Its sends, opens and replies appear here after the next sync stores them."}
        </EmptyState>
      </div>
    );
  }
  return (
    <div className="space-y-6">
      {data.completeness.state === "partial" ? <CompletenessNote completeness={data.completeness} /> : null}
      <KpiCards data={data} />
      <OverTimeChart data={data} />
      <div className="grid gap-6 xl:grid-cols-2">
        <FunnelChart data={data} />
        <VariantComparison data={data} />
      </div>
      <StepBreakdown data={data} />
      <div className="grid gap-6 xl:grid-cols-2">
        <TopReplies data={data} />
        <VendorReported data={data} wholeCampaign={wholeCampaign} />
      </div>
    </div>
  );
}
