import { ListChecks } from "lucide-react";
import { NoData } from "@/components/shell/no-data";
import { PageHeader } from "@/components/ui/page-header";
import { workspaceCounts } from "@/lib/server/queries/workspace";

export const dynamic = "force-dynamic";
export const metadata = { title: "Tasks" };

export default async function TasksPage() {
  const counts = await workspaceCounts();
  return (
    <div className="space-y-6">
      <PageHeader title="Tasks" description="What is due, across lemlist, Close and Leadlex." />
      {counts.openTasks === 0 ? <NoData icon={ListChecks} what="open tasks" counts={counts} /> : <p className="text-sm text-muted-foreground">{counts.openTasks} open tasks.</p>}
    </div>
  );
}
