import { ListChecks } from "lucide-react";
import { NoData } from "@/components/shell/no-data";
import { TasksHeaderActions } from "@/components/tasks/header-actions";
import { TasksView } from "@/components/tasks/tasks-view";
import { PageHeader } from "@/components/ui/page-header";
import { workspaceCounts } from "@/lib/server/queries/workspace";

export const dynamic = "force-dynamic";
export const metadata = { title: "Tasks" };

export default async function TasksPage() {
  const counts = await workspaceCounts();
  return (
    <div className="space-y-6">
      <PageHeader
        title="Tasks"
        description="What is due and what is overdue, across lemlist, Close and Leadlex."
        actions={counts.connections === 0 ? undefined : <TasksHeaderActions />}
      />
      {counts.connections === 0 ? <NoData icon={ListChecks} what="tasks" counts={counts} /> : <TasksView />}
    </div>
  );
}
