import { EngagementSkeleton } from "@/components/campaigns/engagement-skeleton";
import { PageSkeleton } from "@/components/ui/page-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading campaign" back="w-28" title="w-72">
      <Skeleton className="h-[74px] w-full" />
      <EngagementSkeleton />
    </PageSkeleton>
  );
}
