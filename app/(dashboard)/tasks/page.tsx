import { ListChecks } from "@/components/ui/icons";
import { NoData } from "@/components/shell/no-data";
import { TasksHeaderActions } from "@/components/tasks/header-actions";
import { TasksView } from "@/components/tasks/tasks-view";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/server/auth/current-user";
import { linkedIdentities } from "@/lib/server/identities/me";
import { workspaceCounts } from "@/lib/server/queries/workspace";
import { getDb } from "@/lib/server/store/db";
import { vendorNames } from "@/lib/vendors/metas";

export const dynamic = "force-dynamic";
export const metadata = { title: "Tasks" };

export default async function TasksPage() {
  const user = await requireUser();
  const [counts, identities] = await Promise.all([workspaceCounts(), linkedIdentities(await getDb(), user.id)]);
  // Members open on their own tasks; everyone can switch between "Assigned to me" and "Everyone".
  const defaultMine = user.role === "member";
  return (
    <div className="space-y-6">
      <PageHeader
        title="Tasks"
        description={`What is due and what is overdue, across ${vendorNames((m) => m.hasTasks)}.`}
        actions={counts.connections === 0 ? undefined : <TasksHeaderActions defaultMine={defaultMine} />}
      />
      {counts.connections === 0 ? (
        <NoData icon={ListChecks} what="tasks" counts={counts} />
      ) : (
        <TasksView defaultMine={defaultMine} hasIdentities={identities.length > 0} />
      )}
    </div>
  );
}
