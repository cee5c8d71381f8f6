import { PageSkeleton } from "@/components/ui/page-skeleton";
import { Skeleton, SkeletonGroup } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading" title="w-48" description="w-80">
      <SkeletonGroup className="grid gap-4 md:grid-cols-3" count={3} item="h-28" />
      <Skeleton className="h-96" />
    </PageSkeleton>
  );
}
