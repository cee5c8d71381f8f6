import { Gauge } from "lucide-react";
import { NoData } from "@/components/shell/no-data";
import { PageHeader } from "@/components/ui/page-header";
import { workspaceCounts } from "@/lib/server/queries/workspace";

export const dynamic = "force-dynamic";

export default async function OverviewPage() {
  const counts = await workspaceCounts();
  return (
    <div className="space-y-6">
      <PageHeader title="Overview" description="This week across every vendor." />
      {counts.activities === 0 ? (
        <NoData icon={Gauge} what="activity" counts={counts} />
      ) : (
        <p className="text-sm text-muted-foreground">
          {counts.contacts} contacts, {counts.activities} activities, {counts.openTasks} open tasks, {counts.campaigns} campaigns.
        </p>
      )}
    </div>
  );
}
