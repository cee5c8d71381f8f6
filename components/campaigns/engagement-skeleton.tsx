import { Skeleton } from "@/components/ui/skeleton";

/** The campaign page's charts while they load, at their final sizes (no layout shift). */
export function EngagementSkeleton() {
  return (
    <div className="space-y-6" aria-busy="true" aria-label="Loading engagement">
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4 xl:grid-cols-7">
        {Array.from({ length: 7 }, (_, i) => (
          <Skeleton key={i} className="h-[84px]" />
        ))}
      </div>
      <Skeleton className="h-[420px]" />
      <div className="grid gap-6 xl:grid-cols-2">
        <Skeleton className="h-[360px]" />
        <Skeleton className="h-[360px]" />
      </div>
    </div>
  );
}
