import { Skeleton, SkeletonGroup, SkeletonTable } from "@/components/ui/skeleton";

/** The tasks page's shape while it loads: toolbar rows and a table, so nothing jumps when data arrives. */
export function TasksSkeleton() {
  return (
    <div className="space-y-4" aria-busy="true" aria-label="Loading tasks">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Skeleton className="h-9 w-[38rem] max-w-full" />
        <SkeletonGroup className="flex gap-2" items={["h-8 w-44", "h-8 w-28"]} />
      </div>
      <div className="flex flex-wrap gap-2">
        <Skeleton className="h-8 w-64" />
        {[20, 20, 16, 22, 24].map((w, i) => (
          <Skeleton key={i} className="h-8" style={{ width: `${w * 0.25}rem` }} />
        ))}
      </div>
      <SkeletonTable
        rows={8}
        rowClassName="h-14 px-3"
        cells={["h-4 w-28", "h-4 flex-1", "h-4 w-20", "h-4 w-20", "h-4 w-32"]}
      />
    </div>
  );
}

/** The grouped view's shape while its code or counts load. */
export function GroupedSkeleton() {
  return (
    <div className="space-y-6" aria-hidden>
      {[3, 2].map((n, i) => (
        <div key={i} className="space-y-2">
          <Skeleton className="h-4 w-28" />
          <div className="divide-y rounded-xl border bg-card">
            {Array.from({ length: n }, (_, j) => (
              <div key={j} className="flex h-16 items-center gap-4 px-4">
                <Skeleton className="h-4 w-24" />
                <Skeleton className="h-4 flex-1" />
              </div>
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}
