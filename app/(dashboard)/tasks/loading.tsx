import { TasksSkeleton } from "@/components/tasks/tasks-skeleton";
import { PageSkeleton } from "@/components/ui/page-skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading tasks" title="w-32">
      <TasksSkeleton />
    </PageSkeleton>
  );
}
