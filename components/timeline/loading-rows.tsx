import { Skeleton } from "@/components/ui/skeleton";
import { DAY_ROW_HEIGHT, ITEM_ROW_HEIGHT } from "./rows";

// Placeholder rows of the final heights, for the list while a request has no rows to show yet.
// (The contact page has no loading.tsx of its own: a second Suspense boundary inside the
// dashboard's makes React reveal the page at least 300 ms after the first, and the page's
// first timeline rows are in its HTML anyway.)

/** A placeholder item row, of the final height. */
export function SkeletonItem() {
  return (
    <div className="pb-2" aria-hidden>
      <div className="flex items-center gap-3 rounded-lg border bg-card px-3" style={{ height: ITEM_ROW_HEIGHT - 8 }}>
        <Skeleton className="size-8 rounded-full" />
        <div className="flex-1 space-y-2">
          <Skeleton className="h-3.5 w-2/5" />
          <Skeleton className="h-3 w-3/5" />
        </div>
        <Skeleton className="h-3 w-10" />
      </div>
    </div>
  );
}

/** The first load: rows of the final heights, so nothing moves when the items arrive. */
export function LoadingRows({ count = 8 }: { count?: number }) {
  return (
    <div aria-hidden>
      <div className="flex items-end pb-2" style={{ height: DAY_ROW_HEIGHT }}>
        <Skeleton className="h-3 w-24" />
      </div>
      {Array.from({ length: count }, (_, i) => (
        <SkeletonItem key={i} />
      ))}
    </div>
  );
}
