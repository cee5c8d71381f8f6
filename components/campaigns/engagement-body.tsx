"use client";

import { ChartNoAxesCombined } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { Engagement } from "@/lib/model/engagement";
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
  return (
    <div className="space-y-6">
      {nothing ? (
        <EmptyState
          icon={ChartNoAxesCombined}
          title="No email activity in this range"
          action={
            wholeCampaign ? null : (
              <Button variant="secondary" onClick={onReset}>
                Show the whole campaign
              </Button>
            )
          }
        >
          {wholeCampaign
            ? "Touchline has no emails for this campaign yet. They appear after the next sync stores them."
            : `Nothing was sent, opened or replied to between ${fmtCalendarDay(data.from)} and ${fmtCalendarDay(data.to)}.`}
        </EmptyState>
      ) : null}
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
