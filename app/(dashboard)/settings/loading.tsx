import { PageSkeleton } from "@/components/ui/page-skeleton";
import { SkeletonGroup } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading settings" action="w-36">
      <SkeletonGroup className="grid gap-4 lg:grid-cols-2" count={4} item="h-52 rounded-xl" />
    </PageSkeleton>
  );
}
