import { LoadingRows } from "@/components/timeline/loading-rows";
import { PageSkeleton } from "@/components/ui/page-skeleton";
import { Skeleton, SkeletonGroup } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading contact" title="w-64">
      <SkeletonGroup className="-mt-2 flex gap-2" count={3} item="h-6 w-28" />
      <Skeleton className="h-24 w-full" />
      <div className="space-y-3">
        <Skeleton className="h-5 w-24" />
        <Skeleton className="h-8 w-full max-w-3xl" />
        <LoadingRows />
      </div>
    </PageSkeleton>
  );
}
