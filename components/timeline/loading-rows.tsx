import { Skeleton } from "@/components/ui/skeleton";
import { DAY_ROW_HEIGHT, ITEM_ROW_HEIGHT } from "./rows";

// Not a client module: the route's loading.tsx (a server component) renders these, and importing
// them from timeline-list would make the whole list (its rows and queries) a second client chunk
// group that the loading state fetches, duplicating the modules it shares with the page.

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
