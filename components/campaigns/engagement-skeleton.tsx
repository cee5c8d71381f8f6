import { Skeleton, SkeletonGroup } from "@/components/ui/skeleton";

/** The campaign page's charts while they load, at their final sizes (no layout shift). */
export function EngagementSkeleton() {
  return (
    <div className="space-y-6" aria-busy="true" aria-label="Loading engagement">
      <SkeletonGroup className="grid grid-cols-2 gap-3 sm:grid-cols-4 xl:grid-cols-7" count={7} item="h-[84px]" />
      <Skeleton className="h-[420px]" />
      <SkeletonGroup className="grid gap-6 xl:grid-cols-2" count={2} item="h-[360px]" />
    </div>
  );
}
