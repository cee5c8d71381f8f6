import { EngagementSkeleton } from "@/components/campaigns/engagement-skeleton";
import { Skeleton, SkeletonGroup } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div className="space-y-6" aria-busy="true" aria-label="Loading campaign">
      {/* The campaign header: back link, name, vendor and dates. */}
      <SkeletonGroup className="space-y-3" items={["h-4 w-28", "h-8 w-72", "h-5 w-96"]} />
      <Skeleton className="h-[74px] w-full" />
      <EngagementSkeleton />
    </div>
  );
}
