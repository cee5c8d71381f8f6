import { EngagementSkeleton } from "@/components/campaigns/engagement-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div className="space-y-6" aria-busy="true" aria-label="Loading campaign">
      <div className="space-y-3">
        <Skeleton className="h-4 w-28" />
        <Skeleton className="h-8 w-72" />
        <Skeleton className="h-5 w-96" />
      </div>
      <Skeleton className="h-[74px] w-full" />
      <EngagementSkeleton />
    </div>
  );
}
