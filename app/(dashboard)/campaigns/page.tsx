import { ChartNoAxesCombined } from "lucide-react";
import { NoData } from "@/components/shell/no-data";
import { PageHeader } from "@/components/ui/page-header";
import { workspaceCounts } from "@/lib/server/queries/workspace";

export const dynamic = "force-dynamic";
export const metadata = { title: "Campaigns" };

export default async function CampaignsPage() {
  const counts = await workspaceCounts();
  return (
    <div className="space-y-6">
      <PageHeader title="Campaigns" description="Engagement of every campaign, one set of rate definitions." />
      {counts.campaigns === 0 ? <NoData icon={ChartNoAxesCombined} what="campaigns" counts={counts} /> : <p className="text-sm text-muted-foreground">{counts.campaigns} campaigns.</p>}
    </div>
  );
}
